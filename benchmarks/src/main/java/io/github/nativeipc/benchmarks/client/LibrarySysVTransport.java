package io.github.nativeipc.benchmarks.client;

import io.github.nativeipc.posix.SysVMessageQueue;
import java.nio.ByteBuffer;

/**
 * This library with a System V message queue: {@link SysVMessageQueue#send(long, ByteBuffer)} of
 * the direct request buffer as type 1, {@link SysVMessageQueue#receive(long, ByteBuffer)} of type 2
 * into the direct reply buffer, both blocking, on the queue the harness made ({@link SysVMessageQueue#byId}).
 * The library copies each payload through its per-thread buffer (the kernel's message starts with
 * the type), once on the way out and once on the way in.
 */
final class LibrarySysVTransport implements RoundTripTransport {
    static final long REQUEST = 1;
    static final long REPLY = 2;

    private final SysVMessageQueue queue;

    LibrarySysVTransport(int msqid) throws Exception {
        queue = SysVMessageQueue.byId(msqid);
    }

    @Override
    public void send(long i, ByteBuffer message) throws Exception {
        queue.send(REQUEST, message);
    }

    @Override
    public void receive(long i, ByteBuffer message) throws Exception {
        if (queue.receive(REPLY, message) != REPLY) {
            throw new IllegalStateException("a reply must have type " + REPLY);
        }
    }

    @Override
    public void close() throws Exception {
        queue.close();
    }
}
