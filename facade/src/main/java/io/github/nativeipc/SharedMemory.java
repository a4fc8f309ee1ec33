package io.github.nativeipc;

import io.github.nativeipc.bindings.Platform;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.memory.MappedMemory;
import io.github.nativeipc.posix.PosixSharedMemory;
import io.github.nativeipc.windows.FileMapping;
import io.github.nativeipc.windows.MappingAccess;
import java.util.Objects;

/**
 * Named shared memory, portable: POSIX shared memory ({@code shm_open} of {@link IpcName#posixName()},
 * {@code mmap}) on Linux and macOS; a pagefile-backed file mapping ({@code CreateFileMappingW} of
 * {@link IpcName#windowsName()}, {@code MapViewOfFile}) on Windows. A C process opens the same
 * object by the same name: {@code shm_open("/orders", O_RDWR, 0)} or
 * {@code OpenFileMappingW(FILE_MAP_ALL_ACCESS, FALSE, L"Local\\orders")}.
 *
 * <p>{@link #map()} gives the library's {@link MappedMemory} on both: bounds-checked
 * {@code ByteBuffer} views and C11-compatible atomics (the same bytes a C peer reaches with
 * {@code atomic_fetch_add} or {@code InterlockedIncrement64}).
 *
 * <h2>Lifetime: where the OSes differ</h2>
 * {@link #close()} releases this process's handle (mappings stay valid until closed). On POSIX
 * the object lives until {@link #remove()} ({@code shm_unlink}), even with no process using it.
 * On Windows a section lives exactly as long as some process has a handle or a view: there is no
 * name to remove, so {@link #remove()} has nothing to do there, and the memory is gone once the
 * last user closes. New objects are private to this user: mode {@code 0600} on POSIX; the
 * default security of the creating process on Windows.
 *
 * <p>Thread-safe.
 */
public final class SharedMemory implements AutoCloseable {
    private static final boolean WINDOWS = Platform.current().os() == Platform.Os.WINDOWS;

    private final IpcName name;
    private final PosixSharedMemory posix;
    private final FileMapping windows;

    private SharedMemory(IpcName name, PosixSharedMemory posix, FileMapping windows) {
        this.name = name;
        this.posix = posix;
        this.windows = windows;
    }

    /**
     * Creates {@code name} with {@code size} bytes, zero-filled; fails if it exists.
     *
     * @throws io.github.nativeipc.error.AlreadyExistsException if it exists
     * @throws io.github.nativeipc.error.NotSupportedException where the OS has no shared memory the facade can use
     */
    public static SharedMemory create(IpcName name, long size) throws IpcException {
        require(name, "SharedMemory.create");
        return WINDOWS ? new SharedMemory(name, null, FileMapping.create(name.windowsName(), size))
                : new SharedMemory(name, PosixSharedMemory.create(name.posixName(), size), null);
    }

    /**
     * Opens the existing {@code name}, read-write.
     *
     * @throws io.github.nativeipc.error.NotFoundException if it does not exist
     */
    public static SharedMemory open(IpcName name) throws IpcException {
        require(name, "SharedMemory.open");
        return WINDOWS ? new SharedMemory(name, null, FileMapping.open(name.windowsName(), MappingAccess.READ_WRITE))
                : new SharedMemory(name, PosixSharedMemory.open(name.posixName()), null);
    }

    /** Opens {@code name}, creating it with {@code size} bytes if it does not exist (an existing one keeps its size). */
    public static SharedMemory openOrCreate(IpcName name, long size) throws IpcException {
        require(name, "SharedMemory.openOrCreate");
        return WINDOWS ? new SharedMemory(name, null, FileMapping.openOrCreate(name.windowsName(), size))
                : new SharedMemory(name, PosixSharedMemory.openOrCreate(name.posixName(), size), null);
    }

    private static void require(IpcName name, String operation) throws IpcException {
        Objects.requireNonNull(name, "name");
        Capabilities.current().require(WINDOWS ? Capability.WINDOWS_FILE_MAPPINGS : Capability.POSIX_SHARED_MEMORY,
                operation + "(" + name + ")", name.toString());
    }

    /** Maps the whole object read-write ({@code mmap}, {@code MapViewOfFile}). */
    public MappedMemory map() throws IpcException {
        return WINDOWS ? windows.map(MappingAccess.READ_WRITE) : posix.map();
    }

    /**
     * Its size in bytes: {@code fstat} on POSIX. On Windows the size it was created with when this
     * process created it; for a section opened by name, the size of a view of all of it
     * ({@code MapViewOfFile}, {@code VirtualQuery}), which is the section's size rounded up to whole
     * pages: Windows keeps no exact size that can be asked for.
     */
    public long size() throws IpcException {
        if (!WINDOWS) {
            return posix.size();
        }
        if (windows.size() >= 0) {
            return windows.size();
        }
        try (MappedMemory view = windows.map(MappingAccess.READ_ONLY)) {
            return view.size();
        }
    }

    /** Whether this handle created the object (false if it opened an existing one). */
    public boolean created() {
        return WINDOWS ? windows.created() : posix.created();
    }

    /** The portable name. */
    public IpcName name() {
        return name;
    }

    /**
     * Removes the name ({@code shm_unlink}): new opens fail, existing handles and mappings keep
     * working, and the memory is freed when the last is gone. Nothing to do on Windows (class notes).
     *
     * @throws io.github.nativeipc.error.NotFoundException on POSIX if it was removed already
     */
    public void remove() throws IpcException {
        if (!WINDOWS) {
            posix.unlink();   // a Windows section has no name to remove (class notes)
        }
    }

    /** Removes {@code name} without opening it ({@code shm_unlink}); nothing to do on Windows. */
    public static void remove(IpcName name) throws IpcException {
        require(name, "SharedMemory.remove");
        if (!WINDOWS) {
            PosixSharedMemory.unlink(name.posixName());
        }
    }

    /** Releases this handle; mappings stay until closed. Idempotent. */
    @Override
    public void close() throws IpcException {
        if (WINDOWS) {
            windows.close();
        } else {
            posix.close();
        }
    }

    @Override
    public String toString() {
        return "SharedMemory[" + name + " -> " + (WINDOWS ? windows : posix) + "]";
    }
}
