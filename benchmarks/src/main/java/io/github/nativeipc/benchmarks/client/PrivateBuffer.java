package io.github.nativeipc.benchmarks.client;

import io.github.nativeipc.benchmarks.BenchLayout;
import io.github.nativeipc.bindings.Native;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The private (unshared) buffers the clients copy messages from and into: direct, native order,
 * starting {@link BenchLayout#PRIVATE_PAGE_OFFSET} bytes into a page, exactly like
 * {@code private_buffer()} in {@code bench_peer.c}. The shared buffers start on page boundaries;
 * a copy between two addresses at the same offset within a page runs far slower (4 KiB aliasing of
 * loads and stores), so wherever the allocator happens to place a buffer must not decide a result.
 */
public final class PrivateBuffer {
    private PrivateBuffer() {}

    /** A zeroed buffer of {@code size} bytes at {@link BenchLayout#PRIVATE_PAGE_OFFSET} into a page. */
    public static ByteBuffer allocate(int size) {
        ByteBuffer raw = ByteBuffer.allocateDirect(size + 2 * 4096);
        int offset = (int) Math.floorMod(BenchLayout.PRIVATE_PAGE_OFFSET - Native.address(raw), 4096L);
        return raw.slice(offset, size).order(ByteOrder.nativeOrder());
    }
}
