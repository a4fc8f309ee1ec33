package io.github.nativeipc;

import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.memory.MappedMemory;
import io.github.nativeipc.posix.PosixSharedMemory;
import java.util.Objects;

/**
 * Named shared memory, portable: POSIX shared memory ({@code shm_open} of {@link IpcName#posixName()},
 * {@code mmap}) on Linux and macOS. A C process opens the same object by the same name:
 * {@code shm_open("/orders", O_RDWR, 0)}.
 *
 * <p>{@link #map()} gives the library's {@link MappedMemory}: bounds-checked {@code ByteBuffer}
 * views and C11-compatible atomics, whatever the OS.
 *
 * <h2>Lifetime</h2>
 * {@link #close()} releases this process's handle (mappings stay valid until closed). On POSIX
 * the object lives until {@link #remove()} ({@code shm_unlink}), even with no process using it.
 * New objects get mode {@code 0600}.
 *
 * <p>Thread-safe.
 */
public final class SharedMemory implements AutoCloseable {
    private final IpcName name;
    private final PosixSharedMemory posix;

    private SharedMemory(IpcName name, PosixSharedMemory posix) {
        this.name = name;
        this.posix = posix;
    }

    /**
     * Creates {@code name} with {@code size} bytes, zero-filled; fails if it exists.
     *
     * @throws io.github.nativeipc.error.AlreadyExistsException if it exists
     * @throws io.github.nativeipc.error.NotSupportedException where the OS has no shared memory the facade can use
     */
    public static SharedMemory create(IpcName name, long size) throws IpcException {
        require(name, "SharedMemory.create");
        return new SharedMemory(name, PosixSharedMemory.create(name.posixName(), size));
    }

    /**
     * Opens the existing {@code name}, read-write.
     *
     * @throws io.github.nativeipc.error.NotFoundException if it does not exist
     */
    public static SharedMemory open(IpcName name) throws IpcException {
        require(name, "SharedMemory.open");
        return new SharedMemory(name, PosixSharedMemory.open(name.posixName()));
    }

    /** Opens {@code name}, creating it with {@code size} bytes if it does not exist. */
    public static SharedMemory openOrCreate(IpcName name, long size) throws IpcException {
        require(name, "SharedMemory.openOrCreate");
        return new SharedMemory(name, PosixSharedMemory.openOrCreate(name.posixName(), size));
    }

    private static void require(IpcName name, String operation) throws IpcException {
        Objects.requireNonNull(name, "name");
        Capabilities.current().require(Capability.POSIX_SHARED_MEMORY, operation + "(" + name + ")", name.toString());
    }

    /** Maps the whole object read-write ({@code mmap}). */
    public MappedMemory map() throws IpcException {
        return posix.map();
    }

    /** Its size in bytes ({@code fstat}). */
    public long size() throws IpcException {
        return posix.size();
    }

    /** Whether this handle created the object (false if it opened an existing one). */
    public boolean created() {
        return posix.created();
    }

    /** The portable name. */
    public IpcName name() {
        return name;
    }

    /**
     * Removes the name ({@code shm_unlink}): new opens fail, existing handles and mappings keep
     * working, and the memory is freed when the last is gone.
     *
     * @throws io.github.nativeipc.error.NotFoundException if it was removed already
     */
    public void remove() throws IpcException {
        posix.unlink();
    }

    /** Removes {@code name} without opening it ({@code shm_unlink}). */
    public static void remove(IpcName name) throws IpcException {
        require(name, "SharedMemory.remove");
        PosixSharedMemory.unlink(name.posixName());
    }

    /** Releases this handle; the object and its mappings stay. Idempotent. */
    @Override
    public void close() throws IpcException {
        posix.close();
    }

    @Override
    public String toString() {
        return "SharedMemory[" + name + " -> " + posix + "]";
    }

}
