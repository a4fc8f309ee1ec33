package io.github.nativeipc.posix;

import io.github.nativeipc.bindings.Errno;
import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.error.ClosedException;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.handle.HandleGuard;
import io.github.nativeipc.memory.MappedMemory;
import java.lang.ref.Cleaner;

/**
 * A memory object reached through a file descriptor: a named POSIX shared-memory object
 * ({@link PosixSharedMemory}) or an anonymous memory file ({@link MemFd}). What they share lives
 * here: the size ({@code fstat}, {@code ftruncate}), the mode ({@code fchmod}), mapping into a
 * bounds-checked {@link MappedMemory}, and lending the descriptor to a child or a socket peer.
 *
 * <h2>Ownership</h2>
 * {@link #close()} closes this process's descriptor; mappings made with {@link #map} outlive it and
 * are closed on their own. A {@link Cleaner} closes the descriptor of an object never closed.
 *
 * <h2>Thread safety</h2>
 * All methods are safe to call concurrently. {@code close()} from another thread lets calls in
 * progress finish; the descriptor is closed when the last one returns, and later calls throw
 * {@link ClosedException}.
 */
public abstract sealed class MemoryObject implements AutoCloseable, DescriptorOwner permits PosixSharedMemory, MemFd {
    static final LibC C = Native.libc();

    final String name;
    final int fd;
    final Access access;
    final HandleGuard guard;
    private final Cleaner.Cleanable cleanable;

    MemoryObject(String name, int fd, Access access) {
        this.name = name;
        this.fd = fd;
        this.access = access;
        this.guard = new HandleGuard(() -> C.close(fd));
        this.cleanable = Syscalls.CLEANER.register(this, guard::close);
    }

    /** How this process opened the object. */
    public Access access() {
        return access;
    }

    /** Whether this handle is still open. */
    public boolean isOpen() {
        return !guard.isClosed();
    }

    /**
     * The object's current size in bytes, as {@code fstat} reports it now (another process may
     * have changed it).
     */
    public long size() throws IpcException {
        return status().size();
    }

    /** {@code fstat}: size, permission bits and owner. */
    public FileStatus status() throws IpcException {
        enter("fstat");
        try {
            return Stat.status(fd, name);
        } finally {
            guard.exit();
        }
    }

    /**
     * Sets the object's size ({@code ftruncate}). Shrinking it under mappings of other processes
     * makes their accesses past the new end fail; this library reports that as
     * {@link io.github.nativeipc.memory.MappingTruncatedException}.
     *
     * @throws io.github.nativeipc.error.InvalidArgumentException for a negative size
     * @throws io.github.nativeipc.error.PermissionDeniedException if the object is read-only here or
     *         sealed against the change ({@code EPERM})
     */
    public void truncate(long size) throws IpcException {
        if (size < 0) {
            throw Errors.invalidArgument("ftruncate(" + size + ")", name, "size must not be negative");
        }
        enter("ftruncate");
        try {
            if (C.ftruncate(fd, size) != 0) {
                throw Syscalls.error("ftruncate(" + fd + ", " + size + ")", name);
            }
        } finally {
            guard.exit();
        }
    }

    /**
     * Makes the kernel back the whole object now: {@code fallocate(fd, 0, 0, size())}. Memory of a
     * tmpfs object ({@code /dev/shm}, memfd) is otherwise taken page by page when first touched, and
     * a touch the file system cannot back faults ({@code SIGBUS}, reported as
     * {@link io.github.nativeipc.memory.MappingFaultException}); after {@code allocate()} no touch
     * can. The usual case is a container, whose {@code /dev/shm} is 64 MB unless
     * {@code --shm-size} says otherwise. Blocks while the kernel clears the pages.
     *
     * @throws io.github.nativeipc.error.LimitReachedException if the file system has no room
     *         ({@code ENOSPC}); the pages this call took are given back
     * @throws io.github.nativeipc.error.NotSupportedException where the file system cannot
     *         ({@code EOPNOTSUPP}: not Linux, or not tmpfs)
     * @throws io.github.nativeipc.error.PermissionDeniedException if the object is read-only here
     *         or sealed against growing
     */
    public void allocate() throws IpcException {
        long size = size();
        if (size == 0) {
            return;
        }
        enter("fallocate");
        try {
            if (C.fallocate(fd, 0, 0, size) != 0) {
                int errno = Native.errno();
                String detail = errno == Errno.ENOSPC.value()
                        ? "the file system holding " + name + " cannot back " + size + " bytes (tmpfs /dev/shm: its size= mount"
                                + " option; in a Docker container --shm-size, 64 MB by default)"
                        : null;
                throw Errors.fromErrno(errno, "fallocate(" + fd + ", 0, 0, " + size + ")", name, detail);
            }
        } finally {
            guard.exit();
        }
    }

    /** Sets the permission bits ({@code fchmod}); only the owner (or root) may. */
    public void setMode(int mode) throws IpcException {
        if ((mode & ~0777) != 0) {
            throw Errors.invalidArgument("fchmod(" + Syscalls.mode(mode) + ")", name, "mode has bits outside 0777");
        }
        enter("fchmod");
        try {
            if (C.fchmod(fd, mode) != 0) {
                throw Syscalls.error("fchmod(" + fd + ", " + Syscalls.mode(mode) + ")", name);
            }
        } finally {
            guard.exit();
        }
    }

    /**
     * Maps the whole object as it is now, readable and writable if the object was opened so,
     * read-only otherwise.
     *
     * @throws io.github.nativeipc.error.InvalidArgumentException if the object is empty
     */
    public MappedMemory map() throws IpcException {
        long size = size();
        return map(0, size, access);
    }

    /**
     * Maps {@code length} bytes from {@code offset} ({@code mmap(NULL, ..., MAP_SHARED, fd, ...)});
     * the offset need not be page-aligned. The range must lie within the object's current size,
     * so that no access can fall past its end.
     *
     * @param mapAccess {@link Access#READ_WRITE} needs the object opened read-write
     *                  ({@code EACCES} otherwise)
     * @throws io.github.nativeipc.error.InvalidArgumentException if the range is empty or outside the object
     * @throws io.github.nativeipc.error.PermissionDeniedException if a read-write mapping of a read-only
     *         handle is asked, or of a memfd sealed against writing
     * @throws io.github.nativeipc.error.LimitReachedException if address space or memory runs out ({@code ENOMEM})
     */
    public MappedMemory map(long offset, long length, Access mapAccess) throws IpcException {
        enter("mmap");
        try {
            return DescriptorMapping.map(fd, name, offset, length, mapAccess);
        } finally {
            guard.exit();
        }
    }

    /**
     * Closes this process's descriptor ({@code close}); mappings stay valid. Idempotent.
     *
     * @throws IpcException if a removal the object was asked to make on close fails
     */
    @Override
    public void close() throws IpcException {
        if (guard.close()) {
            cleanable.clean();
            afterClose();
        }
    }

    /** What a subclass does once, after the descriptor is released (such as removing a name). */
    void afterClose() throws IpcException {}

    /** Lends the descriptor (see {@link DescriptorOwner}). */
    @Override
    public int acquireDescriptor() throws ClosedException {
        guard.enterOrThrow("acquireDescriptor", name);
        return fd;
    }

    @Override
    public void releaseDescriptor() {
        guard.exit();
    }

    @Override
    public String describe() {
        return name;
    }

    final void enter(String call) throws IpcException {
        if (!guard.enter()) {
            throw Errors.closed(call, name);
        }
    }
}
