package io.github.nativeipc.posix;

import static io.github.nativeipc.bindings.PosixConstants.O_CLOEXEC;
import static io.github.nativeipc.bindings.PosixConstants.O_CREAT;
import static io.github.nativeipc.bindings.PosixConstants.O_EXCL;
import static io.github.nativeipc.bindings.PosixConstants.O_RDONLY;
import static io.github.nativeipc.bindings.PosixConstants.O_RDWR;

import io.github.nativeipc.bindings.Errno;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.bindings.PosixConstants;
import io.github.nativeipc.error.ClosedException;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import java.lang.ref.Cleaner;

/**
 * A POSIX shared-memory object ({@code shm_open}): a named, sizeable piece of memory that any
 * process can open by name and map, such as a C program calling {@code shm_open("/orders", ...)}
 * and {@code mmap}.
 *
 * <h2>Ownership</h2>
 * {@link #create} makes a new object and fails if the name exists; {@link #open} requires it to
 * exist; {@link #openOrCreate} does either and tells which ({@link #created()}). {@link #close()}
 * releases this process's descriptor only; the name lives on until {@link #unlink()} (or
 * {@code close()} when {@link CreateOptions#unlinkOnClose} was chosen and this process created
 * it). Mappings made with {@link #map} outlive {@code close()} and are closed on their own. A
 * {@link Cleaner} closes the descriptor of an object that was never closed; it never unlinks.
 *
 * <h2>Permissions</h2>
 * A new object gets {@link CreateOptions#mode()} (default {@code 0600}) through {@code fchmod}
 * after {@code shm_open}, so the process umask does not narrow it.
 *
 * <h2>Thread safety</h2>
 * All methods are safe to call concurrently. {@code close()} from another thread lets calls in
 * progress finish; the descriptor is closed when the last one returns, and later calls throw
 * {@link io.github.nativeipc.error.ClosedException}.
 */
public final class PosixSharedMemory extends MemoryObject {
    private final boolean created;
    private final boolean unlinkOnClose;

    private PosixSharedMemory(String name, int fd, Access access, boolean created, boolean unlinkOnClose) {
        super(name, fd, access);
        this.created = created;
        this.unlinkOnClose = unlinkOnClose;
    }

    // ---------------------------------------------------------------- opening

    /**
     * Creates a new object of {@code size} bytes with mode {@code 0600}, failing if the name exists.
     * Calls {@code shm_open(name, O_CREAT|O_EXCL|O_RDWR, 0600)}, {@code fchmod}, {@code ftruncate}.
     *
     * @throws io.github.nativeipc.error.AlreadyExistsException if {@code name} exists
     * @throws io.github.nativeipc.error.InvalidArgumentException if the name or size is invalid
     * @throws io.github.nativeipc.error.PermissionDeniedException, LimitReachedException as the OS reports
     */
    public static PosixSharedMemory create(String name, long size) throws IpcException {
        return create(name, size, CreateOptions.defaults());
    }

    /** Like {@link #create(String, long)} with the given mode and unlink-on-close choice. */
    public static PosixSharedMemory create(String name, long size, CreateOptions options) throws IpcException {
        PosixNames.validate(name, PosixNames.Kind.SHARED_MEMORY, "shm_open");
        checkSize(name, size);
        int fd = createExclusive(name, options.mode());
        if (fd < 0) {
            throw Syscalls.error(openCall(name, O_CREAT | O_EXCL | O_RDWR, options.mode()), name);
        }
        return initialise(name, fd, size, options);
    }

    /**
     * Opens an existing object for reading and writing: {@code shm_open(name, O_RDWR, 0)}.
     *
     * @throws io.github.nativeipc.error.NotFoundException if {@code name} does not exist
     * @throws io.github.nativeipc.error.PermissionDeniedException if its mode does not allow it
     */
    public static PosixSharedMemory open(String name) throws IpcException {
        return open(name, Access.READ_WRITE);
    }

    /**
     * Opens an existing object: {@code shm_open(name, O_RDONLY or O_RDWR, 0)}. A read-only object
     * can only be mapped read-only.
     */
    public static PosixSharedMemory open(String name, Access access) throws IpcException {
        PosixNames.validate(name, PosixNames.Kind.SHARED_MEMORY, "shm_open");
        if (access == Access.WRITE_ONLY) {
            throw Errors.invalidArgument("shm_open(" + Syscalls.quote(name) + ", O_WRONLY)", name,
                    "shared memory cannot be mapped write-only; use READ_WRITE");
        }
        int flags = (access == Access.READ_ONLY ? O_RDONLY : O_RDWR);
        int fd = C.shm_open(name, flags | O_CLOEXEC, 0);
        if (fd < 0) {
            throw Syscalls.error(openCall(name, flags, 0), name);
        }
        return new PosixSharedMemory(name, fd, access, false, false);
    }

    /**
     * Opens {@code name} for reading and writing, creating it with {@code size} bytes if it does
     * not exist. An existing object keeps its size. {@link #created()} tells which happened.
     *
     * <p>Creating is {@code shm_open} then {@code ftruncate}: a process that opens the object in
     * between sees it with size 0 (and {@link #map()} refuses an empty object). When several
     * processes race to create, the openers should wait for a non-zero {@link #size()}, or the
     * creator should publish readiness some other way (a semaphore, a flag in the object).
     */
    public static PosixSharedMemory openOrCreate(String name, long size) throws IpcException {
        return openOrCreate(name, size, CreateOptions.defaults());
    }

    /** Like {@link #openOrCreate(String, long)} with the given options for the creating case. */
    public static PosixSharedMemory openOrCreate(String name, long size, CreateOptions options) throws IpcException {
        PosixNames.validate(name, PosixNames.Kind.SHARED_MEMORY, "shm_open");
        checkSize(name, size);
        for (;;) {
            int fd = createExclusive(name, options.mode());
            if (fd >= 0) {
                return initialise(name, fd, size, options);
            }
            if (Native.errno() != Errno.EEXIST.value()) {
                throw Syscalls.error(openCall(name, O_CREAT | O_EXCL | O_RDWR, options.mode()), name);
            }
            fd = C.shm_open(name, O_RDWR | O_CLOEXEC, 0);
            if (fd >= 0) {
                return new PosixSharedMemory(name, fd, Access.READ_WRITE, false, false);
            }
            if (Native.errno() != Errno.ENOENT.value()) {
                throw Syscalls.error(openCall(name, O_RDWR, 0), name);
            }
            // Removed between our two calls: try creating again.
        }
    }

    /**
     * Removes {@code name} ({@code shm_unlink}). Processes that have it open or mapped keep using
     * it; the memory is freed when the last of them lets go.
     *
     * @throws io.github.nativeipc.error.NotFoundException if {@code name} does not exist
     */
    public static void unlink(String name) throws IpcException {
        PosixNames.validate(name, PosixNames.Kind.SHARED_MEMORY, "shm_unlink");
        if (C.shm_unlink(name) != 0) {
            throw Syscalls.error("shm_unlink(" + Syscalls.quote(name) + ")", name);
        }
    }

    private static int createExclusive(String name, int mode) {
        return C.shm_open(name, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, mode);
    }

    private static PosixSharedMemory initialise(String name, int fd, long size, CreateOptions options)
            throws IpcException {
        try {
            if (C.fchmod(fd, options.mode()) != 0) {
                throw Syscalls.error("fchmod(" + fd + ", " + Syscalls.mode(options.mode()) + ")", name);
            }
            if (C.ftruncate(fd, size) != 0) {
                throw Syscalls.error("ftruncate(" + fd + ", " + size + ")", name);
            }
        } catch (IpcException e) {
            C.close(fd);
            C.shm_unlink(name);
            throw e;
        }
        return new PosixSharedMemory(name, fd, Access.READ_WRITE, true, options.unlinkOnClose());
    }

    private static void checkSize(String name, long size) throws IpcException {
        if (size < 0) {
            throw Errors.invalidArgument("ftruncate(" + size + ")", name, "size must not be negative");
        }
    }

    private static String openCall(String name, int flags, int mode) {
        return "shm_open(" + Syscalls.quote(name) + ", " + Syscalls.openFlags(flags) + ", " + Syscalls.mode(mode) + ")";
    }

    // ---------------------------------------------------------------- properties

    /** The object's name, such as {@code /orders}. */
    public String name() {
        return name;
    }

    /** Whether this process created the object (as opposed to opening an existing one). */
    public boolean created() {
        return created;
    }

    // ---------------------------------------------------------------- changes

    /** Removes the name ({@link #unlink(String)}); this handle and mappings stay usable. */
    public void unlink() throws IpcException {
        unlink(name);
    }

    // ---------------------------------------------------------------- closing

    /**
     * Closes this process's descriptor ({@code close}); mappings stay valid. If the object was
     * created here with {@link CreateOptions#unlinkOnClose}, also removes the name (an already
     * removed name is not an error). Idempotent.
     *
     * @throws IpcException if removing the name fails
     */
    @Override
    public void close() throws IpcException {
        super.close();
    }

    @Override
    void afterClose() throws IpcException {
        if (unlinkOnClose && created && C.shm_unlink(name) != 0 && Native.errno() != Errno.ENOENT.value()) {
            throw Syscalls.error("shm_unlink(" + Syscalls.quote(name) + ")", name);
        }
    }

    @Override
    public String toString() {
        return "PosixSharedMemory[" + name + ", " + access + (isOpen() ? "" : ", closed") + "]";
    }
}
