package io.github.nativeipc.posix;

import static io.github.nativeipc.bindings.PosixConstants.AF_UNIX;
import static io.github.nativeipc.bindings.PosixConstants.SHUT_RD;
import static io.github.nativeipc.bindings.PosixConstants.SHUT_WR;
import static io.github.nativeipc.bindings.PosixConstants.SIZEOF_UCRED;
import static io.github.nativeipc.bindings.PosixConstants.SOCK_CLOEXEC;
import static io.github.nativeipc.bindings.PosixConstants.SOL_SOCKET;
import static io.github.nativeipc.bindings.PosixConstants.SO_PEERCRED;
import static io.github.nativeipc.bindings.PosixConstants.SO_SNDTIMEO;
import static io.github.nativeipc.bindings.PosixConstants.SO_TYPE;

import io.github.nativeipc.bindings.Errno;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.bindings.Platform;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.Objects;

/**
 * A connected Unix domain socket of type stream or seqpacket: the client end from
 * {@link #connect}, the server end from {@link UnixServerSocketChannel#accept()}, either end of
 * {@link #pair}, or a socket received from another process ({@link #adopt}).
 *
 * <p>A byte stream ({@link UnixSocketType#STREAM}) or a stream of messages
 * ({@link UnixSocketType#SEQPACKET}: one {@code write} is one {@code read} at the other end, see
 * {@link UnixSocket}). {@link #peerCredentials()} tells who is at the other end, as the kernel saw
 * it at connect time. {@link #shutdownOutput()} half-closes: the peer reads end-of-stream and can
 * still answer.
 *
 * <p>Errors: {@link io.github.nativeipc.error.NotFoundException} (no socket file),
 * {@link io.github.nativeipc.error.ConnectionRefusedException} (nothing listening),
 * {@link io.github.nativeipc.error.PermissionDeniedException} (the file's mode),
 * {@link io.github.nativeipc.error.WouldBlockException} (connect timed out: the server's backlog
 * stayed full), {@link io.github.nativeipc.error.ConnectionResetException} (the peer closed with
 * data unread), {@link io.github.nativeipc.error.BrokenPipeException} (writing after the peer
 * closed; never {@code SIGPIPE}), each naming the call and the address.
 *
 * <p>Thread-safe: one reader and one writer at a time, as every NIO channel.
 */
public non-sealed class UnixSocketChannel extends UnixSocket {
    private static final int EINTR = Errno.EINTR.value();
    private static final int EAGAIN = Errno.EAGAIN.value();
    private static final boolean LINUX = Platform.current().isLinux();

    private UnixSocketChannel(int fd, String name, UnixSocketType type) throws IpcException {
        super(fd, name, type, true);
    }

    /**
     * For a class that is this channel under another API (the portable facade's {@code LocalSocket}
     * on Linux and macOS, whose reads and writes are then this class's own, with no object in
     * between): takes over the socket that {@link #connect(UnixSocketAddress, UnixSocketType,
     * Duration, Factory)} or {@link UnixServerSocketChannel#accept(Duration, Factory)} hands to the
     * factory. The subclass must not override how this channel reads, writes or closes.
     *
     * @throws IllegalStateException if {@code socket} was taken already
     */
    protected UnixSocketChannel(Connected socket) throws IpcException {
        super(socket.take(), socket.name, socket.type, true);
    }

    /**
     * A connected socket on its way into a channel: what {@link Factory#make} receives, to pass to
     * {@link #UnixSocketChannel(Connected)} (once). A socket the factory does not take (it threw
     * first) is closed by the call that made it.
     */
    public static final class Connected {
        private int fd;
        private final String name;
        private final UnixSocketType type;

        private Connected(int fd, String name, UnixSocketType type) {
            this.fd = fd;
            this.name = name;
            this.type = type;
        }

        private int take() {
            int taken = fd;
            if (taken < 0) {
                throw new IllegalStateException("the socket of " + name + " was taken already");
            }
            fd = -1;
            return taken;
        }

        /** What the socket is: "stream socket connected to PATH", for instance. */
        public String name() {
            return name;
        }

        public UnixSocketType type() {
            return type;
        }
    }

    /** Makes the channel for a connected socket: a subclass's constructor ({@link #UnixSocketChannel(Connected)}). */
    @FunctionalInterface
    public interface Factory<T extends UnixSocketChannel> {
        T make(Connected socket) throws IpcException;
    }

    /** The factory of plain channels (this class itself), what {@link #connect(UnixSocketAddress, UnixSocketType, Duration)} uses. */
    static final Factory<UnixSocketChannel> PLAIN = UnixSocketChannel::new;

    /**
     * The channel {@code factory} makes of {@code fd} (blocking, close-on-exec), which it owns from
     * here: closed if the factory throws before its constructor takes it (after that, the
     * constructor closes it if it fails).
     */
    static <T extends UnixSocketChannel> T make(int fd, String name, UnixSocketType type, Factory<T> factory)
            throws IpcException {
        Connected socket = new Connected(fd, name, type);
        try {
            return Objects.requireNonNull(factory.make(socket), "the factory made no channel");
        } finally {
            if (socket.fd >= 0) {
                C.close(socket.fd);
            }
        }
    }

    /** Connects a stream socket to {@code address}, waiting as long as the server's backlog is full. */
    public static UnixSocketChannel connect(UnixSocketAddress address) throws IOException {
        return connect(address, UnixSocketType.STREAM, null);
    }

    /**
     * Connects a socket of {@code type} (stream or seqpacket) to {@code address}:
     * {@code socket(AF_UNIX, type|SOCK_CLOEXEC, 0)} and {@code connect}. A Unix connect completes at
     * once when the server's backlog has room; when it is full, this waits for room at most
     * {@code timeout} (null: without limit), in slices of {@code SO_SNDTIMEO}, so that an interrupt
     * is answered within 50 ms.
     *
     * @throws io.github.nativeipc.error.WouldBlockException if the backlog stayed full for {@code timeout}
     * @throws io.github.nativeipc.error.ConnectionRefusedException if nothing listens at the address ({@code ECONNREFUSED})
     * @throws io.github.nativeipc.error.NotFoundException if no socket file is at the path ({@code ENOENT})
     * @throws io.github.nativeipc.error.PermissionDeniedException if the file's mode does not let this user write it ({@code EACCES})
     * @throws io.github.nativeipc.error.InvalidArgumentException for a datagram type, or a server of another type ({@code EPROTOTYPE})
     * @throws InterruptedIOException if the thread is interrupted while waiting
     */
    public static UnixSocketChannel connect(UnixSocketAddress address, UnixSocketType type, Duration timeout) throws IOException {
        return connect(address, type, timeout, PLAIN);
    }

    /**
     * As {@link #connect(UnixSocketAddress, UnixSocketType, Duration)}, the channel made by
     * {@code factory}: a subclass's constructor, {@link #UnixSocketChannel(Connected)}.
     */
    public static <T extends UnixSocketChannel> T connect(UnixSocketAddress address, UnixSocketType type, Duration timeout,
            Factory<T> factory) throws IOException {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(factory, "factory");
        String call = "connect(" + address + ", " + type.cName() + ")";
        if (!type.isConnectionOriented()) {
            throw Errors.invalidArgument(call, address.toString(), "datagram sockets do not connect to a server: use UnixDatagramChannel");
        }
        if (address.kind() == UnixSocketAddress.Kind.UNNAMED) {
            throw Errors.invalidArgument(call, address.toString(), "an unnamed address cannot be connected to");
        }
        int fd = newSocket(type, address.toString());
        try {
            connect(fd, address, type, timeout == null ? Long.MIN_VALUE : System.nanoTime() + Timeouts.nanos(timeout), call);
        } catch (IOException | RuntimeException e) {
            C.close(fd);
            throw e;
        }
        return make(fd, type.cName().toLowerCase().substring(5) + " socket connected to " + address, type, factory);
    }

    private static void connect(int fd, UnixSocketAddress address, UnixSocketType type, long deadline, String call) throws IOException {
        Syscalls.Scratch s = Syscalls.Scratch.get();
        for (;;) {
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException(call + " interrupted");
            }
            // Each wait for backlog room lasts one slice (SO_SNDTIMEO also bounds connect), so an
            // interrupt is seen and the deadline kept; 1 ms at least: a zero timeval means forever.
            long left = deadline == Long.MIN_VALUE ? Timeouts.SLICE_NANOS : deadline - System.nanoTime();
            long slice = Math.max(1_000_000L, Math.min(left, Timeouts.SLICE_NANOS));
            setSendTimeout(fd, s, slice, address);
            int length = address.encode(s.sockaddr);
            if (C.connect(fd, s.sockaddrAddress, length) == 0) {
                break;
            }
            int errno = Native.errno();
            if (errno == EINTR) {
                continue;
            }
            if (errno == EAGAIN) {
                if (deadline != Long.MIN_VALUE && deadline - System.nanoTime() <= 0) {
                    throw Errors.timedOut(call, address.toString(), "the server's backlog stayed full: nobody accepted in time");
                }
                continue;
            }
            throw Errors.fromErrno(errno, call, address.toString(), connectDetail(errno, address, type));
        }
        setSendTimeout(fd, s, 0, address);   // writes must block without limit again
    }

    private static void setSendTimeout(int fd, Syscalls.Scratch s, long nanos, UnixSocketAddress address) throws IpcException {
        s.timespec.putLong(0, nanos / 1_000_000_000L).putLong(8, (nanos % 1_000_000_000L) / 1000);   // struct timeval
        if (C.setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, s.timespecAddress, 16) != 0) {
            throw Syscalls.error("setsockopt(" + fd + ", SOL_SOCKET, SO_SNDTIMEO)", address.toString());
        }
    }

    private static String connectDetail(int errno, UnixSocketAddress address, UnixSocketType type) {
        Errno e = Errno.of(errno);
        if (e == null) {
            return null;
        }
        switch (e) {
            case ECONNREFUSED:
                return address.kind() == UnixSocketAddress.Kind.PATH
                        ? "nothing listens at " + address + " (a stale socket file left by a server that exited?)"
                        : "nothing listens on " + address;
            case ENOENT:
                return "no socket file at " + address;
            case EACCES:
                return "connecting needs write permission on the socket file and search permission on its directories";
            case EPROTOTYPE:
                return "the socket at " + address + " is not a " + type.cName() + " socket";
            default:
                return null;
        }
    }

    static int newSocket(UnixSocketType type, String object) throws IpcException {
        int fd = C.socket(AF_UNIX, type.value() | (LINUX ? SOCK_CLOEXEC : 0), 0);
        if (fd < 0) {
            throw Syscalls.error("socket(AF_UNIX, " + type.cName() + "|SOCK_CLOEXEC, 0)", object);
        }
        return fd;
    }

    /**
     * A pair of connected sockets ({@code socketpair(AF_UNIX, type|SOCK_CLOEXEC)}), typically one
     * end kept and the other handed to a child ({@link ChildProcess.Builder#descriptor}) or sent.
     *
     * @throws io.github.nativeipc.error.InvalidArgumentException for a datagram type (use {@link UnixDatagramChannel#pair()})
     */
    public static SocketPair<UnixSocketChannel> pair(UnixSocketType type) throws IpcException {
        Objects.requireNonNull(type, "type");
        if (!type.isConnectionOriented()) {
            throw Errors.invalidArgument("socketpair(AF_UNIX, " + type.cName() + ")", "socketpair", "use UnixDatagramChannel.pair()");
        }
        int[] fds = socketPair(type);
        String name = "socketpair[" + fds[0] + "," + fds[1] + "] (" + type.cName() + ")";
        UnixSocketChannel first;
        try {
            first = new UnixSocketChannel(fds[0], name + " end 0", type);
        } catch (IpcException e) {
            C.close(fds[1]);
            throw e;
        }
        try {
            return new SocketPair<>(first, new UnixSocketChannel(fds[1], name + " end 1", type));
        } catch (IpcException e) {
            first.closeQuietly();
            throw e;
        }
    }

    static int[] socketPair(UnixSocketType type) throws IpcException {
        Syscalls.Scratch s = Syscalls.Scratch.get();
        if (C.socketpair(AF_UNIX, type.value() | (LINUX ? SOCK_CLOEXEC : 0), 0, s.intAddress) != 0) {
            throw Syscalls.error("socketpair(AF_UNIX, " + type.cName() + "|SOCK_CLOEXEC, 0)", "socketpair");
        }
        return new int[] {s.intValue.getInt(0), s.intValue.getInt(4)};
    }

    /**
     * Takes ownership of a connected stream or seqpacket socket this process received (over a Unix
     * socket, or inherited as a number): {@link #close()} closes it. Checked with
     * {@code getsockopt(SO_TYPE)}; the socket is put in blocking mode.
     *
     * @throws io.github.nativeipc.error.InvalidArgumentException if {@code fd} is not a stream or seqpacket socket
     */
    public static UnixSocketChannel adopt(int fd, String description) throws IpcException {
        UnixSocketType type = socketType(fd, description);
        if (type == null || !type.isConnectionOriented()) {
            throw Errors.invalidArgument("getsockopt(" + fd + ", SO_TYPE)", description, "not a stream or seqpacket socket");
        }
        return new UnixSocketChannel(fd, description, type);
    }

    /** {@code getsockopt(SO_TYPE)}; null for a type the library does not know. */
    static UnixSocketType socketType(int fd, String description) throws IpcException {
        Syscalls.Scratch s = Syscalls.Scratch.get();
        s.intValue.putInt(0, 0).putInt(4, 4);
        if (C.getsockopt(fd, SOL_SOCKET, SO_TYPE, s.intAddress, s.intAddress + 4) != 0) {
            throw Syscalls.error("getsockopt(" + fd + ", SOL_SOCKET, SO_TYPE)", description);
        }
        return UnixSocketType.of(s.intValue.getInt(0));
    }

    /** The peer's address ({@code getpeername}): the server's path or name for a client; usually unnamed for a server's accepted socket. */
    public UnixSocketAddress remoteAddress() throws IpcException {
        return address(true);
    }

    /**
     * The peer's process, user and group as the kernel recorded them when it connected or made
     * the pair ({@code getsockopt(SO_PEERCRED)}, Linux).
     *
     * @throws io.github.nativeipc.error.NotSupportedException off Linux
     */
    public PeerCredentials peerCredentials() throws IpcException {
        if (!LINUX) {
            throw Errors.notSupported("getsockopt(SO_PEERCRED)", name, "SO_PEERCRED is Linux only");
        }
        enter("getsockopt(SO_PEERCRED)");
        try {
            Syscalls.Scratch s = Syscalls.Scratch.get();
            s.timespec.putInt(12, SIZEOF_UCRED);
            if (C.getsockopt(fd, SOL_SOCKET, SO_PEERCRED, s.timespecAddress, s.timespecAddress + 12) != 0) {
                throw Syscalls.error("getsockopt(" + fd + ", SOL_SOCKET, SO_PEERCRED)", name);
            }
            return new PeerCredentials(s.timespec.getInt(0), s.timespec.getInt(4), s.timespec.getInt(8));
        } finally {
            guard.exit();
        }
    }

    /** Half-closes reading ({@code shutdown(SHUT_RD)}): reads here return end-of-stream; the peer's writes may fail. */
    public void shutdownInput() throws IpcException {
        shutdown(SHUT_RD, "SHUT_RD");
    }

    /** Half-closes writing ({@code shutdown(SHUT_WR)}): the peer reads end-of-stream after what was sent, and can still answer. */
    public void shutdownOutput() throws IpcException {
        shutdown(SHUT_WR, "SHUT_WR");
    }

    private void shutdown(int how, String howName) throws IpcException {
        enter("shutdown(" + howName + ")");
        try {
            if (C.shutdown(fd, how) != 0) {
                throw Syscalls.error("shutdown(" + fd + ", " + howName + ")", name);
            }
        } finally {
            guard.exit();
        }
    }

    @Override
    void checkReadable() {}

    @Override
    void checkWritable() {}

    @Override
    public int validOps() {
        return SelectionKey.OP_READ | SelectionKey.OP_WRITE;
    }

    void closeQuietly() {
        try {
            close();
        } catch (IOException ignored) {
            // closing a descriptor we own does not fail in a way worth reporting over the first error
        }
    }
}
