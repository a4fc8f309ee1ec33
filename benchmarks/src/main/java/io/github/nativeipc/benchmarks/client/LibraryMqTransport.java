package io.github.nativeipc.benchmarks.client;

import io.github.nativeipc.posix.Access;
import io.github.nativeipc.posix.PosixMessageQueue;
import java.nio.ByteBuffer;

/**
 * This library with POSIX message queues: {@link PosixMessageQueue#send(ByteBuffer, int)} of the
 * direct request buffer (priority 0) to the request queue, {@link PosixMessageQueue#receive(ByteBuffer)}
 * of the reply from the reply queue into the direct reply buffer, both blocking. The kernel copies
 * straight from and into the buffers.
 */
final class LibraryMqTransport implements RoundTripTransport {
    private final PosixMessageQueue request;
    private final PosixMessageQueue reply;

    LibraryMqTransport(String requestName, String replyName) throws Exception {
        request = PosixMessageQueue.open(requestName, Access.WRITE_ONLY);
        try {
            reply = PosixMessageQueue.open(replyName, Access.READ_ONLY);
        } catch (Exception e) {
            request.close();
            throw e;
        }
    }

    @Override
    public void send(long i, ByteBuffer message) throws Exception {
        request.send(message, 0);
    }

    @Override
    public void receive(long i, ByteBuffer message) throws Exception {
        reply.receive(message);
    }

    @Override
    public void close() throws Exception {
        request.close();
        reply.close();
    }
}
