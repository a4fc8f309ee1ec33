package io.github.nativeipc;

import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.error.MessageTruncatedException;
import io.github.nativeipc.posix.UnixSocketType;
import io.github.nativeipc.windows.PipeMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.Function;

/**
 * A connected local message channel, portable: a Unix domain seqpacket socket on Linux, a
 * message-mode named pipe (overlapped I/O) on Windows. From {@link #connect(IpcName, Duration)} on
 * the client side, {@link MessageServer#accept()} on the server side. Every {@link #send} arrives
 * as one {@link #receive}: boundaries kept, in order, nothing merged or split.
 *
 * <h2>What both OSes do alike</h2>
 * <ul>
 * <li>A message is at least one byte: an empty one is refused before any call (on Linux an empty
 *     seqpacket message cannot be told from the peer's close).</li>
 * <li>A message longer than the buffer given to {@link #receive}: the buffer gets its first bytes,
 *     the rest of that message is dropped, and {@link MessageTruncatedException} says how long it
 *     was — never silently. (Linux drops it in the kernel, {@code MSG_TRUNC}; on Windows the facade
 *     reads the rest, {@code ERROR_MORE_DATA}, and drops it, so the next receive is the next message.)</li>
 * <li>{@link #receive} returns -1 once the peer has closed and every message was read.</li>
 * </ul>
 * What differs: a Linux message can be at most about the socket's send buffer
 * ({@code SO_SNDBUF}, 208 KiB by default) — a longer send fails with {@code EMSGSIZE}; a Windows
 * message has no such bound. Peer identity is pid, uid and gid on Linux, the pid on Windows.
 *
 * <p>Each send and receive of a direct buffer is one system call ({@code write},
 * {@code recv(MSG_TRUNC)}; {@code WriteFile}, {@code ReadFile}), nothing allocated.
 *
 * <p>On Linux the object is the typed layer's seqpacket channel itself (a subclass of
 * {@link io.github.nativeipc.posix.UnixSocketChannel}, nothing in between), as a {@link LocalSocket}
 * is; on Windows it holds the {@link io.github.nativeipc.windows.NamedPipe}.
 *
 * <p>Thread-safe: one sender and one receiver at a time.
 */
public interface MessageChannel extends AutoCloseable {

    /** Connects to the message server {@code name} in the runtime directory, waiting at most {@code timeout}. */
    static MessageChannel connect(IpcName name, Duration timeout) throws IOException {
        return connect(name, LocalServer.Namespace.RUNTIME_DIRECTORY, timeout);
    }

    /**
     * Connects to the message server {@code name} in {@code namespace}
     * ({@code connect} of a seqpacket socket; {@code CreateFileW} then {@code PIPE_READMODE_MESSAGE}
     * on Windows), waiting at most {@code timeout} for the server to take it.
     *
     * @throws io.github.nativeipc.error.NotFoundException if no server has the name
     * @throws io.github.nativeipc.error.ConnectionRefusedException if its server is gone
     * @throws io.github.nativeipc.error.WouldBlockException if the server accepted nobody in time
     * @throws io.github.nativeipc.error.NotSupportedException without seqpacket sockets (macOS)
     */
    static MessageChannel connect(IpcName name, LocalServer.Namespace namespace, Duration timeout) throws IOException {
        return ServerEndpoint.connect(name, namespace, UnixSocketType.SEQPACKET, PipeMode.MESSAGE, "MessageChannel.connect",
                timeout, PosixMessageChannel::new, Function.<MessageChannel>identity(), WindowsMessageChannel::new);
    }

    /**
     * Sends {@code message} (its remaining bytes) as one message, waiting while the channel is full.
     *
     * @throws io.github.nativeipc.error.InvalidArgumentException if it is empty, or (Linux,
     *         {@code EMSGSIZE}) longer than the socket can carry in one message
     * @throws io.github.nativeipc.error.BrokenPipeException if the peer has closed
     */
    void send(ByteBuffer message) throws IOException;

    /**
     * Receives the next whole message into {@code dst}, waiting as long as it takes.
     *
     * @return the message's length, or -1 once the peer has closed and every message was read
     * @throws MessageTruncatedException if the message was longer than {@code dst.remaining()}: its
     *         first bytes are in {@code dst}, the rest is dropped
     */
    int receive(ByteBuffer dst) throws IOException;

    /**
     * As {@link #receive(ByteBuffer)}, waiting at most {@code timeout}: 0 if no message came in
     * time (nothing is lost then).
     */
    int receive(ByteBuffer dst, Duration timeout) throws IOException;

    /**
     * Who is at the other end, as the OS recorded it: {@code SO_PEERCRED} (pid, uid, gid) on Linux,
     * the pipe's client or server process id on Windows.
     */
    PeerIdentity peer() throws IpcException;

    /** Whether this channel is open. */
    boolean isOpen();

    /** Closes the channel; a receive blocked in another thread is released. Idempotent. */
    @Override
    void close() throws IOException;

    /** The refusal of an empty message, before any call: it cannot be told from the peer's close on Linux. */
    static io.github.nativeipc.error.InvalidArgumentException empty(String name) {
        return io.github.nativeipc.error.Errors.invalidArgument("MessageChannel.send", name, "a message is at least one byte long"
                + " (an empty seqpacket message cannot be told from the peer's close)");
    }
}
