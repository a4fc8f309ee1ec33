package io.github.nativeipc.posix;

import static io.github.nativeipc.bindings.PosixConstants.SOCKADDR_UN_PATH_OFFSET;

import io.github.nativeipc.bindings.Platform;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.Objects;

/**
 * A Unix domain datagram socket ({@code SOCK_DGRAM}): messages sent to an address, each arriving
 * whole and in order (Unix datagrams are reliable: a sender blocks while the receiver's queue is
 * full rather than the message being dropped).
 *
 * <p>{@link #open()} makes an unbound socket; {@link #bind} gives it a path or abstract name (a
 * socket file as for {@link UnixServerSocketChannel}: mode {@code 0600}, stale files replaced,
 * removed on close); {@link #bindAutomatically()} lets Linux pick an abstract name, so that peers
 * can answer. {@link #send(ByteBuffer, UnixSocketAddress)} sends one datagram to an address
 * ({@code sendmsg} with the address); {@link #receive(ByteBuffer)} takes one and says who sent it.
 * After {@link #connect(UnixSocketAddress)}, {@link #read}/{@link #write} exchange datagrams with
 * that peer only. A datagram longer than the buffer throws
 * {@link io.github.nativeipc.error.MessageTruncatedException} rather than being cut silently.
 *
 * <p>Thread-safe.
 */
public final class UnixDatagramChannel extends UnixSocket {
    private volatile SocketFile file;

    private UnixDatagramChannel(int fd, String name) throws IpcException {
        super(fd, name, UnixSocketType.DATAGRAM, true);
    }

    /** An unbound datagram socket: {@code socket(AF_UNIX, SOCK_DGRAM|SOCK_CLOEXEC, 0)}. */
    public static UnixDatagramChannel open() throws IpcException {
        int fd = UnixSocketChannel.newSocket(UnixSocketType.DATAGRAM, "datagram socket");
        return new UnixDatagramChannel(fd, "datagram socket " + fd);   // owns fd, closed if this fails
    }

    /** A pair of connected datagram sockets ({@code socketpair(AF_UNIX, SOCK_DGRAM|SOCK_CLOEXEC)}). */
    public static SocketPair<UnixDatagramChannel> pair() throws IpcException {
        int[] fds = UnixSocketChannel.socketPair(UnixSocketType.DATAGRAM);
        String name = "socketpair[" + fds[0] + "," + fds[1] + "] (SOCK_DGRAM)";
        UnixDatagramChannel first;
        try {
            first = new UnixDatagramChannel(fds[0], name + " end 0");
        } catch (IpcException e) {
            C.close(fds[1]);
            throw e;
        }
        try {
            return new SocketPair<>(first, new UnixDatagramChannel(fds[1], name + " end 1"));
        } catch (IpcException e) {
            try {
                first.close();
            } catch (IOException ignored) {
                // the first error is the one worth reporting
            }
            throw e;
        }
    }

    /**
     * Takes ownership of a datagram socket this process received or inherited; checked with
     * {@code getsockopt(SO_TYPE)}, put in blocking mode.
     *
     * @throws io.github.nativeipc.error.InvalidArgumentException if {@code fd} is not a datagram socket
     */
    public static UnixDatagramChannel adopt(int fd, String description) throws IpcException {
        if (UnixSocketChannel.socketType(fd, description) != UnixSocketType.DATAGRAM) {
            throw Errors.invalidArgument("getsockopt(" + fd + ", SO_TYPE)", description, "not a datagram socket");
        }
        return new UnixDatagramChannel(fd, description);
    }

    /** Binds to {@code address} with {@link BindOptions#defaults()} (the backlog does not apply). */
    public UnixDatagramChannel bind(UnixSocketAddress address) throws IpcException {
        return bind(address, BindOptions.defaults());
    }

    /**
     * Binds to {@code address} ({@code fchmod}, {@code bind}, {@code chmod} for a path): see
     * {@link BindOptions} for the socket file's mode, stale files and removal on close.
     *
     * @throws io.github.nativeipc.error.AddressInUseException if a live socket or a non-socket file is at the path, or the name is taken
     * @throws io.github.nativeipc.error.InvalidArgumentException if already bound ({@code EINVAL}) or for an unnamed address
     */
    public UnixDatagramChannel bind(UnixSocketAddress address, BindOptions options) throws IpcException {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(options, "options");
        if (address.kind() == UnixSocketAddress.Kind.UNNAMED) {
            throw Errors.invalidArgument("bind(" + address + ")", name, "use bindAutomatically() for a name the kernel picks");
        }
        enter("bind");
        try {
            file = SocketFile.bind(fd, address, type, options, address.toString());
        } finally {
            guard.exit();
        }
        return this;
    }

    /**
     * Binds to an abstract name the kernel picks (Linux autobind: {@code bind} with the address
     * family alone), so that peers can send replies; {@link #localAddress()} tells the name.
     *
     * @throws io.github.nativeipc.error.NotSupportedException off Linux
     */
    public UnixDatagramChannel bindAutomatically() throws IpcException {
        if (!Platform.current().isLinux()) {
            throw Errors.notSupported("bind(AF_UNIX)", name, "automatic abstract names are Linux only");
        }
        enter("bind");
        try {
            Syscalls.Scratch s = Syscalls.Scratch.get();
            UnixSocketAddress.UNNAMED.encode(s.sockaddr);
            if (C.bind(fd, s.sockaddrAddress, SOCKADDR_UN_PATH_OFFSET) != 0) {
                throw Syscalls.error("bind(" + fd + ", AF_UNIX autobind)", name);
            }
        } finally {
            guard.exit();
        }
        return this;
    }

    /**
     * Sets the only peer this socket sends to and receives from ({@code connect}); then
     * {@link #write} and {@link #read} work without addresses.
     *
     * @throws io.github.nativeipc.error.ConnectionRefusedException if nothing is bound at the address
     * @throws io.github.nativeipc.error.NotFoundException if no socket file is at the path
     */
    public UnixDatagramChannel connect(UnixSocketAddress address) throws IpcException {
        Objects.requireNonNull(address, "address");
        enter("connect");
        try {
            Syscalls.Scratch s = Syscalls.Scratch.get();
            int length = address.encode(s.sockaddr);
            if (C.connect(fd, s.sockaddrAddress, length) != 0) {
                throw Syscalls.error("connect(" + fd + ", " + address + ", SOCK_DGRAM)", address.toString());
            }
        } finally {
            guard.exit();
        }
        return this;
    }

    /** The connected peer's address ({@code getpeername}). */
    public UnixSocketAddress remoteAddress() throws IpcException {
        return address(true);
    }

    /**
     * Sends {@code src} as one datagram to {@code to} ({@code sendmsg} with the address). Blocks
     * while the receiver's queue is full (in blocking mode); returns 0 then in non-blocking mode.
     *
     * @return the bytes sent: all of {@code src}, or 0
     * @throws io.github.nativeipc.error.ConnectionRefusedException if nothing is bound at {@code to}
     * @throws io.github.nativeipc.error.NotFoundException if no socket file is at the path
     * @throws io.github.nativeipc.error.LimitReachedException if the datagram is larger than the send buffer allows ({@code EMSGSIZE})
     */
    public int send(ByteBuffer src, UnixSocketAddress to) throws IOException {
        return (int) send(src, Objects.requireNonNull(to, "to"), NO_DESCRIPTORS, Long.MIN_VALUE);
    }

    /** As {@link #send(ByteBuffer, UnixSocketAddress)}, with descriptors attached ({@code SCM_RIGHTS}). */
    public int send(ByteBuffer src, UnixSocketAddress to, DescriptorOwner... descriptors) throws IOException {
        return (int) send(src, Objects.requireNonNull(to, "to"), descriptors, Long.MIN_VALUE);
    }

    /** As {@link #send(ByteBuffer, UnixSocketAddress)}, waiting at most {@code timeout} for room; 0 if there was none. */
    public int send(ByteBuffer src, UnixSocketAddress to, Duration timeout) throws IOException {
        return (int) send(src, Objects.requireNonNull(to, "to"), NO_DESCRIPTORS, System.nanoTime() + Timeouts.nanos(timeout));
    }

    private static final DescriptorOwner[] NO_DESCRIPTORS = new DescriptorOwner[0];

    /**
     * Receives one datagram into {@code dst} and returns its sender ({@code recvmsg} with an
     * address): {@link UnixSocketAddress#UNNAMED} if the sender is not bound (it cannot be answered).
     *
     * @return the sender, or null in non-blocking mode when nothing is there
     * @throws io.github.nativeipc.error.MessageTruncatedException if the datagram was longer than {@code dst}
     */
    public UnixSocketAddress receive(ByteBuffer dst) throws IOException {
        try (ReceivedMessage m = receive(dst, 0, true, Long.MIN_VALUE)) {
            return m == null ? null : m.sender().orElse(UnixSocketAddress.UNNAMED);
        }
    }

    /** As {@link #receive(ByteBuffer)}, waiting at most {@code timeout}; null if nothing came. */
    public UnixSocketAddress receive(ByteBuffer dst, Duration timeout) throws IOException {
        try (ReceivedMessage m = receive(dst, 0, true, System.nanoTime() + Timeouts.nanos(timeout))) {
            return m == null ? null : m.sender().orElse(UnixSocketAddress.UNNAMED);
        }
    }

    /**
     * Receives one datagram with up to {@code maxDescriptors} descriptors, and its sender
     * ({@link ReceivedMessage#sender()}).
     */
    @Override
    public ReceivedMessage receive(ByteBuffer dst, int maxDescriptors) throws IOException {
        return receive(dst, maxDescriptors, true, Long.MIN_VALUE);
    }

    @Override
    void checkReadable() {}

    @Override
    void checkWritable() {}

    @Override
    public int validOps() {
        return SelectionKey.OP_READ | SelectionKey.OP_WRITE;
    }

    @Override
    void afterClose() {
        SocketFile f = file;
        if (f != null) {
            file = null;
            f.remove();
        }
    }
}
