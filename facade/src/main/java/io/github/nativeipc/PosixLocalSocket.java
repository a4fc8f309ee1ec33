package io.github.nativeipc;

import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.posix.UnixSocketChannel;

/**
 * {@link LocalSocket} on Linux and macOS: the typed layer's stream channel itself, made by its
 * {@link UnixSocketChannel#connect(io.github.nativeipc.posix.UnixSocketAddress,
 * io.github.nativeipc.posix.UnixSocketType, java.time.Duration, UnixSocketChannel.Factory) connect}
 * or its server's accept, so that reads, writes, timeouts and close are the channel's own.
 */
final class PosixLocalSocket extends UnixSocketChannel implements LocalSocket {
    PosixLocalSocket(Connected socket) throws IpcException {
        super(socket);
    }

    @Override
    public PeerIdentity peer() throws IpcException {
        Capabilities.current().require(Capability.PEER_CREDENTIALS, "LocalSocket.peer", name());
        return LocalServer.identity(peerCredentials());
    }

    @Override
    public String toString() {
        return "LocalSocket[" + name() + "]";
    }
}
