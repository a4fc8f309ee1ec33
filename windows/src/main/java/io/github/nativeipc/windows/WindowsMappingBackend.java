package io.github.nativeipc.windows;

import com.sun.jna.Pointer;
import io.github.nativeipc.bindings.windows.Kernel32;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.memory.MappedMemory;
import java.nio.ByteBuffer;

/**
 * The Windows calls behind a {@link MappedMemory}: {@code UnmapViewOfFile} to release,
 * {@code FlushViewOfFile} to force. A view cannot be swapped for private pages in place, so
 * {@link #detach()} leaves it mapped until {@link #release()}, when no slice is reachable; a
 * section never shrinks under a view, so there is no size to check. Direct buffers come from JNA.
 * Thread-safe.
 */
final class WindowsMappingBackend implements MappedMemory.Backend {
    private final long base;
    private final long length;
    private final String name;

    WindowsMappingBackend(long base, long length, String name) {
        this.base = base;
        this.length = length;
        this.name = name;
    }

    @Override
    public void detach() {
        // nothing to do before release (see the class notes)
    }

    @Override
    public void release() {
        Kernel32.UnmapViewOfFile(base);
    }

    @Override
    public void force() throws IpcException {
        if (Kernel32.FlushViewOfFile(base, length) == 0) {
            throw Win32.lastError("FlushViewOfFile(0x" + Long.toHexString(base) + ", " + length + ")", name);
        }
    }

    @Override
    public long objectSize() {
        return -1L;
    }

    @Override
    public ByteBuffer directBuffer(long address, int capacity) {
        return new Pointer(address).getByteBuffer(0, capacity);
    }
}
