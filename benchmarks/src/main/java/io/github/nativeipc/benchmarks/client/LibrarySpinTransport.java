package io.github.nativeipc.benchmarks.client;

import io.github.nativeipc.benchmarks.BenchLayout;
import io.github.nativeipc.memory.MappedMemory;
import io.github.nativeipc.posix.PosixSharedMemory;
import java.nio.ByteBuffer;

/**
 * This library with a spin doorbell: {@link MappedMemory#put(long, ByteBuffer)} /
 * {@link MappedMemory#get(long, ByteBuffer)} for the payload, {@link MappedMemory#setLongRelease}
 * and {@link MappedMemory#getLongAcquire} on the sequence number.
 */
final class LibrarySpinTransport implements RoundTripTransport {
    private final PosixSharedMemory shm;
    private final MappedMemory memory;
    private final int spinLimit;

    LibrarySpinTransport(String shmName, int spinLimit) throws Exception {
        this.shm = PosixSharedMemory.open(shmName);
        this.memory = shm.map();
        this.spinLimit = spinLimit;
    }

    @Override
    public void send(long i, ByteBuffer request) {
        memory.put(BenchLayout.MESSAGE, request);
        memory.setLongRelease(BenchLayout.SEQ, 2 * i + 1);
    }

    @Override
    public void receive(long i, ByteBuffer reply) {
        int spins = 0;
        while (memory.getLongAcquire(BenchLayout.SEQ) < 2 * i + 2) {
            spins = SpinBackOff.next(spins, spinLimit);
        }
        memory.get(BenchLayout.MESSAGE, reply);
    }

    @Override
    public void close() throws Exception {
        memory.close();
        shm.close();
    }
}
