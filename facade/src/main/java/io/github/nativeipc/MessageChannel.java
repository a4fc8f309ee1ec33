package io.github.nativeipc;

import io.github.nativeipc.bindings.Platform;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.error.LimitReachedException;
import io.github.nativeipc.error.MessageTruncatedException;
import io.github.nativeipc.error.WouldBlockException;
import io.github.nativeipc.posix.UnixSocketChannel;
import io.github.nativeipc.posix.UnixSocketType;
import io.github.nativeipc.windows.NamedPipe;
import io.github.nativeipc.windows.PipeMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

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
 * <p>Thread-safe: one sender and one receiver at a time.
 */
public final class MessageChannel implements AutoCloseable {
    private static final boolean WINDOWS = Platform.current().os() == Platform.Os.WINDOWS;

    private final UnixSocketChannel channel;
    private final NamedPipe pipe;

    private MessageChannel(UnixSocketChannel channel, NamedPipe pipe) {
        this.channel = channel;
        this.pipe = pipe;
    }

    static MessageChannel of(UnixSocketChannel channel) {
        return channel == null ? null : new MessageChannel(channel, null);
    }

    static MessageChannel of(NamedPipe pipe) {
        return pipe == null ? null : new MessageChannel(null, pipe);
    }

    /** Connects to the message server {@code name} in the runtime directory, waiting at most {@code timeout}. */
    public static MessageChannel connect(IpcName name, Duration timeout) throws IOException {
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
    public static MessageChannel connect(IpcName name, LocalServer.Namespace namespace, Duration timeout) throws IOException {
        return ServerEndpoint.connect(name, namespace, UnixSocketType.SEQPACKET, PipeMode.MESSAGE, "MessageChannel.connect",
                timeout, ServerEndpoint.PLAIN, MessageChannel::of, MessageChannel::of);
    }

    /**
     * Sends {@code message} (its remaining bytes) as one message, waiting while the channel is full.
     *
     * @throws io.github.nativeipc.error.InvalidArgumentException if it is empty, or (Linux,
     *         {@code EMSGSIZE}) longer than the socket can carry in one message
     * @throws io.github.nativeipc.error.BrokenPipeException if the peer has closed
     */
    public void send(ByteBuffer message) throws IOException {
        if (!message.hasRemaining()) {
            throw Errors.invalidArgument("MessageChannel.send", name(), "a message is at least one byte long"
                    + " (an empty seqpacket message cannot be told from the peer's close)");
        }
        if (WINDOWS) {
            pipe.send(message);
        } else {
            channel.write(message);
        }
    }

    /**
     * Receives the next whole message into {@code dst}, waiting as long as it takes.
     *
     * @return the message's length, or -1 once the peer has closed and every message was read
     * @throws MessageTruncatedException if the message was longer than {@code dst.remaining()}: its
     *         first bytes are in {@code dst}, the rest is dropped
     */
    public int receive(ByteBuffer dst) throws IOException {
        if (!WINDOWS) {
            return channel.read(dst);
        }
        int room = dst.remaining();
        try {
            return pipe.receive(dst);
        } catch (LimitReachedException e) {
            throw dropRest(e, room);
        }
    }

    /**
     * As {@link #receive(ByteBuffer)}, waiting at most {@code timeout}: 0 if no message came in
     * time (nothing is lost then).
     */
    public int receive(ByteBuffer dst, Duration timeout) throws IOException {
        if (!WINDOWS) {
            return channel.read(dst, timeout);
        }
        int room = dst.remaining();
        try {
            return pipe.receive(dst, timeout);
        } catch (WouldBlockException nothingInTime) {
            return 0;
        } catch (LimitReachedException e) {
            throw dropRest(e, room);
        }
    }

    /** Windows: the part of a long message that did not fit is read and dropped, as Linux's MSG_TRUNC does. */
    private MessageTruncatedException dropRest(LimitReachedException e, int kept) throws IOException {
        if (!pipe.messageIncomplete()) {
            throw e;
        }
        long dropped = 0;
        ByteBuffer sink = ByteBuffer.allocateDirect(64 * 1024);   // only on this error path
        while (pipe.messageIncomplete()) {
            sink.clear();
            int n = pipe.read(sink);
            if (n < 0) {
                break;
            }
            dropped += n;
        }
        return new MessageTruncatedException("ReadFile(" + pipe.name() + ", " + kept + " bytes)", pipe.name(), kept + dropped, kept,
                "a message of " + (kept + dropped) + " bytes arrived in a buffer with room for " + kept + ": the first " + kept
                        + " bytes are in the buffer, the rest was read and dropped (ERROR_MORE_DATA; as Linux drops it, MSG_TRUNC)");
    }

    /**
     * Who is at the other end, as the OS recorded it: {@code SO_PEERCRED} (pid, uid, gid) on Linux,
     * the pipe's client or server process id on Windows.
     */
    public PeerIdentity peer() throws IpcException {
        if (WINDOWS) {
            return PeerIdentity.processOnly(pipe.peerProcessId());
        }
        return LocalServer.identity(channel.peerCredentials());
    }

    /** Whether this channel is open. */
    public boolean isOpen() {
        return WINDOWS ? pipe.isOpen() : channel.isOpen();
    }

    /** Closes the channel; a receive blocked in another thread is released. Idempotent. */
    @Override
    public void close() throws IOException {
        if (WINDOWS) {
            pipe.close();
        } else {
            channel.close();
        }
    }

    private String name() {
        return WINDOWS ? pipe.name() : channel.name();
    }

    @Override
    public String toString() {
        return "MessageChannel[" + name() + "]";
    }
}
