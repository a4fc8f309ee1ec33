package io.github.nativeipc.windows;

import static io.github.nativeipc.bindings.windows.Win32Constants.ALLOCATION_GRANULARITY;
import static io.github.nativeipc.bindings.windows.Win32Constants.FILE_ATTRIBUTE_NORMAL;
import static io.github.nativeipc.bindings.windows.Win32Constants.FILE_MAP_READ;
import static io.github.nativeipc.bindings.windows.Win32Constants.FILE_MAP_WRITE;
import static io.github.nativeipc.bindings.windows.Win32Constants.FILE_SHARE_DELETE;
import static io.github.nativeipc.bindings.windows.Win32Constants.FILE_SHARE_READ;
import static io.github.nativeipc.bindings.windows.Win32Constants.FILE_SHARE_WRITE;
import static io.github.nativeipc.bindings.windows.Win32Constants.GENERIC_READ;
import static io.github.nativeipc.bindings.windows.Win32Constants.GENERIC_WRITE;
import static io.github.nativeipc.bindings.windows.Win32Constants.INVALID_HANDLE_VALUE;
import static io.github.nativeipc.bindings.windows.Win32Constants.MEMORY_BASIC_INFORMATION_REGION_SIZE;
import static io.github.nativeipc.bindings.windows.Win32Constants.MEMORY_BASIC_INFORMATION_SIZE;
import static io.github.nativeipc.bindings.windows.Win32Constants.OPEN_ALWAYS;
import static io.github.nativeipc.bindings.windows.Win32Constants.OPEN_EXISTING;
import static io.github.nativeipc.bindings.windows.Win32Constants.PAGE_READONLY;
import static io.github.nativeipc.bindings.windows.Win32Constants.PAGE_READWRITE;

import io.github.nativeipc.bindings.windows.Kernel32;
import io.github.nativeipc.bindings.windows.Win32Error;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.handle.HandleGuard;
import io.github.nativeipc.memory.MappedMemory;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * A Windows file mapping (section): pagefile-backed and named ({@code Local\...},
 * {@code Global\...}) so that other processes open it by name, unnamed, or backed by a file.
 * Views ({@code MapViewOfFile}) are {@link MappedMemory}: the same bounds-checked
 * {@code ByteBuffer} slices and C11-compatible atomics as POSIX shared memory (the C side uses
 * {@code InterlockedIncrement64} or {@code atomic_fetch_add} on the same addresses).
 *
 * <h2>Ownership</h2>
 * {@link #close()} closes this process's handle ({@code CloseHandle}); views already made stay
 * valid until they are closed. The section lives while any process holds a handle or a view, and
 * its name goes with the last one (Windows has no unlink). A {@link Cleaner} closes a forgotten
 * handle. New sections get the default security of the creating process.
 *
 * <p>Thread-safe.
 */
public final class FileMapping implements AutoCloseable, HandleOwner {
    private static final Cleaner CLEANER = Cleaner.create();

    private final String name;
    private final String describe;
    private final long handle;
    private final long size;
    private final boolean created;
    private final MappingAccess access;
    private final HandleGuard guard;
    private final Cleaner.Cleanable cleanable;

    private FileMapping(String name, String describe, long handle, long size, boolean created, MappingAccess access) {
        this.name = name;
        this.describe = describe;
        this.handle = handle;
        this.size = size;
        this.created = created;
        this.access = access;
        this.guard = new HandleGuard(new CloseHandles(handle));
        this.cleanable = CLEANER.register(this, guard::close);
    }

    /**
     * Creates the pagefile-backed section {@code name} of {@code size} bytes, read-write, zero-filled
     * ({@code CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, size, name)}); fails if
     * it exists.
     *
     * @throws io.github.nativeipc.error.AlreadyExistsException if it exists (ERROR_ALREADY_EXISTS)
     * @throws io.github.nativeipc.error.InvalidArgumentException for a bad name or size
     */
    public static FileMapping create(String name, long size) throws IpcException {
        return create(name, size, true);
    }

    /**
     * Opens the pagefile-backed section {@code name}, creating it with {@code size} bytes if it does
     * not exist; see {@link #created()}. An existing section keeps its own size.
     */
    public static FileMapping openOrCreate(String name, long size) throws IpcException {
        return create(name, size, false);
    }

    /** A pagefile-backed section no other process can open by name. */
    public static FileMapping createUnnamed(long size) throws IpcException {
        String op = "CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, " + size + ", NULL)";
        checkSize(size, op, "unnamed file mapping");
        long h = Kernel32.CreateFileMappingW(INVALID_HANDLE_VALUE, 0L, PAGE_READWRITE, (int) (size >>> 32), (int) size, null);
        WaitableObject.checkCreated(h, true, op, "unnamed file mapping");
        return new FileMapping(null, "unnamed file mapping", h, size, true, MappingAccess.READ_WRITE);
    }

    private static FileMapping create(String name, long size, boolean exclusive) throws IpcException {
        String op = "CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, " + size + ", " + name + ")";
        WindowsNames.kernelObject(name, op);
        checkSize(size, op, name);
        long h = Kernel32.CreateFileMappingW(INVALID_HANDLE_VALUE, 0L, PAGE_READWRITE, (int) (size >>> 32), (int) size,
                Win32.wide(name));
        boolean created = WaitableObject.checkCreated(h, exclusive, op, name);
        return new FileMapping(name, name, h, created ? size : -1L, created, MappingAccess.READ_WRITE);
    }

    /**
     * Opens the existing section {@code name} ({@code OpenFileMappingW(FILE_MAP_READ[|FILE_MAP_WRITE])}).
     *
     * @throws io.github.nativeipc.error.NotFoundException if there is none (ERROR_FILE_NOT_FOUND)
     * @throws io.github.nativeipc.error.PermissionDeniedException if its security refuses the access
     */
    public static FileMapping open(String name, MappingAccess access) throws IpcException {
        int rights = access == MappingAccess.READ_WRITE ? FILE_MAP_READ | FILE_MAP_WRITE : FILE_MAP_READ;
        String op = "OpenFileMappingW(" + (access == MappingAccess.READ_WRITE ? "FILE_MAP_READ|FILE_MAP_WRITE" : "FILE_MAP_READ")
                + ", FALSE, " + name + ")";
        WindowsNames.kernelObject(name, op);
        long h = WaitableObject.checkOpened(Kernel32.OpenFileMappingW(rights, 0, Win32.wide(name)), op, name);
        return new FileMapping(name, name, h, -1L, false, access);
    }

    /**
     * Maps {@code file} ({@code CreateFileW} then {@code CreateFileMappingW} on it; the file handle
     * is closed right after, the section keeps the file open). Read-write creates the file if it
     * is missing and grows it to {@code size}; read-only requires it.
     *
     * @param size bytes, or 0 for the file's current size (an empty file cannot be mapped:
     *             ERROR_FILE_INVALID)
     * @param name a {@code Local\...} name other processes can open the section by, or {@code null}
     */
    public static FileMapping ofFile(Path file, MappingAccess access, long size, String name) throws IpcException {
        boolean rw = access == MappingAccess.READ_WRITE;
        String path = file.toAbsolutePath().toString();
        String fileOp = "CreateFileW(" + path + ", " + (rw ? "GENERIC_READ|GENERIC_WRITE" : "GENERIC_READ")
                + ", FILE_SHARE_READ|FILE_SHARE_WRITE|FILE_SHARE_DELETE, NULL, " + (rw ? "OPEN_ALWAYS" : "OPEN_EXISTING") + ")";
        String op = "CreateFileMappingW(" + path + ", NULL, " + (rw ? "PAGE_READWRITE" : "PAGE_READONLY") + ", " + size
                + ", " + name + ")";
        if (name != null) {
            WindowsNames.kernelObject(name, op);
        }
        if (size < 0) {
            throw Errors.invalidArgument(op, path, "size must be 0 (the file's size) or positive");
        }
        long f = Kernel32.CreateFileW(Win32.wide(path), rw ? GENERIC_READ | GENERIC_WRITE : GENERIC_READ,
                FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, 0L, rw ? OPEN_ALWAYS : OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, 0L);
        if (f == INVALID_HANDLE_VALUE) {
            throw Win32.lastError(fileOp, path);
        }
        try {
            long actual = size;
            if (size == 0) {
                ByteBuffer sz = Win32.scratch(8);
                if (Kernel32.GetFileSizeEx(f, Win32.address(sz)) == 0) {
                    throw Win32.lastError("GetFileSizeEx(" + path + ")", path);
                }
                actual = sz.getLong(0);
            }
            long h = Kernel32.CreateFileMappingW(f, 0L, rw ? PAGE_READWRITE : PAGE_READONLY, (int) (size >>> 32), (int) size,
                    Win32.wide(name));
            boolean created = WaitableObject.checkCreated(h, name != null, op, name != null ? name : path);
            return new FileMapping(name, name != null ? name : path, h, actual, created, access);
        } finally {
            Kernel32.CloseHandle(f);
        }
    }

    private static void checkSize(long size, String op, String name) throws IpcException {
        if (size <= 0) {
            throw Errors.invalidArgument(op, name, "size must be positive");
        }
    }

    /** The section's name, or {@code null} if unnamed. */
    public String name() {
        return name;
    }

    /** Whether this call created the section. */
    public boolean created() {
        return created;
    }

    /**
     * The section's size in bytes if this process knows it (it created it, or mapped a file), or
     * -1 for a section opened by name ({@link #map(MappingAccess)} then maps what is there).
     */
    public long size() {
        return size;
    }

    /**
     * Maps the whole section ({@code MapViewOfFile(h, access, 0, 0, 0)}). For a section opened by
     * name the view's size is what {@code VirtualQuery} reports: the section's size rounded up to
     * whole pages.
     */
    public MappedMemory map(MappingAccess viewAccess) throws IpcException {
        return map(viewAccess, 0, size >= 0 ? size : 0);
    }

    /**
     * Maps {@code length} bytes from {@code offset} ({@code MapViewOfFile}; the view starts at the
     * 64 KiB allocation granularity below {@code offset}, the {@link MappedMemory} at {@code offset}).
     *
     * @param length bytes, or 0 for everything from {@code offset} to the end
     * @throws io.github.nativeipc.error.PermissionDeniedException read-write view of a read-only section
     * @throws io.github.nativeipc.error.InvalidArgumentException  a range outside the section
     */
    public MappedMemory map(MappingAccess viewAccess, long offset, long length) throws IpcException {
        String op = "MapViewOfFile(" + describe + ", " + (viewAccess == MappingAccess.READ_WRITE ? "FILE_MAP_READ|FILE_MAP_WRITE"
                : "FILE_MAP_READ") + ", " + offset + ", " + length + ")";
        if (offset < 0 || length < 0 || (size >= 0 && offset + length > size)) {
            throw Errors.invalidArgument(op, describe, "the range must lie inside the section" + (size >= 0 ? " of " + size + " bytes" : ""));
        }
        if (viewAccess == MappingAccess.READ_WRITE && access == MappingAccess.READ_ONLY) {
            throw Errors.invalidArgument(op, describe, "the section was opened read-only");
        }
        if (!guard.enter()) {
            throw Errors.closed(op, describe);
        }
        try {
            long start = offset - offset % ALLOCATION_GRANULARITY;
            long delta = offset - start;
            long viewLength = length == 0 ? 0 : length + delta;
            int rights = viewAccess == MappingAccess.READ_WRITE ? FILE_MAP_READ | FILE_MAP_WRITE : FILE_MAP_READ;
            long base = Kernel32.MapViewOfFile(handle, rights, (int) (start >>> 32), (int) start, viewLength);
            if (base == 0L) {
                throw Win32.lastError(op, describe);
            }
            if (viewLength == 0) {
                ByteBuffer info = Win32.scratch(MEMORY_BASIC_INFORMATION_SIZE);
                if (Kernel32.VirtualQuery(base, Win32.address(info), MEMORY_BASIC_INFORMATION_SIZE) == 0) {
                    IpcException e = Win32.lastError("VirtualQuery(0x" + Long.toHexString(base) + ")", describe);
                    Kernel32.UnmapViewOfFile(base);
                    throw e;
                }
                viewLength = info.getLong(MEMORY_BASIC_INFORMATION_REGION_SIZE);
                length = viewLength - delta;
                if (length <= 0) {
                    Kernel32.UnmapViewOfFile(base);
                    throw Win32.error(Win32Error.ERROR_INVALID_PARAMETER.code(), op, describe, "nothing to map from offset " + offset);
                }
            }
            return MappedMemory.wrap(describe, base + delta, length, offset, viewAccess == MappingAccess.READ_ONLY,
                    new WindowsMappingBackend(base, viewLength, describe));
        } finally {
            guard.exit();
        }
    }

    /** Closes this process's handle of the section ({@code CloseHandle}); views stay valid. Idempotent. */
    @Override
    public void close() {
        cleanable.clean();
    }

    /**
     * Lends the section's handle (see {@link HandleOwner}), for instance to hand an unnamed mapping
     * to a child process ({@link ChildProcess.Builder#inherit}), which maps it with
     * {@code MapViewOfFile}.
     */
    @Override
    public long acquireHandle() throws io.github.nativeipc.error.ClosedException {
        guard.enterOrThrow("acquireHandle", describe);
        return handle;
    }

    @Override
    public void releaseHandle() {
        guard.exit();
    }

    @Override
    public String describe() {
        return describe;
    }

    @Override
    public String toString() {
        return "FileMapping[" + describe + (size >= 0 ? ", " + size + " bytes" : "") + (guard.isClosed() ? ", closed" : "") + "]";
    }
}
