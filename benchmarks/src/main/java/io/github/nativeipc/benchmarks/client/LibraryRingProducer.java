package io.github.nativeipc.benchmarks.client;

import io.github.nativeipc.benchmarks.BenchLayout;
import io.github.nativeipc.memory.MappedMemory;
import io.github.nativeipc.posix.PosixSharedMemory;
import java.nio.ByteBuffer;

/** {@link BulkProducer} through this library: {@link MappedMemory#put(long, ByteBuffer)} and acquire/release counters. */
final class LibraryRingProducer implements BulkProducer {
    private final PosixSharedMemory shm;
    private final MappedMemory memory;
    private final int spinLimit;

    LibraryRingProducer(String shmName, int spinLimit) throws Exception {
        this.shm = PosixSharedMemory.open(shmName);
        this.memory = shm.map();
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
            chunk.clear();
            memory.put(BenchLayout.RING + (c % BenchLayout.SLOTS) * BenchLayout.SLOT_SIZE, chunk);
            memory.setLongRelease(BenchLayout.HEAD, c + 1);
        }
    }

    private void awaitTail(long atLeast) {
        int spins = 0;
        while (memory.getLongAcquire(BenchLayout.TAIL) < atLeast) {
            spins = SpinBackOff.next(spins, spinLimit);
        }
    }

    @Override
    public void close() throws Exception {
        memory.close();
        shm.close();
    }
}
