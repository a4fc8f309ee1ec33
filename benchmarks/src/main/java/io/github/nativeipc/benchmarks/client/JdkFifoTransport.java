package io.github.nativeipc.benchmarks.client;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What a Java user has without this library: {@link FileChannel}s opened on the FIFO paths (the
 * open blocks until the peer opens the other end, with no timeout), blocking {@code write} and
 * {@code read} of direct buffers.
 */
final class JdkFifoTransport implements RoundTripTransport {
    private final FileChannel request;
    private final FileChannel reply;

    JdkFifoTransport(String requestPath, String replyPath) throws Exception {
        request = FileChannel.open(Path.of(requestPath), StandardOpenOption.WRITE);
        try {
            reply = FileChannel.open(Path.of(replyPath), StandardOpenOption.READ);
        } catch (Exception e) {
            request.close();
            throw e;
        }
    }

    @Override
    public void send(long i, ByteBuffer message) throws Exception {
        while (message.hasRemaining()) {
            request.write(message);
        }
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
