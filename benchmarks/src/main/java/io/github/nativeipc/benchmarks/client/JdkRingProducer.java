package io.github.nativeipc.benchmarks.client;

import io.github.nativeipc.benchmarks.BenchLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;

/** {@link BulkProducer} through the JDK: a {@link MappedByteBuffer} and a byte-buffer-view {@link VarHandle}. */
final class JdkRingProducer implements BulkProducer {
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final MappedByteBuffer block;
    private final int spinLimit;

    JdkRingProducer(String shmName, int spinLimit) throws Exception {
        this.block = JdkMapping.map(shmName);
        this.spinLimit = spinLimit;
    }

    @Override
    public long produce(long warmup, long chunks) {
        ByteBuffer chunk = PrivateBuffer.allocate(BenchLayout.SLOT_SIZE);
        for (int k = 0; k < BenchLayout.SLOT_SIZE; k++) {
            chunk.put(k, (byte) 'b');
        }
        copy(chunk, 0, warmup);
        long t0 = System.nanoTime();
        copy(chunk, warmup, warmup + chunks);
        awaitTail(warmup + chunks);
        return System.nanoTime() - t0;
    }

    /** Chunks {@code first} to {@code end - 1}: warm-up and timed part are two calls (see {@link ChannelBulkProducer}). */
    private void copy(ByteBuffer chunk, long first, long end) {
        for (long c = first; c < end; c++) {
            awaitTail(c + 1 - BenchLayout.SLOTS);
            chunk.putLong(0, c);
            block.put(BenchLayout.RING + (int) (c % BenchLayout.SLOTS) * BenchLayout.SLOT_SIZE, chunk, 0,
                    BenchLayout.SLOT_SIZE);
            LONG.setRelease(block, BenchLayout.HEAD, c + 1);
        }
    }

    private void awaitTail(long atLeast) {
        int spins = 0;
        while ((long) LONG.getAcquire(block, BenchLayout.TAIL) < atLeast) {
            spins = SpinBackOff.next(spins, spinLimit);
        }
    }

    @Override
    public void close() {
        // The mapping goes when the buffer is collected; the process ends right after.
    }
}
