package io.github.nativeipc;

import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.posix.UnixSocketChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.time.Duration;

/**
 * A connected local stream socket, portable: a Unix domain stream socket on Linux and macOS. From
 * {@link #connect(IpcName, Duration)} on the client side, {@link LocalServer#accept()} on the
 * server side. A {@link ByteChannel}: {@link #read(ByteBuffer)} blocks until bytes arrive and
 * returns -1 once the peer closed; {@link #write(ByteBuffer)} writes everything; each is one
 * system call for a direct buffer, with nothing added over the typed layer.
 *
 * <p>Thread-safe: one reader and one writer at a time.
 */
public final class LocalSocket implements ByteChannel {
    private final UnixSocketChannel channel;

    private LocalSocket(UnixSocketChannel channel) {
        this.channel = channel;
    }

    static LocalSocket of(UnixSocketChannel channel) {
        return channel == null ? null : new LocalSocket(channel);
    }

    /** Connects to the server {@code name} in the runtime directory, waiting at most {@code timeout}. */
    public static LocalSocket connect(IpcName name, Duration timeout) throws IOException {
        return connect(name, LocalServer.Namespace.RUNTIME_DIRECTORY, timeout);
    }

    /**
     * Connects to the server {@code name} in {@code namespace}; a Unix connect only waits while
     * the server's backlog is full, at most {@code timeout}.
     *
     * @throws io.github.nativeipc.error.NotFoundException if no server has the name (no socket file)
     * @throws io.github.nativeipc.error.ConnectionRefusedException if its server is gone
     * @throws io.github.nativeipc.error.WouldBlockException if the server accepted nobody in time
     */
    public static LocalSocket connect(IpcName name, LocalServer.Namespace namespace, Duration timeout) throws IOException {
        return new LocalSocket(LocalServer.connect(LocalServer.address(name, namespace, "LocalSocket.connect"), timeout));
    }

    /** Who is at the other end, as the OS recorded it at connect time ({@code SO_PEERCRED}). */
    public PeerIdentity peer() throws IpcException {
        Capabilities.current().require(Capability.PEER_CREDENTIALS, "LocalSocket.peer", channel.name());
        return LocalServer.identity(channel.peerCredentials());
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return channel.read(dst);
    }

    /** As {@link #read(ByteBuffer)}, waiting at most {@code timeout}; 0 if nothing came. */
    public int read(ByteBuffer dst, Duration timeout) throws IOException {
        return channel.read(dst, timeout);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return channel.write(src);
    }

    /** Half-closes: the peer reads end of stream after what was written, and can still answer. */
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    /** A blocking stream over this socket; closing it closes the socket. */
    public InputStream inputStream() {
        return channel.inputStream();
    }

    /** A blocking stream over this socket; closing it closes the socket. */
    public OutputStream outputStream() {
        return channel.outputStream();
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    /** Closes the socket; a read blocked in another thread is released. Idempotent. */
    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return "LocalSocket[" + channel.name() + "]";
    }
}
