package io.github.nativeipc.benchmarks.client;

import io.github.nativeipc.IpcName;
import io.github.nativeipc.NamedSemaphore;
import io.github.nativeipc.SharedMemory;
import io.github.nativeipc.benchmarks.BenchLayout;
import io.github.nativeipc.memory.MappedMemory;
import java.nio.ByteBuffer;

/**
 * This library's facade with a named-semaphore doorbell, on the same objects as the typed layer's
 * {@link LibrarySemaphoreTransport#named}: the block through {@link SharedMemory#open(IpcName)} and
 * {@link SharedMemory#map()} (the same {@link MappedMemory}), the doorbells through the facade's
 * {@link NamedSemaphore#release()} and {@link NamedSemaphore#acquire()} (which on Linux delegate to
 * the typed {@code post()} and {@code acquire()}: {@code sem_post}; one untimed {@code sem_wait}).
 * The harness's POSIX names {@code /NAME} are the portable
 * names {@code NAME} ({@link FacadeNames}).
 */
final class FacadeSemaphoreTransport implements RoundTripTransport {
    private final SharedMemory shm;
    private final MappedMemory memory;
    private final NamedSemaphore request;
    private final NamedSemaphore reply;

    private FacadeSemaphoreTransport(SharedMemory shm, MappedMemory memory, NamedSemaphore request, NamedSemaphore reply) {
        this.shm = shm;
        this.memory = memory;
        this.request = request;
        this.reply = reply;
    }

    /** The block {@code shmName} and the semaphores {@code requestName} and {@code replyName}, all POSIX names. */
    static FacadeSemaphoreTransport named(String shmName, String requestName, String replyName) throws Exception {
        SharedMemory shm = SharedMemory.open(FacadeNames.ofPosixName(shmName));
        return new FacadeSemaphoreTransport(shm, shm.map(), NamedSemaphore.open(FacadeNames.ofPosixName(requestName)),
                NamedSemaphore.open(FacadeNames.ofPosixName(replyName)));
    }

    @Override
    public void send(long i, ByteBuffer message) throws Exception {
        memory.put(BenchLayout.MESSAGE, message);
        request.release();
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
