package io.github.nativeipc.posix;

import static io.github.nativeipc.bindings.PosixConstants.O_CREAT;
import static io.github.nativeipc.bindings.PosixConstants.O_EXCL;
import static io.github.nativeipc.bindings.PosixConstants.SEM_FAILED;
import static io.github.nativeipc.bindings.PosixConstants.SEM_VALUE_MAX;

import io.github.nativeipc.bindings.Errno;
import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.bindings.Platform;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.handle.HandleGuard;
import java.lang.ref.Cleaner;

/**
 * A named POSIX semaphore ({@code sem_open}), shared by name with any process, such as a C
 * program calling {@code sem_open("/ready", 0)} and {@code sem_post}.
 *
 * <h2>Ownership</h2>
 * {@link #create} fails if the name exists, {@link #open} requires it, {@link #openOrCreate} does
 * either ({@link #created()} tells which). {@link #close()} releases this process's handle
 * ({@code sem_close}); the name stays until {@link #unlink()}, or until {@code close()} when this
 * process created it with {@link CreateOptions#unlinkOnClose}. A {@link Cleaner} closes a handle
 * that was never closed; it never unlinks.
 *
 * <h2>Permissions</h2>
 * The mode (default {@code 0600}) is applied after creation with {@code chmod} on the file glibc
 * keeps the semaphore in ({@code /dev/shm/sem.NAME}), so the umask does not narrow it. macOS
 * keeps no such file; there the umask applies.
 *
 * <p>Thread-safe; see {@link PosixSemaphore} for waiting and closing.
 */
public final class NamedSemaphore extends PosixSemaphore {
    private static final LibC C = Native.libc();

    private final String name;
    private final boolean created;
    private final boolean unlinkOnClose;
    private final Cleaner.Cleanable cleanable;

    private NamedSemaphore(String name, long sem, boolean created, boolean unlinkOnClose) {
        super(sem, new HandleGuard(() -> C.sem_close(sem)), name);
        this.name = name;
        this.created = created;
        this.unlinkOnClose = unlinkOnClose;
        this.cleanable = Syscalls.CLEANER.register(this, guard::close);
    }

    /**
     * Creates a semaphore with {@code initialValue} and mode {@code 0600}, failing if the name exists:
     * {@code sem_open(name, O_CREAT|O_EXCL, 0600, initialValue)}.
     *
     * @throws io.github.nativeipc.error.AlreadyExistsException if the name exists
     * @throws io.github.nativeipc.error.InvalidArgumentException for an invalid name or a value
     *         outside {@code 0..SEM_VALUE_MAX}
     */
    public static NamedSemaphore create(String name, int initialValue) throws IpcException {
        return create(name, initialValue, CreateOptions.defaults());
    }

    /** Like {@link #create(String, int)} with the given options. */
    public static NamedSemaphore create(String name, int initialValue, CreateOptions options) throws IpcException {
        validate(name, initialValue);
        long sem = C.sem_open(name, O_CREAT | O_EXCL, options.mode(), initialValue);
        if (sem == SEM_FAILED) {
            throw Syscalls.error(createCall(name, options.mode(), initialValue), name);
        }
        return created(name, sem, options);
    }

    /**
     * Opens an existing semaphore: {@code sem_open(name, 0)}.
     *
     * @throws io.github.nativeipc.error.NotFoundException if it does not exist
     * @throws io.github.nativeipc.error.PermissionDeniedException if its mode does not allow it
     */
    public static NamedSemaphore open(String name) throws IpcException {
        PosixNames.validate(name, PosixNames.Kind.SEMAPHORE, "sem_open");
        long sem = C.sem_open(name, 0);
        if (sem == SEM_FAILED) {
            throw Syscalls.error("sem_open(" + Syscalls.quote(name) + ", 0)", name);
        }
        return new NamedSemaphore(name, sem, false, false);
    }

    /**
     * Opens {@code name}, creating it with {@code initialValue} if it does not exist. An existing
     * semaphore keeps its value. {@link #created()} tells which happened.
     */
    public static NamedSemaphore openOrCreate(String name, int initialValue) throws IpcException {
        return openOrCreate(name, initialValue, CreateOptions.defaults());
    }

    /** Like {@link #openOrCreate(String, int)} with the given options for the creating case. */
    public static NamedSemaphore openOrCreate(String name, int initialValue, CreateOptions options)
            throws IpcException {
        validate(name, initialValue);
        for (;;) {
            long sem = C.sem_open(name, O_CREAT | O_EXCL, options.mode(), initialValue);
            if (sem != SEM_FAILED) {
                return created(name, sem, options);
            }
            if (Native.errno() != Errno.EEXIST.value()) {
                throw Syscalls.error(createCall(name, options.mode(), initialValue), name);
            }
            sem = C.sem_open(name, 0);
            if (sem != SEM_FAILED) {
                return new NamedSemaphore(name, sem, false, false);
            }
            if (Native.errno() != Errno.ENOENT.value()) {
                throw Syscalls.error("sem_open(" + Syscalls.quote(name) + ", 0)", name);
            }
        }
    }

    /**
     * Removes the name ({@code sem_unlink}); processes that have it open keep using it.
     *
     * @throws io.github.nativeipc.error.NotFoundException if it does not exist
     */
    public static void unlink(String name) throws IpcException {
        PosixNames.validate(name, PosixNames.Kind.SEMAPHORE, "sem_unlink");
        if (C.sem_unlink(name) != 0) {
            throw Syscalls.error("sem_unlink(" + Syscalls.quote(name) + ")", name);
        }
    }

    private static void validate(String name, int initialValue) throws IpcException {
        PosixNames.validate(name, PosixNames.Kind.SEMAPHORE, "sem_open");
        if (initialValue < 0 || initialValue > SEM_VALUE_MAX) {
            throw Errors.invalidArgument(createCall(name, 0600, initialValue), name,
                    "initial value must be within 0.." + SEM_VALUE_MAX);
        }
    }

    private static NamedSemaphore created(String name, long sem, CreateOptions options) throws IpcException {
        if (Platform.current().isLinux()) {
            String file = "/dev/shm/sem." + name.substring(1);
            if (C.chmod(file, options.mode()) != 0) {
                IpcException e = Syscalls.error("chmod(" + Syscalls.quote(file) + ", " + Syscalls.mode(options.mode()) + ")", name);
                C.sem_close(sem);
                C.sem_unlink(name);
                throw e;
            }
        }
        return new NamedSemaphore(name, sem, true, options.unlinkOnClose());
    }

    private static String createCall(String name, int mode, int value) {
        return "sem_open(" + Syscalls.quote(name) + ", O_CREAT|O_EXCL, " + Syscalls.mode(mode) + ", " + value + ")";
    }

    /** The semaphore's name, such as {@code /ready}. */
    public String name() {
        return name;
    }

    /** Whether this process created the semaphore. */
    public boolean created() {
        return created;
    }

    /** Removes the name ({@link #unlink(String)}); this handle stays usable. */
    public void unlink() throws IpcException {
        unlink(name);
    }

    /**
     * Releases this process's handle ({@code sem_close}, once no call of another thread is still
     * inside it) and, if opted in at creation, removes the name. Threads blocked in
     * {@link #acquire()} on this handle are woken at once and throw
     * {@link io.github.nativeipc.error.ClosedException}. Idempotent.
     */
    @Override
    public void close() throws IpcException {
        if (guard.close()) {
            cleanable.clean();
            wakeWaiters();
            if (unlinkOnClose && created && C.sem_unlink(name) != 0 && Native.errno() != Errno.ENOENT.value()) {
                throw Syscalls.error("sem_unlink(" + Syscalls.quote(name) + ")", name);
            }
        }
    }
}
