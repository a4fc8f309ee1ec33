package io.github.nativeipc.posix;

import static io.github.nativeipc.bindings.PosixConstants.IOV_MAX;
import static io.github.nativeipc.bindings.PosixConstants.MSG_CMSG_CLOEXEC;
import static io.github.nativeipc.bindings.PosixConstants.MSG_NOSIGNAL;
import static io.github.nativeipc.bindings.PosixConstants.MSG_TRUNC;
import static io.github.nativeipc.bindings.PosixConstants.O_CLOEXEC;
import static io.github.nativeipc.bindings.PosixConstants.POLLIN;
import static io.github.nativeipc.bindings.PosixConstants.POLLOUT;
import static io.github.nativeipc.bindings.PosixConstants.SIZEOF_IOVEC;

import io.github.nativeipc.bindings.Errno;
import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.bindings.Platform;
import io.github.nativeipc.error.ClosedException;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.handle.HandleGuard;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ByteChannel;
import java.nio.channels.Channels;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.ScatteringByteChannel;
import java.nio.channels.spi.AbstractSelectableChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import jnr.enxio.channels.NativeSelectableChannel;
import jnr.enxio.channels.NativeSelectorProvider;

/**
 * A channel over one descriptor this process owns — a pipe end, a FIFO end, a socket — with
 * {@link ByteBuffer} reads and writes that go straight to {@code read}/{@code write}
 * ({@code readv}/{@code writev} for several buffers).
 *
 * <h2>Blocking, non-blocking, timed</h2>
 * In blocking mode (the default) a read is one blocking {@code read} system call, as in C; in
 * non-blocking mode ({@link #configureBlocking(boolean) configureBlocking(false)}, which sets
 * {@code O_NONBLOCK}) it returns 0 at once when nothing is there. The timed forms
 * ({@link #read(ByteBuffer, Duration)}, {@link #write(ByteBuffer, Duration)}) wait with {@code poll}
 * first, in either mode. {@code EINTR} is retried. Only one read and one write run at a time (as
 * for every NIO channel); others wait for them.
 *
 * <h2>Selectors</h2>
 * The JDK's selectors only take the JDK's own channels, so these channels belong to jnr-enxio's
 * {@link NativeSelectorProvider}: open a selector with {@code NativeSelectorProvider.getInstance().openSelector()}
 * and register channels in non-blocking mode as usual.
 *
 * <h2>Closing</h2>
 * {@link #close()} from another thread wakes a thread blocked in {@code read} or {@code write}: the
 * descriptor number is first pointed at a dead pipe end ({@code dup3}, so no call can block on it
 * any more), then each blocked thread is sent a signal whose handler does nothing (see
 * {@link Threads}), so its call returns {@code EINTR}; the blocked call throws
 * {@link AsynchronousCloseException}. An interrupted thread closes the channel and gets
 * {@link java.nio.channels.ClosedByInterruptException}, as NIO specifies. On Linux an untimed
 * blocking call does without the JDK's per-call interrupt hook ({@code begin()}/{@code end()}, two
 * monitor enters each, whose cost showed in one-CPU round trips): it checks the interrupt status
 * before it blocks, and {@link InterruptWatch} wakes an interrupted thread blocked in it within
 * about 50 ms. Timed calls, and every call elsewhere, keep the hook. The descriptor itself is
 * closed when the last call has left, so its number is never reused under a running call. A
 * {@link Cleaner} closes a channel that was never closed.
 *
 * <p>Errors are the library's typed {@link IpcException}s naming the call, the channel and the OS
 * error ({@link io.github.nativeipc.error.BrokenPipeException} for a write whose reader is gone);
 * the JVM ignores {@code SIGPIPE}, so such a write never ends the process.
 *
 * <p>Thread-safe.
 */
public abstract class DescriptorChannel extends AbstractSelectableChannel
        implements ByteChannel, ScatteringByteChannel, GatheringByteChannel, NativeSelectableChannel, DescriptorOwner {
    private static final LibC C = Native.libc();
    private static final int EINTR = Errno.EINTR.value();
    private static final int EAGAIN = Errno.EAGAIN.value();
    private static final boolean LINUX = Platform.current().isLinux();
    /** Received descriptors are close-on-exec from the start (Linux), so no child inherits one by accident. */
    private static final int RECEIVE_FLAGS = LINUX ? MSG_CMSG_CLOEXEC : 0;
    /** A send to a closed peer is {@code EPIPE}, without raising {@code SIGPIPE} (Linux). */
    private static final int SEND_FLAGS = LINUX ? MSG_NOSIGNAL : 0;

    final int fd;
    final String name;
    /**
     * Whether the descriptor keeps message boundaries (a seqpacket or datagram socket): a read then
     * takes one whole message ({@code recv} with {@code MSG_TRUNC}, which tells its real length) and
     * a message longer than the buffer is reported, never cut silently.
     */
    private final boolean messages;
    /** Whether a read of 0 bytes is an empty datagram rather than the end of the stream. */
    private final boolean datagrams;
    final HandleGuard guard;
    private final Cleaner.Cleanable cleanable;
    /**
     * Whether untimed blocking calls answer {@link Thread#interrupt()} through {@link InterruptWatch}
     * (which signals an interrupted thread blocked here, so that its call returns {@code EINTR})
     * instead of the JDK's per-call interrupt hook, {@code begin()}/{@code end()}: Linux, where
     * {@link Threads#wake} can end a blocked call.
     */
    private static final boolean WATCHED = Threads.supported();
    /**
     * Kernel ids of the threads inside a read or write, 0 when none (and off Linux): the ones
     * close() must wake. The direction's lock itself is a lane of {@link #guard}.
     */
    private volatile int readerTid;
    private volatile int writerTid;
    private static final VarHandle READER_TID;
    private static final VarHandle WRITER_TID;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            READER_TID = l.findVarHandle(DescriptorChannel.class, "readerTid", int.class);
            WRITER_TID = l.findVarHandle(DescriptorChannel.class, "writerTid", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The last direct buffer each direction used and its address: looking an address up costs a JNI
     * call (about 20 ns), and hot loops reuse their buffers. Guarded by the direction's lock; the one
     * buffer stays reachable until the next call with another or close().
     */
    private ByteBuffer lastReadBuffer;
    private long lastReadAddress;
    private ByteBuffer lastWriteBuffer;
    private long lastWriteAddress;

    /**
     * Takes ownership of {@code fd} (close-on-exec expected), in blocking mode if {@code blocking},
     * setting or clearing {@code O_NONBLOCK} to match. If this throws, {@code fd} is closed already:
     * callers must not close it again.
     */
    DescriptorChannel(int fd, String name, boolean blocking) throws IpcException {
        this(fd, name, blocking, false, false);
    }

    /**
     * As {@link #DescriptorChannel(int, String, boolean)}, for a descriptor that keeps message
     * boundaries ({@code messages}: seqpacket, datagram) and where an empty read is an empty
     * message rather than the end of the stream ({@code datagrams}).
     */
    DescriptorChannel(int fd, String name, boolean blocking, boolean messages, boolean datagrams) throws IpcException {
        super(NativeSelectorProvider.getInstance());
        this.fd = fd;
        this.name = name;
        this.messages = messages;
        this.datagrams = datagrams;
        this.guard = new HandleGuard(() -> C.close(fd));
        this.cleanable = Syscalls.CLEANER.register(this, guard::close);
        try {
            Descriptors.setNonBlocking(fd, !blocking, name);
            if (!blocking) {
                configureBlocking(false);
            }
        } catch (IOException e) {
            guard.close();
            cleanable.clean();
            throw e instanceof IpcException ie ? ie : Errors.invalidArgument("fcntl(" + fd + ")", name, e.toString());
        }
    }

    /** What this channel is, for messages: {@code "pipe[5] (read end)"}, {@code "/run/app/in (write end)"}. */
    public String name() {
        return name;
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads into {@code dst}: {@code read(fd, ...)}, straight into a direct buffer, through this
     * thread's scratch buffer for a heap one. Blocks in blocking mode until at least one byte is there.
     *
     * @return the bytes read; -1 at end of stream (every writer closed); 0 in non-blocking mode when nothing is there
     * @throws AsynchronousCloseException if another thread closed the channel meanwhile
     * @throws IpcException the OS error, typed
     */
    @Override
    public int read(ByteBuffer dst) throws IOException {
        return (int) transfer(dst, null, 0, 0, true, Long.MIN_VALUE, false);
    }

    /**
     * As {@link #read(ByteBuffer)}, waiting at most {@code timeout} for data ({@code poll}, then
     * {@code read}).
     *
     * @return the bytes read, -1 at end of stream, 0 if nothing arrived in time
     */
    public int read(ByteBuffer dst, Duration timeout) throws IOException {
        return (int) transfer(dst, null, 0, 0, true, System.nanoTime() + Timeouts.nanos(timeout), false);
    }

    /** Scattering read: {@code readv} over direct buffers, one {@code read} through scratch otherwise. */
    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, dsts.length);
        return transfer(null, dsts, offset, length, true, Long.MIN_VALUE, false);
    }

    @Override
    public long read(ByteBuffer[] dsts) throws IOException {
        return read(dsts, 0, dsts.length);
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes from {@code src}: {@code write(fd, ...)}. In blocking mode it returns once the kernel
     * took every byte (looping over partial writes); in non-blocking mode it takes what fits.
     *
     * @return the bytes written
     * @throws io.github.nativeipc.error.BrokenPipeException if nothing reads the other end any more ({@code EPIPE})
     * @throws AsynchronousCloseException if another thread closed the channel meanwhile
     */
    @Override
    public int write(ByteBuffer src) throws IOException {
        return (int) transfer(src, null, 0, 0, false, Long.MIN_VALUE, false);
    }

    /**
     * As {@link #write(ByteBuffer)}, waiting at most {@code timeout} for room ({@code poll}, then
     * {@code write}); returns the bytes written, 0 if there was no room in time.
     */
    public int write(ByteBuffer src, Duration timeout) throws IOException {
        return (int) transfer(src, null, 0, 0, false, System.nanoTime() + Timeouts.nanos(timeout), false);
    }

    /** Gathering write: {@code writev} over direct buffers, one {@code write} through scratch otherwise. */
    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, srcs.length);
        return transfer(null, srcs, offset, length, false, Long.MIN_VALUE, false);
    }

    @Override
    public long write(ByteBuffer[] srcs) throws IOException {
        return write(srcs, 0, srcs.length);
    }

    /**
     * One {@code recvmsg} into {@code dst} with the address and control space this thread prepared
     * ({@link Syscalls.Scratch#prepareMessage}), under the same blocking, timeout and close rules
     * as {@link #read(ByteBuffer)}; {@code deadline} as for the loops. The kernel's {@code msg_flags},
     * name length and control length are in this thread's scratch {@code msghdr} afterwards.
     */
    long receiveMessage(ByteBuffer dst, long deadline) throws IOException {
        return transfer(dst, null, 0, 0, true, deadline, true);
    }

    /** One {@code sendmsg} of {@code src} with the prepared address and control data, as {@link #write(ByteBuffer)}. */
    long sendMessage(ByteBuffer src, long deadline) throws IOException {
        return transfer(src, null, 0, 0, false, deadline, true);
    }

    /** A blocking {@link InputStream} over this channel ({@link Channels#newInputStream}); closing it closes the channel. */
    public InputStream inputStream() {
        return Channels.newInputStream(this);
    }

    /** A blocking {@link OutputStream} over this channel ({@link Channels#newOutputStream}); closing it closes the channel. */
    public OutputStream outputStream() {
        return Channels.newOutputStream(this);
    }

    // ---------------------------------------------------------------- the transfer loop

    /** Whether this channel may read (a pipe's write end may not). */
    abstract void checkReadable();

    /** Whether this channel may write. */
    abstract void checkWritable();

    /**
     * One read or write of {@code single} or of {@code many[offset..offset+length)}. {@code deadline}
     * is {@link Long#MIN_VALUE} for the untimed forms, else a {@link System#nanoTime()} to poll until.
     * With {@code header}, {@code single} goes through {@code recvmsg}/{@code sendmsg} with the
     * address and control space this thread prepared ({@link Syscalls.Scratch#prepareMessage}).
     *
     * <p>Holds this direction's lane of the guard for the call: one compare-and-set registers the
     * call (the descriptor stays open under it) and excludes other readers (writers). An untimed
     * blocking call, where {@link #WATCHED}, checks the interrupt status before it starts and at each {@code EINTR}
     * ({@link #INTERRUPTED}, which {@link InterruptWatch} causes for an interrupted thread); any
     * other blocking call is bracketed by {@code begin()}/{@code end()}. Kept in one method on
     * purpose: split into a locking and a calling method, the one-CPU bulk socket copy lost 10%
     * (9.0 to 7.9 GiB/s, measured 2026-12-06).
     */
    private long transfer(ByteBuffer single, ByteBuffer[] many, int offset, int length, boolean reading, long deadline,
            boolean header) throws IOException {
        if (reading) {
            checkReadable();
        } else {
            checkWritable();
        }
        int lane = reading ? HandleGuard.LANE_A : HandleGuard.LANE_B;
        int entered = guard.enterLane(lane);
        if (entered == 0) {
            entered = awaitLane(lane);
        }
        if (entered < 0) {
            throw new ClosedChannelException();
        }
        Syscalls.Scratch s = Syscalls.Scratch.get();
        VarHandle tid = reading ? READER_TID : WRITER_TID;
        tid.setRelease(this, s.tid);
        s.blockedOn = this;
        long r = 0;
        boolean completed = false;
        boolean hooked = false;
        try {
            boolean blocking = isBlocking() || deadline != Long.MIN_VALUE;
            hooked = blocking && !(WATCHED && deadline == Long.MIN_VALUE);
            if (hooked) {
                begin();
            }
            if (!hooked && blocking && Thread.currentThread().isInterrupted()) {
                r = INTERRUPTED;
            } else {
                r = reading ? readOnce(single, many, offset, length, s, deadline, header)
                        : writeAll(single, many, offset, length, s, deadline, header);
                completed = r != CLOSED;
                if (!completed) {
                    r = 0;
                }
            }
        } finally {
            s.blockedOn = null;
            tid.setRelease(this, 0);
            guard.exitLane(lane);
            if (hooked) {
                end(completed);
            } else if (!completed && r != INTERRUPTED && guard.isClosed()) {
                throw new AsynchronousCloseException();
            }
        }
        if (r == INTERRUPTED) {
            close();   // as NIO specifies for an interrupted blocking call
            throw new ClosedByInterruptException();
        }
        return r;
    }

    /**
     * Waits until this thread takes {@code lane} from another thread's call (which may be blocked
     * for as long as its call lasts): a short spin, then naps of up to 1 ms. Not interruptible, as
     * a channel's read and write locks are not.
     *
     * @return 1 once taken, -1 if the channel was closed meanwhile
     */
    private int awaitLane(int lane) {
        long nap = 1_000L;
        for (int spins = 0; ; spins++) {
            int entered = guard.enterLane(lane);
            if (entered != 0) {
                return entered;
            }
            if (spins < 100) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(nap);
                nap = Math.min(nap * 2, 1_000_000L);
            }
        }
    }

    /** The most bytes one call moves through this thread's scratch buffer for heap buffers. */
    private static final int BOUNCE_MAX = 1 << 20;

    /** Returned by the loops when the channel was closed under them. */
    private static final long CLOSED = Long.MIN_VALUE;
    /** Returned when an untimed blocking call found its thread interrupted (see {@link InterruptWatch}). */
    private static final long INTERRUPTED = Long.MIN_VALUE + 1;

    private long readOnce(ByteBuffer single, ByteBuffer[] many, int offset, int length, Syscalls.Scratch s, long deadline,
            boolean header)
            throws IOException {
        long wanted = single != null ? single.remaining() : remaining(many, offset, length);
        if (wanted == 0 && !header) {
            return 0;   // with a header, a message (and its descriptors) is taken even into no room
        }
        if (deadline != Long.MIN_VALUE && !awaitReady(POLLIN, deadline)) {
            return guard.isClosed() ? CLOSED : 0;
        }
        for (;;) {
            long n;
            long room;   // what the call could place: a longer message was truncated
            ByteBuffer bounce = null;
            if (header) {
                long at;
                if (single.isDirect()) {
                    room = single.remaining();
                    at = readAddress(single) + single.position();
                } else {
                    bounce = s.payload((int) Math.min(wanted, messages ? Integer.MAX_VALUE - 64 : BOUNCE_MAX));
                    room = bounce.remaining();
                    at = Native.address(bounce);
                }
                n = C.recvmsg(fd, s.preparedHeader(at, room), (messages ? MSG_TRUNC : 0) | RECEIVE_FLAGS);
            } else if (single != null && single.isDirect()) {
                room = single.remaining();
                long at = readAddress(single) + single.position();
                n = messages ? C.recv(fd, at, room, MSG_TRUNC) : C.read(fd, at, room);
            } else if (single == null && allDirect(many, offset, length)) {
                int count = Math.min(length, IOV_MAX);
                room = remaining(many, offset, count);
                long iov = iovecs(s, many, offset, count);
                n = messages ? C.recvmsg(fd, s.messageHeader(iov, count), MSG_TRUNC) : C.readv(fd, iov, count);
            } else {
                // A message must arrive whole: its bounce buffer is as large as the caller's room.
                bounce = s.payload((int) Math.min(wanted, messages ? Integer.MAX_VALUE - 64 : BOUNCE_MAX));
                room = bounce.remaining();
                n = messages ? C.recv(fd, Native.address(bounce), room, MSG_TRUNC) : C.read(fd, Native.address(bounce), room);
            }
            if (n > 0) {
                long kept = Math.min(n, room);
                if (single != null && bounce == null) {
                    single.position(single.position() + (int) kept);
                } else if (bounce != null) {
                    bounce.limit((int) kept);
                    if (single != null) {
                        single.put(bounce);
                    } else {
                        scatter(bounce, many, offset, length);
                    }
                } else {
                    advance(many, offset, length, kept);
                }
                if (n > room) {
                    throw Errors.truncated((single == null || header ? "recvmsg(" : "recv(") + fd + ", " + room + ", MSG_TRUNC)", name, n, room);
                }
                return kept;
            }
            if (n == 0 && datagrams && !guard.isClosed()) {
                return 0;   // an empty datagram
            }
            if (n == 0) {
                return guard.isClosed() ? CLOSED : -1;   // end of stream, or the dead descriptor close() put in place
            }
            int errno = Native.errno();
            if (guard.isClosed()) {
                return CLOSED;
            }
            if (errno == EINTR) {
                if (deadline == Long.MIN_VALUE && WATCHED && isBlocking() && Thread.currentThread().isInterrupted()) {
                    return INTERRUPTED;   // woken by InterruptWatch
                }
                continue;
            }
            if (errno == EAGAIN) {
                if (deadline != Long.MIN_VALUE && awaitReady(POLLIN, deadline)) {
                    continue;   // another reader of the pipe took the data: wait on until the deadline
                }
                return 0;
            }
            throw Errors.fromErrno(errno, (header ? "recvmsg(" : single == null ? (messages ? "recvmsg(" : "readv(") : (messages ? "recv(" : "read(")) + fd + ", " + wanted + ")", name);
        }
    }

    private long writeAll(ByteBuffer single, ByteBuffer[] many, int offset, int length, Syscalls.Scratch s, long deadline,
            boolean header)
            throws IOException {
        long wanted = single != null ? single.remaining() : remaining(many, offset, length);
        if (wanted == 0 && !messages && !header) {
            return 0;   // an empty message is sent (a datagram, a descriptor with no data): empty stream data is not
        }
        boolean untimedBlocking = isBlocking() && deadline == Long.MIN_VALUE;
        boolean direct = single != null ? single.isDirect() : allDirect(many, offset, length);
        long total = 0;
        for (;;) {
            if (deadline != Long.MIN_VALUE && !awaitReady(POLLOUT, deadline)) {
                return total == 0 && guard.isClosed() ? CLOSED : total;
            }
            long n;
            if (header) {
                long at;
                long len;
                if (direct) {
                    at = writeAddress(single) + single.position();
                    len = single.remaining();
                } else {
                    ByteBuffer bounce = s.payload((int) Math.min(wanted - total, messages ? Integer.MAX_VALUE - 64 : BOUNCE_MAX));
                    gather(single, null, 0, 0, bounce);
                    at = Native.address(bounce);
                    len = bounce.remaining();
                }
                n = C.sendmsg(fd, s.preparedHeader(at, len), SEND_FLAGS);
                if (n > 0) {
                    header = false;   // the address and descriptors went with the first bytes; the rest is plain data
                }
            } else if (direct && single != null) {
                n = C.write(fd, writeAddress(single) + single.position(), single.remaining());
            } else if (direct) {
                int count = Math.min(length, IOV_MAX);
                n = C.writev(fd, iovecs(s, many, offset, count), count);
            } else {
                ByteBuffer bounce = s.payload((int) Math.min(wanted - total, BOUNCE_MAX));
                gather(single, many, offset, length, bounce);
                n = C.write(fd, Native.address(bounce), bounce.remaining());
            }
            if (n >= 0) {
                total += n;
                if (single != null) {
                    single.position(single.position() + (int) n);
                } else {
                    advance(many, offset, length, n);
                }
                if (total == wanted || !untimedBlocking) {
                    return total;
                }
                continue;   // a partial write in blocking mode: the rest follows
            }
            int errno = Native.errno();
            if (guard.isClosed()) {
                return total > 0 ? total : CLOSED;
            }
            if (errno == EINTR && untimedBlocking && WATCHED && Thread.currentThread().isInterrupted()) {
                return INTERRUPTED;   // woken by InterruptWatch
            }
            if (errno == EINTR || (errno == EAGAIN && deadline != Long.MIN_VALUE)) {
                continue;   // for EAGAIN: the poll said there was room and another writer took it
            }
            if (errno == EAGAIN || total > 0) {
                return total;   // non-blocking and full; or an error that the next write will report
            }
            throw Errors.fromErrno(errno, (header ? "sendmsg(" : single == null ? "writev(" : "write(") + fd + ", " + wanted + ")", name);
        }
    }

    /** Copies the next bytes of the sources into {@code bounce} without moving the sources, then flips it. */
    private static void gather(ByteBuffer single, ByteBuffer[] many, int offset, int length, ByteBuffer bounce) {
        if (single != null) {
            ByteBuffer part = single.duplicate();
            part.limit(part.position() + Math.min(part.remaining(), bounce.remaining()));
            bounce.put(part);
        } else {
            for (int i = offset; i < offset + length && bounce.hasRemaining(); i++) {
                ByteBuffer part = many[i].duplicate();
                part.limit(part.position() + Math.min(part.remaining(), bounce.remaining()));
                bounce.put(part);
            }
        }
        bounce.flip();
    }

    private long readAddress(ByteBuffer b) {
        if (b != lastReadBuffer) {
            lastReadAddress = Native.address(b);
            lastReadBuffer = b;
        }
        return lastReadAddress;
    }

    private long writeAddress(ByteBuffer b) {
        if (b != lastWriteBuffer) {
            lastWriteAddress = Native.address(b);
            lastWriteBuffer = b;
        }
        return lastWriteAddress;
    }

    /** Polls for {@code events} until {@code deadline}; false on timeout or close. */
    private boolean awaitReady(short events, long deadline) throws IOException {
        try {
            return Poll.await(fd, events, deadline, name, guard) != 0 && !guard.isClosed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("waiting for " + name);
        }
    }

    private static long remaining(ByteBuffer[] bufs, int offset, int length) {
        long n = 0;
        for (int i = offset; i < offset + length; i++) {
            n += bufs[i].remaining();
        }
        return n;
    }

    private static boolean allDirect(ByteBuffer[] bufs, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (!bufs[i].isDirect()) {
                return false;
            }
        }
        return true;
    }

    private static long iovecs(Syscalls.Scratch s, ByteBuffer[] bufs, int offset, int count) {
        ByteBuffer iov = s.iovecs(count);
        for (int i = 0; i < count; i++) {
            ByteBuffer b = bufs[offset + i];
            iov.putLong(i * SIZEOF_IOVEC, Native.address(b) + b.position());
            iov.putLong(i * SIZEOF_IOVEC + 8, b.remaining());
        }
        return s.iovecsAddress();
    }

    private static void advance(ByteBuffer[] bufs, int offset, int length, long n) {
        for (int i = offset; i < offset + length && n > 0; i++) {
            int step = (int) Math.min(n, bufs[i].remaining());
            bufs[i].position(bufs[i].position() + step);
            n -= step;
        }
    }

    private static void scatter(ByteBuffer from, ByteBuffer[] bufs, int offset, int length) {
        for (int i = offset; i < offset + length && from.hasRemaining(); i++) {
            int step = Math.min(from.remaining(), bufs[i].remaining());
            ByteBuffer part = from.duplicate();
            part.limit(part.position() + step);
            bufs[i].put(part);
            from.position(from.position() + step);
        }
    }

    // ---------------------------------------------------------------- modes, selection, closing

    @Override
    protected void implConfigureBlocking(boolean block) throws IOException {
        if (!guard.enter()) {
            throw new ClosedChannelException();
        }
        try {
            Descriptors.setNonBlocking(fd, !block, name);
        } finally {
            guard.exit();
        }
    }

    /** The descriptor number, for jnr-enxio's selector. Prefer {@link #acquireDescriptor()} to use it. */
    @Override
    public int getFD() {
        return fd;
    }

    @Override
    public int validOps() {
        return 0;   // subclasses say which of OP_READ / OP_WRITE apply
    }

    @Override
    protected void implCloseSelectableChannel() {
        if (!guard.enter()) {
            return;
        }
        try {
            guard.close();
            cleanable.clean();
            if (guard.callsInProgress() > 1) {
                // No call can block on the number any more; the ones already blocked get EINTR.
                C.dup3(DeadEnd.FD, fd, O_CLOEXEC);
                long giveUp = System.nanoTime() + Timeouts.WAKE_PATIENCE_NANOS;
                while (guard.callsInProgress() > 1 && System.nanoTime() - giveUp < 0) {
                    Threads.wake(readerTid);
                    Threads.wake(writerTid);
                    LockSupport.parkNanos(200_000L);
                }
            }
        } finally {
            guard.exit();   // the last call out closes the descriptor
        }
    }

    /** The read end of a pipe whose write end is closed: reads give end-of-file, writes {@code EBADF}, at once. */
    private static final class DeadEnd {
        static final int FD = open();

        private static int open() {
            Syscalls.Scratch s = Syscalls.Scratch.get();
            if (C.pipe2(s.intAddress, O_CLOEXEC) != 0) {
                throw new IllegalStateException(Syscalls.error("pipe2(O_CLOEXEC)", "dead descriptor").getMessage());
            }
            C.close(s.intValue.getInt(4));
            return s.intValue.getInt(0);
        }
    }

    /** Lends the descriptor (see {@link DescriptorOwner}). */
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
        return getClass().getSimpleName() + "[" + name + (isOpen() ? "" : ", closed") + (isBlocking() ? "" : ", non-blocking") + "]";
    }
}
