package io.github.nativeipc.benchmarks.client;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;

/**
 * The alternative to {@link LibraryMqTransport} without this library: JNA direct mapping of
 * {@code mq_send}/{@code mq_receive} ({@link JnaMessageQueues}) with a {@link Pointer} to the
 * direct buffer ({@link Native#getDirectBufferPointer}, taken once per buffer as a user would keep
 * it), {@code EINTR} retried.
 */
final class JnaMqTransport implements RoundTripTransport {
    static final int O_RDONLY = 0;
    static final int O_WRONLY = 1;
    static final int EINTR = 4;

    private final int request;
    private final int reply;
    private final PointerCache pointers = new PointerCache();

    JnaMqTransport(String requestName, String replyName) {
        request = JnaMessageQueues.mq_open(requestName, O_WRONLY);
        try {
            reply = JnaMessageQueues.mq_open(replyName, O_RDONLY);
        } catch (LastErrorException e) {
            JnaMessageQueues.mq_close(request);
            throw e;
        }
    }

    @Override
    public void send(long i, ByteBuffer message) {
        Pointer p = pointers.of(message).share(message.position());
        int n = message.remaining();
        for (;;) {
            try {
                JnaMessageQueues.mq_send(request, p, n, 0);
                break;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != EINTR) {
                    throw e;
                }
            }
        }
        message.position(message.limit());
    }

    @Override
    public void receive(long i, ByteBuffer message) {
        Pointer p = pointers.of(message).share(message.position());
        for (;;) {
            try {
                long n = JnaMessageQueues.mq_receive(reply, p, message.remaining(), null);
                message.position(message.position() + (int) n);
                return;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != EINTR) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void close() {
        JnaMessageQueues.mq_close(request);
        JnaMessageQueues.mq_close(reply);
    }

    /** The {@link Pointer}s of the (two) buffers the loop uses, made once each. */
    static final class PointerCache {
        private ByteBuffer first;
        private Pointer firstPointer;
        private ByteBuffer second;
        private Pointer secondPointer;

        Pointer of(ByteBuffer b) {
            if (b == first) {
                return firstPointer;
            }
            if (b == second) {
                return secondPointer;
            }
            second = first;
            secondPointer = firstPointer;
            first = b;
            firstPointer = Native.getDirectBufferPointer(b);
            return firstPointer;
        }
    }
}
