package io.github.nativeipc;

import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.posix.UnixSocketType;
import io.github.nativeipc.windows.PipeMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.time.Duration;
import java.util.function.Function;

/**
 * A connected local stream socket, portable: a Unix domain stream socket on Linux and macOS, a
 * byte-mode named pipe (overlapped I/O) on Windows. From
 * {@link #connect(IpcName, Duration)} on the client side, {@link LocalServer#accept()} on the
 * server side. A {@link ByteChannel}: {@link #read(ByteBuffer)} blocks until bytes arrive and
 * returns -1 once the peer closed; {@link #write(ByteBuffer)} writes everything; each is one
 * system call for a direct buffer.
 *
 * <p>On Linux and macOS the object is the typed layer's channel itself (a subclass of
 * {@link io.github.nativeipc.posix.UnixSocketChannel} with nothing in between), so a read or a
 * write costs exactly what the typed layer's does: one more object to go through showed as about
 * 3% of a one-CPU round trip. On Windows it holds a {@link io.github.nativeipc.windows.NamedPipe}.
 *
 * <p>Thread-safe: one reader and one writer at a time.
 */
public interface LocalSocket extends ByteChannel {

    /** Connects to the server {@code name} in the runtime directory, waiting at most {@code timeout}. */
    static LocalSocket connect(IpcName name, Duration timeout) throws IOException {
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
    static LocalSocket connect(IpcName name, LocalServer.Namespace namespace, Duration timeout) throws IOException {
        return ServerEndpoint.connect(name, namespace, UnixSocketType.STREAM, PipeMode.BYTE, "LocalSocket.connect", timeout,
                PosixLocalSocket::new, Function.<LocalSocket>identity(), WindowsLocalSocket::new);
    }

    /**
     * Who is at the other end, as the OS recorded it: {@code SO_PEERCRED} (pid, uid, gid) on Linux,
     * {@code GetNamedPipeClientProcessId}/{@code GetNamedPipeServerProcessId} (pid) on Windows.
     */
    PeerIdentity peer() throws IpcException;

    /** Blocks until bytes arrive; -1 once the peer closed. One {@code read} (Windows: {@code ReadFile}) for a direct buffer. */
    @Override
    int read(ByteBuffer dst) throws IOException;

    /** As {@link #read(ByteBuffer)}, waiting at most {@code timeout}; 0 if nothing came (nothing is lost then). */
    int read(ByteBuffer dst, Duration timeout) throws IOException;

    /** Writes every remaining byte of {@code src}, blocking while the peer's buffer is full. */
    @Override
    int write(ByteBuffer src) throws IOException;

    /**
     * Half-closes: the peer reads end of stream after what was written, and can still answer.
     *
     * @throws io.github.nativeipc.error.NotSupportedException on Windows: a named pipe cannot be half-closed
     */
    void shutdownOutput() throws IOException;

    /** A blocking stream over this socket; closing it closes the socket. */
    InputStream inputStream();

    /** A blocking stream over this socket; closing it closes the socket. */
    OutputStream outputStream();

    /** Closes the socket; a read blocked in another thread is released. Idempotent. */
    @Override
    void close() throws IOException;
}
