package io.github.nativeipc.benchmarks.client;

import io.github.nativeipc.posix.Fifo;
import io.github.nativeipc.posix.PipeSink;
import io.github.nativeipc.posix.PipeSource;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;

/**
 * This library with two FIFOs: {@link PipeSink#write(ByteBuffer)} of the direct request buffer to
 * the request FIFO (one {@code write}), {@link PipeSource#read(ByteBuffer)} of the reply until the
 * buffer is full (one blocking {@code read} per chunk the kernel hands over), as the C client does.
 */
final class LibraryFifoTransport implements RoundTripTransport {
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(60);

    private final PipeSink request;
    private final PipeSource reply;

    LibraryFifoTransport(String requestPath, String replyPath) throws Exception {
        request = Fifo.at(Path.of(requestPath)).openForWriting(OPEN_TIMEOUT);
        try {
            reply = Fifo.at(Path.of(replyPath)).openForReading(OPEN_TIMEOUT);
        } catch (Exception e) {
            request.close();
            throw e;
        }
    }

    @Override
    public void send(long i, ByteBuffer message) throws Exception {
        request.write(message);
    }

    @Override
    public void receive(long i, ByteBuffer message) throws Exception {
        while (message.hasRemaining()) {
            if (reply.read(message) < 0) {
                throw new EOFException("the server closed its end in the middle of a reply");
            }
        }
    }

    @Override
    public void close() throws Exception {
        request.close();
        reply.close();
    }
}
