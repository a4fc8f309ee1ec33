package io.github.nativeipc.benchmarks.client;

import io.github.nativeipc.benchmarks.BenchLayout;
import io.github.nativeipc.memory.MappedMemory;
import io.github.nativeipc.posix.NamedSemaphore;
import io.github.nativeipc.posix.PosixSemaphore;
import io.github.nativeipc.posix.PosixSharedMemory;
import io.github.nativeipc.posix.UnnamedSemaphore;
import java.nio.ByteBuffer;

/**
 * This library with a semaphore doorbell: the payload through {@link MappedMemory}, the doorbells
 * {@link PosixSemaphore#post()} and {@link PosixSemaphore#acquire()} on either two
 * {@link NamedSemaphore}s or two {@link UnnamedSemaphore}s inside the block.
 */
final class LibrarySemaphoreTransport implements RoundTripTransport {
    private final PosixSharedMemory shm;
    private final MappedMemory memory;
    private final PosixSemaphore request;
    private final PosixSemaphore reply;

    private LibrarySemaphoreTransport(PosixSharedMemory shm, MappedMemory memory, PosixSemaphore request,
            PosixSemaphore reply) {
        this.shm = shm;
        this.memory = memory;
        this.request = request;
        this.reply = reply;
    }

    /** Named semaphores {@code requestName} and {@code replyName}. */
    static LibrarySemaphoreTransport named(String shmName, String requestName, String replyName) throws Exception {
        PosixSharedMemory shm = PosixSharedMemory.open(shmName);
        return new LibrarySemaphoreTransport(shm, shm.map(), NamedSemaphore.open(requestName),
                NamedSemaphore.open(replyName));
    }

    /** The unnamed semaphores the harness initialised inside the block. */
    static LibrarySemaphoreTransport unnamed(String shmName) throws Exception {
        PosixSharedMemory shm = PosixSharedMemory.open(shmName);
        MappedMemory memory = shm.map();
        return new LibrarySemaphoreTransport(shm, memory, UnnamedSemaphore.attach(memory, BenchLayout.REQ_SEM),
                UnnamedSemaphore.attach(memory, BenchLayout.RESP_SEM));
    }

    @Override
    public void send(long i, ByteBuffer message) throws Exception {
        memory.put(BenchLayout.MESSAGE, message);
        request.post();
    }

    @Override
    public void receive(long i, ByteBuffer message) throws Exception {
        reply.acquire();
        memory.get(BenchLayout.MESSAGE, message);
    }

    @Override
    public void close() throws Exception {
        request.close();
        reply.close();
        memory.close();
        shm.close();
    }
}
