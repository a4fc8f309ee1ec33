package io.github.nativeipc;

import io.github.nativeipc.bindings.Platform;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.posix.UnixSocketChannel;
import io.github.nativeipc.posix.UnixSocketType;
import io.github.nativeipc.windows.NamedPipe;
import io.github.nativeipc.windows.PipeMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.time.Duration;

/**
 * A connected local stream socket, portable: a Unix domain stream socket on Linux and macOS, a
 * byte-mode named pipe (overlapped I/O) on Windows. From
 * {@link #connect(IpcName, Duration)} on the client side, {@link LocalServer#accept()} on the
 * server side. A {@link ByteChannel}: {@link #read(ByteBuffer)} blocks until bytes arrive and
 * returns -1 once the peer closed; {@link #write(ByteBuffer)} writes everything; each is one
 * system call for a direct buffer, with nothing added over the typed layer.
 *
 * <p>Thread-safe: one reader and one writer at a time.
 */
public final class LocalSocket implements ByteChannel {
    private static final boolean WINDOWS = Platform.current().os() == Platform.Os.WINDOWS;

    private final UnixSocketChannel channel;
    private final NamedPipe pipe;

    private LocalSocket(UnixSocketChannel channel, NamedPipe pipe) {
        this.channel = channel;
        this.pipe = pipe;
    }

    static LocalSocket of(UnixSocketChannel channel) {
        return channel == null ? null : new LocalSocket(channel, null);
    }

    static LocalSocket of(NamedPipe pipe) {
        return pipe == null ? null : new LocalSocket(null, pipe);
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
        return ServerEndpoint.connect(name, namespace, UnixSocketType.STREAM, PipeMode.BYTE, "LocalSocket.connect", timeout,
                LocalSocket::of, LocalSocket::of);
    }

    /**
     * Who is at the other end, as the OS recorded it: {@code SO_PEERCRED} (pid, uid, gid) on Linux,
     * {@code GetNamedPipeClientProcessId}/{@code GetNamedPipeServerProcessId} (pid) on Windows.
     */
    public PeerIdentity peer() throws IpcException {
        if (WINDOWS) {
            return PeerIdentity.processOnly(pipe.peerProcessId());
        }
        Capabilities.current().require(Capability.PEER_CREDENTIALS, "LocalSocket.peer", channel.name());
        return LocalServer.identity(channel.peerCredentials());
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return WINDOWS ? pipe.read(dst) : channel.read(dst);
    }

    /** As {@link #read(ByteBuffer)}, waiting at most {@code timeout}; 0 if nothing came (nothing is lost then). */
    public int read(ByteBuffer dst, Duration timeout) throws IOException {
        if (!WINDOWS) {
            return channel.read(dst, timeout);
        }
        try {
            return pipe.read(dst, timeout);
        } catch (io.github.nativeipc.error.WouldBlockException nothingInTime) {
            return 0;   // the typed layer cancelled the read: as on POSIX, no bytes and no error
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return WINDOWS ? pipe.write(src) : channel.write(src);
    }

    /**
     * Half-closes: the peer reads end of stream after what was written, and can still answer.
     *
     * @throws io.github.nativeipc.error.NotSupportedException on Windows: a named pipe cannot be half-closed
     */
    public void shutdownOutput() throws IOException {
        if (WINDOWS) {
            throw io.github.nativeipc.error.Errors.notSupported("LocalSocket.shutdownOutput", pipe.name(),
                    "a Windows named pipe has no half-close: close it, or send a message the peer recognises as the end");
        }
        channel.shutdownOutput();
    }

    /** A blocking stream over this socket; closing it closes the socket. */
    public InputStream inputStream() {
        return java.nio.channels.Channels.newInputStream(this);
    }

    /** A blocking stream over this socket; closing it closes the socket. */
    public OutputStream outputStream() {
        return java.nio.channels.Channels.newOutputStream(this);
    }

    @Override
    public boolean isOpen() {
        return WINDOWS ? pipe.isOpen() : channel.isOpen();
    }

    /** Closes the socket; a read blocked in another thread is released. Idempotent. */
    @Override
    public void close() throws IOException {
        if (WINDOWS) {
            pipe.close();
        } else {
            channel.close();
        }
    }

    @Override
    public String toString() {
        return "LocalSocket[" + (WINDOWS ? pipe.name() : channel.name()) + "]";
    }
}
