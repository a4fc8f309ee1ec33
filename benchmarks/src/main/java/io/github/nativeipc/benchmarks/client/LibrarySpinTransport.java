package io.github.nativeipc.benchmarks.client;

import io.github.nativeipc.IpcName;
import io.github.nativeipc.SharedMemory;
import io.github.nativeipc.benchmarks.BenchLayout;
import io.github.nativeipc.memory.MappedMemory;
import io.github.nativeipc.posix.PosixSharedMemory;
import java.nio.ByteBuffer;

/**
 * This library with a spin doorbell: {@link MappedMemory#put(long, ByteBuffer)} /
 * {@link MappedMemory#get(long, ByteBuffer)} for the payload, {@link MappedMemory#setLongRelease}
 * and {@link MappedMemory#getLongAcquire} on the sequence number. The block is opened through the
 * typed layer ({@link PosixSharedMemory}) or through the facade ({@link SharedMemory}), whose
 * {@code map()} gives the same {@link MappedMemory}: past the open, the two run the same code.
 */
final class LibrarySpinTransport implements RoundTripTransport {
    private final AutoCloseable shm;
    private final MappedMemory memory;
    private final int spinLimit;

    private LibrarySpinTransport(AutoCloseable shm, MappedMemory memory, int spinLimit) {
        this.shm = shm;
        this.memory = memory;
        this.spinLimit = spinLimit;
    }

    /** The typed layer: {@link PosixSharedMemory#open(String)}, {@link PosixSharedMemory#map()}. */
    static LibrarySpinTransport typed(String shmName, int spinLimit) throws Exception {
        PosixSharedMemory shm = PosixSharedMemory.open(shmName);
        return new LibrarySpinTransport(shm, shm.map(), spinLimit);
    }

    /** The facade: {@link SharedMemory#open(IpcName)} of the block's portable name, {@link SharedMemory#map()}. */
    static LibrarySpinTransport facade(String shmName, int spinLimit) throws Exception {
        SharedMemory shm = SharedMemory.open(FacadeNames.ofPosixName(shmName));
        return new LibrarySpinTransport(shm, shm.map(), spinLimit);
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
