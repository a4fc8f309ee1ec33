package io.github.nativeipc.posix;

import static io.github.nativeipc.bindings.PosixConstants.CMSGHDR_LEVEL_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.CMSGHDR_TYPE_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.CMSG_ALIGNMENT;
import static io.github.nativeipc.bindings.PosixConstants.CMSG_DATA_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.MSG_CTRUNC;
import static io.github.nativeipc.bindings.PosixConstants.SCM_CREDENTIALS;
import static io.github.nativeipc.bindings.PosixConstants.SCM_MAX_FD;
import static io.github.nativeipc.bindings.PosixConstants.SCM_RIGHTS;
import static io.github.nativeipc.bindings.PosixConstants.SIZEOF_SOCKADDR_UN;
import static io.github.nativeipc.bindings.PosixConstants.SIZEOF_UCRED;
import static io.github.nativeipc.bindings.PosixConstants.SOL_SOCKET;
import static io.github.nativeipc.bindings.PosixConstants.SO_PASSCRED;
import static io.github.nativeipc.bindings.PosixConstants.SO_RCVBUF;
import static io.github.nativeipc.bindings.PosixConstants.SO_SNDBUF;

import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.bindings.Platform;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.error.MessageTruncatedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What every Unix domain socket channel can do, connected ({@link UnixSocketChannel}) or not
 * ({@link UnixDatagramChannel}): its address, buffer sizes, and messages that carry descriptors
 * ({@code SCM_RIGHTS}) and the sender's credentials ({@code SCM_CREDENTIALS}).
 *
 * <h2>Reading and writing</h2>
 * {@link #read(ByteBuffer)} and {@link #write(ByteBuffer)} are those of {@link DescriptorChannel}:
 * one {@code read}/{@code write} system call each for direct buffers, blocking or not, timed forms,
 * selectable with jnr-enxio's selector, {@code close()} from another thread releasing a blocked
 * call. On a seqpacket or datagram socket a read takes exactly one message ({@code recv} with
 * {@code MSG_TRUNC}); a message longer than the buffer throws
 * {@link MessageTruncatedException} (the bytes that fit are in the buffer, the kernel dropped the
 * rest), never a silent cut. A write sends one message.
 *
 * <h2>Descriptors</h2>
 * {@link #send(ByteBuffer, DescriptorOwner...)} sends data and descriptors in one {@code sendmsg};
 * the receiver gets its own duplicates, so the senders' stay open and owned here.
 * {@link #receive(ByteBuffer, int)} returns a {@link ReceivedMessage} that owns the descriptors
 * that arrived until they are taken as typed objects; received descriptors are close-on-exec
 * ({@code MSG_CMSG_CLOEXEC}). More descriptors than the receive has room for ({@code MSG_CTRUNC})
 * closes the ones that came and throws {@link MessageTruncatedException}: none leaks.
 *
 * <p>Thread-safe.
 */
public abstract sealed class UnixSocket extends DescriptorChannel permits UnixSocketChannel, UnixDatagramChannel {
    static final LibC C = Native.libc();
    private static final boolean LINUX = Platform.current().isLinux();

    final UnixSocketType type;

    UnixSocket(int fd, String name, UnixSocketType type, boolean blocking) throws IpcException {
        super(fd, name, blocking, type.keepsMessageBoundaries(), type == UnixSocketType.DATAGRAM);
        this.type = type;
    }

    /** The socket's type. */
    public UnixSocketType type() {
        return type;
    }

    /** The address this socket is bound to ({@code getsockname}); {@link UnixSocketAddress#UNNAMED} if none. */
    public UnixSocketAddress localAddress() throws IpcException {
        return address(false);
    }

    /** {@code getsockname} or {@code getpeername}. */
    UnixSocketAddress address(boolean peer) throws IpcException {
        enter(peer ? "getpeername" : "getsockname");
        try {
            Syscalls.Scratch s = Syscalls.Scratch.get();
            s.intValue.putInt(0, SIZEOF_SOCKADDR_UN);
            int r = peer ? C.getpeername(fd, s.sockaddrAddress, s.intAddress) : C.getsockname(fd, s.sockaddrAddress, s.intAddress);
            if (r != 0) {
                throw Syscalls.error((peer ? "getpeername(" : "getsockname(") + fd + ")", name);
            }
            return UnixSocketAddress.decode(s.sockaddr, s.intValue.getInt(0));
        } finally {
            guard.exit();
        }
    }

    // ---------------------------------------------------------------- options

    /**
     * The send buffer size in bytes ({@code getsockopt(SO_SNDBUF)}): on a seqpacket or datagram
     * socket also the largest message that can be sent (minus some overhead).
     */
    public int sendBufferSize() throws IpcException {
        return intOption(SO_SNDBUF, "SO_SNDBUF");
    }

    /**
     * Sets the send buffer size ({@code setsockopt(SO_SNDBUF)}). Linux doubles the value for its
     * bookkeeping (what {@link #sendBufferSize()} then reports) and caps it at
     * {@code /proc/sys/net/core/wmem_max} for unprivileged processes.
     */
    public void setSendBufferSize(int bytes) throws IpcException {
        setIntOption(SO_SNDBUF, "SO_SNDBUF", bytes);
    }

    /** The receive buffer size in bytes ({@code getsockopt(SO_RCVBUF)}). */
    public int receiveBufferSize() throws IpcException {
        return intOption(SO_RCVBUF, "SO_RCVBUF");
    }

    /** Sets the receive buffer size ({@code setsockopt(SO_RCVBUF)}); doubled and capped at {@code rmem_max} as for sending. */
    public void setReceiveBufferSize(int bytes) throws IpcException {
        setIntOption(SO_RCVBUF, "SO_RCVBUF", bytes);
    }

    /**
     * Whether every message received carries the sender's credentials
     * ({@code setsockopt(SO_PASSCRED)}, Linux): {@link ReceivedMessage#credentials()}. The kernel
     * fills them in, whatever the sender does. On an unbound datagram socket this also binds it to
     * an automatic abstract name, as the kernel does.
     *
     * @throws io.github.nativeipc.error.NotSupportedException off Linux
     */
    public void setPassCredentials(boolean on) throws IpcException {
        if (!LINUX) {
            throw Errors.notSupported("setsockopt(SO_PASSCRED)", name, "SO_PASSCRED is Linux only");
        }
        setIntOption(SO_PASSCRED, "SO_PASSCRED", on ? 1 : 0);
    }

    /** Whether {@code SO_PASSCRED} is on (Linux). */
    public boolean passCredentials() throws IpcException {
        return LINUX && intOption(SO_PASSCRED, "SO_PASSCRED") != 0;
    }

    int intOption(int option, String optionName) throws IpcException {
        enter("getsockopt(" + optionName + ")");
        try {
            Syscalls.Scratch s = Syscalls.Scratch.get();
            s.intValue.putInt(0, 0).putInt(4, 4);
            if (C.getsockopt(fd, SOL_SOCKET, option, s.intAddress, s.intAddress + 4) != 0) {
                throw Syscalls.error("getsockopt(" + fd + ", SOL_SOCKET, " + optionName + ")", name);
            }
            return s.intValue.getInt(0);
        } finally {
            guard.exit();
        }
    }

    void setIntOption(int option, String optionName, int value) throws IpcException {
        enter("setsockopt(" + optionName + ")");
        try {
            Syscalls.Scratch s = Syscalls.Scratch.get();
            s.intValue.putInt(0, value);
            if (C.setsockopt(fd, SOL_SOCKET, option, s.intAddress, 4) != 0) {
                throw Syscalls.error("setsockopt(" + fd + ", SOL_SOCKET, " + optionName + ", " + value + ")", name);
            }
        } finally {
            guard.exit();
        }
    }

    void enter(String operation) throws IpcException {
        if (!guard.enter()) {
            throw Errors.closed(operation, name);
        }
    }

    // ---------------------------------------------------------------- descriptors and credentials

    /**
     * Sends {@code src} with {@code descriptors} attached ({@code sendmsg} with {@code SCM_RIGHTS}):
     * the receiver gets its own duplicate of each, in this order; those here stay open. Blocks as
     * {@link #write(ByteBuffer)} does. On a stream socket the descriptors travel with the first
     * byte, so {@code src} must not be empty.
     *
     * @return the bytes sent
     * @throws io.github.nativeipc.error.InvalidArgumentException for more than 253 descriptors
     *         ({@code SCM_MAX_FD}), or an empty {@code src} on a stream socket
     * @throws io.github.nativeipc.error.ClosedException if one of the owners is closed
     * @throws io.github.nativeipc.error.LimitReachedException if the receiver may not hold that many
     *         more descriptors ({@code ETOOMANYREFS} shows as the root type)
     */
    public int send(ByteBuffer src, DescriptorOwner... descriptors) throws IOException {
        return (int) send(src, null, descriptors, Long.MIN_VALUE);
    }

    /** {@code sendmsg} of {@code src}, to {@code to} (null: the connected peer) with {@code descriptors}. */
    long send(ByteBuffer src, UnixSocketAddress to, DescriptorOwner[] descriptors, long deadline) throws IOException {
        Objects.requireNonNull(src, "src");
        int n = descriptors.length;
        String call = "sendmsg(" + fd + (to != null ? ", to " + to : "") + ", " + n + " descriptors)";
        if (n > SCM_MAX_FD) {
            throw Errors.invalidArgument(call, name, "one message carries at most " + SCM_MAX_FD + " descriptors (SCM_MAX_FD)");
        }
        if (n > 0 && type == UnixSocketType.STREAM && !src.hasRemaining()) {
            throw Errors.invalidArgument(call, name, "descriptors travel with data on a stream socket: send at least one byte");
        }
        Syscalls.Scratch s = Syscalls.Scratch.get();
        int controlLength = n > 0 ? space(4 * n) : 0;
        ByteBuffer c = s.control(Math.max(controlLength, 1));
        int acquired = 0;
        try {
            for (; acquired < n; acquired++) {
                // held open (a concurrent close deferred) until released below, after sendmsg
                c.putInt(CMSG_DATA_OFFSET + 4 * acquired, Objects.requireNonNull(descriptors[acquired], "descriptor").acquireDescriptor());
            }
            long control = 0;
            if (n > 0) {
                putLength(c, 0, CMSG_DATA_OFFSET + 4 * n);
                c.putInt(CMSGHDR_LEVEL_OFFSET, SOL_SOCKET);
                c.putInt(CMSGHDR_TYPE_OFFSET, SCM_RIGHTS);
                control = s.controlAddress();
            }
            long nameAddress = 0;
            int nameLength = 0;
            if (to != null) {
                nameLength = to.encode(s.sockaddr);
                nameAddress = s.sockaddrAddress;
            }
            s.prepareMessage(nameAddress, nameLength, control, controlLength);
            return sendMessage(src, deadline);
        } finally {
            for (int i = 0; i < acquired; i++) {
                descriptors[i].releaseDescriptor();
            }
        }
    }

    /**
     * Receives one message into {@code dst} with room for up to {@code maxDescriptors} descriptors
     * ({@code recvmsg}); blocks as {@link #read(ByteBuffer)} does. The returned message owns the
     * descriptors that came: take them as typed objects or close it.
     *
     * @return the message; {@link ReceivedMessage#bytes()} is -1 at the end of a stream; null in
     *         non-blocking mode when nothing is there
     * @throws MessageTruncatedException if more descriptors came than {@code maxDescriptors} (those
     *         that did are closed), or a seqpacket/datagram message was longer than {@code dst}
     */
    public ReceivedMessage receive(ByteBuffer dst, int maxDescriptors) throws IOException {
        return receive(dst, maxDescriptors, false, Long.MIN_VALUE);
    }

    /**
     * As {@link #receive(ByteBuffer, int)}, waiting at most {@code timeout} for a message.
     *
     * @return the message, or null if none came in time
     */
    public ReceivedMessage receive(ByteBuffer dst, int maxDescriptors, Duration timeout) throws IOException {
        return receive(dst, maxDescriptors, false, System.nanoTime() + Timeouts.nanos(timeout));
    }

    ReceivedMessage receive(ByteBuffer dst, int maxDescriptors, boolean withSender, long deadline) throws IOException {
        Objects.requireNonNull(dst, "dst");
        if (maxDescriptors < 0 || maxDescriptors > SCM_MAX_FD) {
            throw Errors.invalidArgument("recvmsg(" + fd + ")", name, "maxDescriptors must be within 0.." + SCM_MAX_FD);
        }
        if (type == UnixSocketType.STREAM && !dst.hasRemaining()) {
            throw Errors.invalidArgument("recvmsg(" + fd + ")", name, "a stream socket receives into a buffer with room");
        }
        Syscalls.Scratch s = Syscalls.Scratch.get();
        // Room for the descriptors asked for, and always for credentials (SO_PASSCRED may be on).
        int controlLength = (maxDescriptors > 0 ? space(4 * maxDescriptors) : 0) + (LINUX ? space(SIZEOF_UCRED) : 0);
        ByteBuffer control = s.control(Math.max(controlLength, 1));
        s.prepareMessage(withSender ? s.sockaddrAddress : 0, withSender ? SIZEOF_SOCKADDR_UN : 0,
                controlLength == 0 ? 0 : s.controlAddress(), controlLength);
        long n;
        try {
            n = receiveMessage(dst, deadline);
        } catch (MessageTruncatedException e) {
            closeAll(parse(control, s.messageControlLength(), null));
            throw e;
        }
        if (s.messageFlags() == Syscalls.Scratch.NO_MESSAGE) {
            return null;   // nothing came: non-blocking, timed out
        }
        PeerCredentials[] credentials = new PeerCredentials[1];
        List<Integer> fds = parse(control, s.messageControlLength(), credentials);
        // The credentials' room can hold a few descriptors more than asked for: those count as too many too.
        if ((s.messageFlags() & MSG_CTRUNC) != 0 || fds.size() > maxDescriptors) {
            closeAll(fds);
            throw Errors.descriptorsTruncated("recvmsg(" + fd + ", " + maxDescriptors + " descriptors)", name, maxDescriptors,
                    fds.size(), n);
        }
        UnixSocketAddress sender = withSender ? UnixSocketAddress.decode(s.sockaddr, s.messageNameLength()) : null;
        List<ReceivedDescriptor> received = new ArrayList<>(fds.size());
        for (int i = 0; i < fds.size(); i++) {
            received.add(new ReceivedDescriptor(fds.get(i), "descriptor " + i + " received on " + name));
        }
        return new ReceivedMessage(n, received, credentials[0], sender);
    }

    /** The descriptors in {@code length} bytes of control messages; credentials into {@code credentialsOut[0]}. */
    private static List<Integer> parse(ByteBuffer control, int length, PeerCredentials[] credentialsOut) {
        List<Integer> fds = new ArrayList<>();
        int at = 0;
        while (at + CMSG_DATA_OFFSET <= length) {
            long cmsgLength = CMSG_DATA_OFFSET == 16 ? control.getLong(at) : control.getInt(at);
            if (cmsgLength < CMSG_DATA_OFFSET || at + cmsgLength > length) {
                break;
            }
            int level = control.getInt(at + CMSGHDR_LEVEL_OFFSET);
            int kind = control.getInt(at + CMSGHDR_TYPE_OFFSET);
            int data = at + CMSG_DATA_OFFSET;
            if (level == SOL_SOCKET && kind == SCM_RIGHTS) {
                for (int i = 0; i < (cmsgLength - CMSG_DATA_OFFSET) / 4; i++) {
                    fds.add(control.getInt(data + 4 * i));
                }
            } else if (level == SOL_SOCKET && kind == SCM_CREDENTIALS && LINUX && credentialsOut != null
                    && cmsgLength >= CMSG_DATA_OFFSET + SIZEOF_UCRED) {
                credentialsOut[0] = new PeerCredentials(control.getInt(data), control.getInt(data + 4), control.getInt(data + 8));
            }
            at += align((int) cmsgLength);
        }
        return fds;
    }

    private static void closeAll(List<Integer> fds) {
        for (int fd : fds) {
            C.close(fd);
        }
    }

    /** {@code CMSG_SPACE(bytes)}. */
    static int space(int bytes) {
        return align(CMSG_DATA_OFFSET) + align(bytes);
    }

    private static int align(int n) {
        return (n + CMSG_ALIGNMENT - 1) & ~(CMSG_ALIGNMENT - 1);
    }

    private static void putLength(ByteBuffer control, int at, long length) {
        if (CMSG_DATA_OFFSET == 16) {
            control.putLong(at, length);   // size_t cmsg_len (Linux)
        } else {
            control.putInt(at, (int) length);
        }
    }

    @Override
    protected void implCloseSelectableChannel() {
        super.implCloseSelectableChannel();
        afterClose();
    }

    /** Removes what binding left behind (a socket file); runs once, after the descriptor is released. */
    void afterClose() {}
}
