package io.github.nativeipc.posix;

import static io.github.nativeipc.bindings.PosixConstants.POLLIN;
import static io.github.nativeipc.bindings.PosixConstants.AF_UNIX;
import static io.github.nativeipc.bindings.PosixConstants.SOCK_CLOEXEC;

import io.github.nativeipc.bindings.Errno;
import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.bindings.Platform;
import io.github.nativeipc.error.ClosedException;
import io.github.nativeipc.handle.HandleGuard;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.spi.AbstractSelectableChannel;
import java.time.Duration;
import java.util.Objects;
import jnr.enxio.channels.NativeSelectableChannel;
import jnr.enxio.channels.NativeSelectorProvider;

/**
 * A listening Unix domain socket, stream or seqpacket: {@link #bind} ({@code socket},
 * {@code bind}, {@code chmod}, {@code listen}) then {@link #accept()} one
 * {@link UnixSocketChannel} per client.
 *
 * <h2>The socket file</h2>
 * Bound to a path, the server creates a socket file with mode {@code 0600} unless
 * {@link BindOptions} say otherwise, umask or not; only this user can then connect. A stale
 * socket file (a server died without removing it: connecting is refused) is replaced; a live
 * server's socket is never taken over ({@link io.github.nativeipc.error.AddressInUseException}),
 * nor a file that is not a socket. {@link #close()} removes the file if it is still the one this
 * server created. Abstract names ({@link UnixSocketAddress#ofAbstract}) have no file and no
 * permissions: authorise clients with {@link UnixSocketChannel#peerCredentials()}.
 *
 * <h2>Accepting</h2>
 * The listening descriptor is non-blocking in the kernel. In blocking mode {@link #accept()} waits
 * with {@code poll} in 50 ms slices, then {@code accept4(SOCK_CLOEXEC)}: an interrupt (which closes
 * the channel, as NIO specifies) or a {@link #close()} from another thread releases it within one
 * slice. In non-blocking mode it returns null when no client waits; the channel registers with
 * jnr-enxio's selector ({@code NativeSelectorProvider.getInstance().openSelector()}) for
 * {@link SelectionKey#OP_ACCEPT}. Accepted sockets are blocking and close-on-exec.
 *
 * <p>Thread-safe.
 */
public final class UnixServerSocketChannel extends AbstractSelectableChannel implements NativeSelectableChannel, DescriptorOwner {
    private static final LibC C = Native.libc();
    private static final int EINTR = Errno.EINTR.value();
    private static final int EAGAIN = Errno.EAGAIN.value();
    private static final int ECONNABORTED = Errno.ECONNABORTED.value();
    private static final boolean LINUX = Platform.current().isLinux();

    private final int fd;
    private final String name;
    private final UnixSocketType type;
    private final UnixSocketAddress address;
    private final HandleGuard guard;
    private final Cleaner.Cleanable cleanable;
    private final SocketFile file;

    private UnixServerSocketChannel(int fd, UnixSocketType type, UnixSocketAddress address, SocketFile file) {
        super(NativeSelectorProvider.getInstance());
        this.fd = fd;
        this.type = type;
        this.address = address;
        this.file = file;
        this.name = type.cName().toLowerCase().substring(5) + " server " + address;
        this.guard = new HandleGuard(() -> C.close(fd));
        this.cleanable = Syscalls.CLEANER.register(this, guard::close);
    }

    /** A stream server at {@code address} with {@link BindOptions#defaults()}. */
    public static UnixServerSocketChannel bind(UnixSocketAddress address) throws IpcException {
        return bind(address, UnixSocketType.STREAM, BindOptions.defaults());
    }

    /**
     * A server of {@code type} (stream or seqpacket) listening at {@code address}:
     * {@code socket(AF_UNIX, type|SOCK_CLOEXEC|SOCK_NONBLOCK)}, {@code fchmod}, {@code bind},
     * {@code chmod} (a path), {@code listen(backlog)}.
     *
     * @throws io.github.nativeipc.error.AddressInUseException if a live socket, or a file that is
     *         not a socket, is at the path, or the abstract name is taken ({@code EADDRINUSE})
     * @throws io.github.nativeipc.error.NotFoundException if the path's directory does not exist ({@code ENOENT})
     * @throws io.github.nativeipc.error.PermissionDeniedException if this user may not create files there ({@code EACCES})
     * @throws io.github.nativeipc.error.InvalidArgumentException for a datagram type or an unnamed address
     */
    public static UnixServerSocketChannel bind(UnixSocketAddress address, UnixSocketType type, BindOptions options) throws IpcException {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(options, "options");
        String object = address.toString();
        if (!type.isConnectionOriented()) {
            throw Errors.invalidArgument("listen(" + address + ")", object, "datagram sockets do not listen: use UnixDatagramChannel.bind");
        }
        if (address.kind() == UnixSocketAddress.Kind.UNNAMED) {
            throw Errors.invalidArgument("bind(" + address + ")", object, "a server needs a path or an abstract name");
        }
        int fd = C.socket(AF_UNIX, type.value() | (LINUX ? SOCK_CLOEXEC : 0), 0);
        if (fd < 0) {
            throw Syscalls.error("socket(AF_UNIX, " + type.cName() + "|SOCK_CLOEXEC, 0)", object);
        }
        SocketFile file = null;
        try {
            Descriptors.setNonBlocking(fd, true, object);
            file = SocketFile.bind(fd, address, type, options, object);
            if (C.listen(fd, options.backlog()) != 0) {
                throw Syscalls.error("listen(" + fd + ", " + options.backlog() + ")", object);
            }
            return new UnixServerSocketChannel(fd, type, address, file);
        } catch (IpcException | RuntimeException e) {
            C.close(fd);
            if (file != null) {
                file.remove();
            }
            throw e;
        }
    }

    /** The address this server listens at. */
    public UnixSocketAddress localAddress() {
        return address;
    }

    /** The type of the sockets it accepts. */
    public UnixSocketType type() {
        return type;
    }

    /**
     * Accepts the next client ({@code accept4(SOCK_CLOEXEC)}). In blocking mode waits for one
     * (see the class notes); in non-blocking mode returns null if none is waiting.
     *
     * @throws AsynchronousCloseException if another thread closed the server meanwhile
     * @throws java.nio.channels.ClosedByInterruptException if the thread was interrupted (the server is then closed)
     * @throws io.github.nativeipc.error.LimitReachedException if descriptors ran out ({@code EMFILE}, {@code ENFILE})
     */
    public UnixSocketChannel accept() throws IOException {
        return accept(UnixSocketChannel.PLAIN);
    }

    /** As {@link #accept()}, the channel made by {@code factory} (see {@link UnixSocketChannel.Factory}). */
    public <T extends UnixSocketChannel> T accept(UnixSocketChannel.Factory<T> factory) throws IOException {
        Objects.requireNonNull(factory, "factory");
        return accept(isBlocking() ? Long.MAX_VALUE : Long.MIN_VALUE, factory);
    }

    /**
     * Accepts the next client, waiting at most {@code timeout} (in either mode).
     *
     * @throws io.github.nativeipc.error.WouldBlockException if no client came in time
     */
    public UnixSocketChannel accept(Duration timeout) throws IOException {
        return accept(timeout, UnixSocketChannel.PLAIN);
    }

    /** As {@link #accept(Duration)}, the channel made by {@code factory} (see {@link UnixSocketChannel.Factory}). */
    public <T extends UnixSocketChannel> T accept(Duration timeout, UnixSocketChannel.Factory<T> factory) throws IOException {
        Objects.requireNonNull(factory, "factory");
        T c = accept(System.nanoTime() + Timeouts.nanos(timeout), factory);
        if (c == null) {
            throw Errors.timedOut("accept(" + fd + ")", name, "no client connected within " + timeout.toMillis() + " ms");
        }
        return c;
    }

    /** Long.MIN_VALUE: do not wait; Long.MAX_VALUE: wait without limit; else a nanoTime deadline. */
    private <T extends UnixSocketChannel> T accept(long deadline, UnixSocketChannel.Factory<T> factory) throws IOException {
        if (!guard.enter()) {
            throw new ClosedChannelException();
        }
        boolean waits = deadline != Long.MIN_VALUE;
        boolean completed = false;
        try {
            if (waits) {
                begin();
            }
            for (;;) {
                int client = C.accept4(fd, 0, 0, LINUX ? SOCK_CLOEXEC : 0);
                if (client >= 0) {
                    completed = true;
                    return UnixSocketChannel.make(client, type.cName().toLowerCase().substring(5) + " socket accepted on " + address,
                            type, factory);
                }
                int errno = Native.errno();
                if (guard.isClosed()) {
                    break;
                }
                if (errno == EINTR || errno == ECONNABORTED) {
                    continue;
                }
                if (errno != EAGAIN) {
                    throw Errors.fromErrno(errno, "accept4(" + fd + ", SOCK_CLOEXEC)", name);
                }
                if (!waits) {
                    completed = true;
                    return null;
                }
                long until = deadline == Long.MAX_VALUE ? System.nanoTime() + Timeouts.SLICE_NANOS : deadline;
                int ready;
                try {
                    ready = Poll.await(fd, POLLIN, until, name, guard);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();   // end() below closes the channel and throws ClosedByInterruptException
                    break;
                }
                if (guard.isClosed()) {
                    break;
                }
                if (ready == 0 && deadline != Long.MAX_VALUE) {
                    completed = true;
                    return null;   // timed out
                }
            }
            return null;
        } finally {
            guard.exit();
            if (waits) {
                end(completed);
            }
            if (!completed && !waits && guard.isClosed()) {
                throw new AsynchronousCloseException();
            }
        }
    }

    @Override
    protected void implConfigureBlocking(boolean block) {
        // The descriptor stays O_NONBLOCK; blocking accepts wait with poll (see the class notes).
    }

    @Override
    protected void implCloseSelectableChannel() {
        if (guard.close()) {
            cleanable.clean();
            if (file != null) {
                file.remove();
            }
        }
    }

    @Override
    public int validOps() {
        return SelectionKey.OP_ACCEPT;
    }

    /** The descriptor number, for jnr-enxio's selector. */
    @Override
    public int getFD() {
        return fd;
    }

    @Override
    public int acquireDescriptor() throws ClosedException {
        guard.enterOrThrow("acquireDescriptor", name);
        return fd;
    }

    @Override
    public void releaseDescriptor() {
        guard.exit();
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public String toString() {
        return "UnixServerSocketChannel[" + name + (isOpen() ? "" : ", closed") + "]";
    }
}
