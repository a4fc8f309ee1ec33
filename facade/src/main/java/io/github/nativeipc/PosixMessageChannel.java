package io.github.nativeipc;

import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.posix.UnixSocketChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * {@link MessageChannel} on Linux: the typed layer's seqpacket channel itself, made by its connect
 * or its server's accept, so that a send is one {@code write} and a receive one
 * {@code recv(MSG_TRUNC)} of the channel's own, with truncation reported by it.
 */
final class PosixMessageChannel extends UnixSocketChannel implements MessageChannel {
    PosixMessageChannel(Connected socket) throws IpcException {
        super(socket);
    }

    @Override
    public void send(ByteBuffer message) throws IOException {
        if (!message.hasRemaining()) {
            throw MessageChannel.empty(name());
        }
        write(message);
    }

    @Override
    public int receive(ByteBuffer dst) throws IOException {
        return read(dst);
    }

    @Override
    public int receive(ByteBuffer dst, Duration timeout) throws IOException {
        return read(dst, timeout);
    }

    @Override
    public PeerIdentity peer() throws IpcException {
        return LocalServer.identity(peerCredentials());
    }

    @Override
    public String toString() {
        return "MessageChannel[" + name() + "]";
    }
}
