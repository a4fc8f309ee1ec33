package io.github.nativeipc.posix;

import static io.github.nativeipc.bindings.PosixConstants.F_GETFL;
import static io.github.nativeipc.bindings.PosixConstants.O_RDONLY;
import static io.github.nativeipc.bindings.PosixConstants.O_RDWR;
import static io.github.nativeipc.bindings.PosixConstants.O_WRONLY;
import static io.github.nativeipc.bindings.PosixConstants.S_IFIFO;
import static io.github.nativeipc.bindings.PosixConstants.S_IFSOCK;

import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A descriptor that arrived over a Unix socket ({@code SCM_RIGHTS}): this process's own duplicate
 * of one another process sent, close-on-exec. It is owned here until taken as a typed object
 * ({@link #asMemFd}, {@link #asPipeSource()}, {@link #asPipeSink()}, {@link #asSocketChannel()},
 * {@link #asDatagramChannel()}, {@link #asEventFd}) or as a raw number ({@link #detach()}), after
 * which the taker closes it; {@link #close()} closes one nobody took. A failed conversion leaves it
 * owned here.
 *
 * <p>Thread-safe: exactly one taker wins.
 */
public final class ReceivedDescriptor implements AutoCloseable {
    private static final LibC C = Native.libc();
    private static final int S_IFREG = 0100000;

    /** What kind of file the descriptor refers to ({@code fstat}). */
    public enum Kind {
        /** A socket. */
        SOCKET,
        /** A pipe or FIFO end. */
        PIPE,
        /** A regular file: a memfd, a POSIX shared-memory object, a file. */
        FILE,
        /** Anything else: an eventfd, a pidfd, a device. */
        OTHER
    }

    private final int fd;
    private final String description;
    private final AtomicBoolean owned = new AtomicBoolean(true);

    ReceivedDescriptor(int fd, String description) {
        this.fd = fd;
        this.description = description;
    }

    /** The descriptor number (still owned here unless taken). */
    public int number() {
        return fd;
    }

    /** What it refers to ({@code fstat}). */
    public Kind kind() throws IpcException {
        return kindOf(Stat.fileType(checkOwned("fstat"), description));
    }

    private static Kind kindOf(int type) {
        return type == S_IFSOCK ? Kind.SOCKET : type == S_IFIFO ? Kind.PIPE : type == S_IFREG ? Kind.FILE : Kind.OTHER;
    }

    /**
     * Takes it as memory ({@link MemFd#adopt}): a memfd, or any regular file such as a POSIX
     * shared-memory object, mapped with {@link MemFd#map}. {@code access} is how the sender opened it.
     *
     * @throws io.github.nativeipc.error.InvalidArgumentException if it is not a regular file
     */
    public MemFd asMemFd(Access access) throws IpcException {
        return take(() -> {
            expect(Kind.FILE, "memory (a regular file or memfd)");
            return MemFd.adopt(fd, access, "memfd received on " + description);
        });
    }

    /** Takes it as the read end of a pipe or FIFO, in blocking mode. */
    public PipeSource asPipeSource() throws IpcException {
        return take(() -> {
            expect(Kind.PIPE, "a pipe read end");
            expectAccess(O_RDONLY, "read end");
            return new PipeSource(fd, "pipe read end (" + description + ")", true);
        });
    }

    /** Takes it as the write end of a pipe or FIFO, in blocking mode. */
    public PipeSink asPipeSink() throws IpcException {
        return take(() -> {
            expect(Kind.PIPE, "a pipe write end");
            expectAccess(O_WRONLY, "write end");
            return new PipeSink(fd, "pipe write end (" + description + ")", true);
        });
    }

    /** Takes it as a connected stream or seqpacket Unix socket ({@link UnixSocketChannel#adopt}). */
    public UnixSocketChannel asSocketChannel() throws IpcException {
        return take(() -> UnixSocketChannel.adopt(fd, "socket received on " + description));
    }

    /** Takes it as a Unix datagram socket ({@link UnixDatagramChannel#adopt}). */
    public UnixDatagramChannel asDatagramChannel() throws IpcException {
        return take(() -> UnixDatagramChannel.adopt(fd, "socket received on " + description));
    }

    /** Takes it as an eventfd ({@link EventFd#adopt}). */
    public EventFd asEventFd(boolean semaphore) throws IpcException {
        return take(() -> EventFd.adopt(fd, semaphore));
    }

    /**
     * Takes the raw number: the caller now owns it and must close it.
     *
     * @throws io.github.nativeipc.error.ClosedException if it was closed or taken already
     */
    public int detach() throws IpcException {
        if (!owned.compareAndSet(true, false)) {
            throw Errors.closed("detach", description);
        }
        return fd;
    }

    /** Closes the descriptor unless it was taken. Idempotent. */
    @Override
    public void close() {
        if (owned.compareAndSet(true, false)) {
            C.close(fd);
        }
    }

    /** What a conversion does once it holds the descriptor. */
    private interface Adoption<T> {
        T adopt() throws IpcException;
    }

    /** Claims the descriptor, converts it, and gives it back to this owner if the conversion fails. */
    private <T> T take(Adoption<T> adoption) throws IpcException {
        if (!owned.compareAndSet(true, false)) {
            throw Errors.closed("take", description);
        }
        try {
            return adoption.adopt();
        } catch (IpcException | RuntimeException e) {
            owned.set(true);
            throw e;
        }
    }

    private int checkOwned(String operation) throws IpcException {
        if (!owned.get()) {
            throw Errors.closed(operation, description);
        }
        return fd;
    }

    private void expect(Kind kind, String what) throws IpcException {
        Kind actual = kindOf(Stat.fileType(fd, description));
        if (actual != kind) {
            throw Errors.invalidArgument("fstat(" + fd + ")", description, "the descriptor is " + actual.name().toLowerCase()
                    + ", not " + what);
        }
    }

    private void expectAccess(int access, String what) throws IpcException {
        int flags = C.fcntl(fd, F_GETFL, 0);
        if (flags < 0) {
            throw Syscalls.error("fcntl(" + fd + ", F_GETFL)", description);
        }
        if ((flags & 3) != access && (flags & 3) != O_RDWR) {
            throw Errors.invalidArgument("fcntl(" + fd + ", F_GETFL)", description, "the descriptor is not a pipe " + what);
        }
    }

    @Override
    public String toString() {
        return "ReceivedDescriptor[" + fd + ", " + description + (owned.get() ? "" : ", taken or closed") + "]";
    }
}
