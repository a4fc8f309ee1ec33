package io.github.nativeipc.benchmarks.client;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.github.nativeipc.benchmarks.BenchLayout;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;

/**
 * The alternative to {@link LibrarySemaphoreTransport} without this library: the payload through
 * a JDK {@link MappedByteBuffer} ({@link JdkMapping}), the doorbells {@code sem_post}/{@code sem_wait}
 * through JNA direct mapping ({@link JnaSemaphores}), on named semaphores ({@code sem_open}) or on
 * the {@code sem_t}s inside the block.
 */
final class JnaSemaphoreTransport implements RoundTripTransport {
    private static final int EINTR = 4;

    private final MappedByteBuffer block;
    private final Pointer request;
    private final Pointer reply;
    private final boolean named;

    private JnaSemaphoreTransport(MappedByteBuffer block, Pointer request, Pointer reply, boolean named) {
        this.block = block;
        this.request = request;
        this.reply = reply;
        this.named = named;
    }

    static JnaSemaphoreTransport named(String shmName, String requestName, String replyName) throws Exception {
        return new JnaSemaphoreTransport(JdkMapping.map(shmName), JnaSemaphores.sem_open(requestName, 0),
                JnaSemaphores.sem_open(replyName, 0), true);
    }

    static JnaSemaphoreTransport unnamed(String shmName) throws Exception {
        MappedByteBuffer block = JdkMapping.map(shmName);
        Pointer base = Native.getDirectBufferPointer(block);
        return new JnaSemaphoreTransport(block, base.share(BenchLayout.REQ_SEM), base.share(BenchLayout.RESP_SEM),
                false);
    }

    @Override
    public void send(long i, ByteBuffer message) {
        int n = message.remaining();
        block.put(BenchLayout.MESSAGE, message, message.position(), n);
        message.position(message.position() + n);
        JnaSemaphores.sem_post(request);
    }

    @Override
    public void receive(long i, ByteBuffer message) {
        for (;;) {
            try {
                JnaSemaphores.sem_wait(reply);
                break;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != EINTR) {
                    throw e;
                }
            }
        }
        int n = message.remaining();
        message.put(message.position(), block, BenchLayout.MESSAGE, n);
        message.position(message.position() + n);
    }

    @Override
    public void close() {
        if (named) {
            JnaSemaphores.sem_close(request);
            JnaSemaphores.sem_close(reply);
        }
    }
}
