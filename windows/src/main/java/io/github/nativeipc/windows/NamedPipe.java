package io.github.nativeipc.windows;

import static io.github.nativeipc.bindings.windows.Win32Constants.INFINITE;

import io.github.nativeipc.bindings.windows.Kernel32;
import io.github.nativeipc.bindings.windows.Win32Error;
import io.github.nativeipc.error.ClosedException;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.error.LimitReachedException;
import io.github.nativeipc.handle.HandleGuard;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;

/**
 * One connected end of a Windows named pipe: the server's instance that
 * {@link NamedPipeServer#accept} returned, or the client's handle from {@link NamedPipeClient#connect}.
 * A {@link ByteChannel} over overlapped {@code ReadFile}/{@code WriteFile}.
 *
 * <h2>Messages</h2>
 * In {@link PipeMode#MESSAGE} mode {@link #send} writes one message and {@link #receive} returns one
 * whole message. A message longer than the buffer given is never silently cut: {@code receive}
 * fills the buffer, then throws {@link LimitReachedException} ({@code ERROR_MORE_DATA}) naming the
 * message's size; the rest of that message is what the next {@link #read} returns
 * ({@link #messageIncomplete()} says so). {@link #nextMessageSize()} ({@code PeekNamedPipe}) sizes
 * a buffer beforehand.
 *
 * <h2>Blocking and closing</h2>
 * Reads and writes are overlapped: a thread waits on the I/O's event and on this pipe's close
 * event. {@link #close()} from another thread wakes it; its I/O is cancelled ({@code CancelIoEx})
 * and it gets {@link AsynchronousCloseException}. The timed forms cancel the I/O when the time runs
 * out. The handle is closed once no call is using it. A {@link Cleaner} closes forgotten pipes.
 *
 * <h2>Cost</h2>
 * With direct buffers nothing is allocated and nothing copied per call (the last buffer's address
 * is remembered); heap buffers go through a 64 KiB direct staging buffer (one extra copy).
 *
 * <h2>Handing it to a child</h2>
 * A {@link HandleOwner}: {@link ChildProcess.Builder#inherit} gives a child this connected end.
 * The handle was opened with {@code FILE_FLAG_OVERLAPPED}, and the child's copy is too: the child
 * must read and write it with an {@code OVERLAPPED} (a synchronous {@code ReadFile} on it may
 * report completion too early), so it is not a fit for a standard handle of an ordinary program;
 * use an {@link AnonymousPipe} end there.
 *
 * <p>Thread-safe: one read and one write may run at once; further readers (writers) wait for the
 * one in progress.
 */
public final class NamedPipe implements ByteChannel, HandleOwner {
    private static final Cleaner CLEANER = Cleaner.create();

    private final String name;
    private final PipeMode mode;
    private final boolean serverEnd;
    private final long handle;
    private final long closeEvent;
    private final Overlapped reader;
    private final Overlapped writer;
    private final HandleGuard guard;
    private final Cleaner.Cleanable cleanable;
    private volatile boolean messageIncomplete;

    /** Takes ownership of {@code handle} (opened with FILE_FLAG_OVERLAPPED); closes it if this fails. */
    NamedPipe(String name, long handle, PipeMode mode, boolean serverEnd) throws IpcException {
        this.name = name;
        this.mode = mode;
        this.serverEnd = serverEnd;
        this.handle = handle;
        long close = 0L;
        Overlapped r = null;
        Overlapped w = null;
        try {
            close = Kernel32.CreateEventW(0L, 1, 0, null);
            if (close == 0L) {
                throw Win32.lastError("CreateEventW(NULL, manual reset, unsignalled, NULL)", name);
            }
            r = new Overlapped(close, name);
            w = new Overlapped(close, name);
        } catch (IpcException e) {
            Kernel32.CloseHandle(handle);
            if (close != 0L) {
                Kernel32.CloseHandle(close);
            }
            if (r != null) {
                Kernel32.CloseHandle(r.event);
            }
            throw e;
        }
        this.closeEvent = close;
        this.reader = r;
        this.writer = w;
        this.guard = new HandleGuard(new CloseHandles(handle, close, r.event, w.event));
        this.cleanable = CLEANER.register(this, guard::close);
    }

    /** The pipe's name, {@code \\.\pipe\...}. */
    public String name() {
        return name;
    }

    public PipeMode mode() {
        return mode;
    }

    /** Whether this is the server's end. */
    public boolean isServerEnd() {
        return serverEnd;
    }

    @Override
    public boolean isOpen() {
        return !guard.isClosed();
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads what is there, at least one byte, into {@code dst} ({@code ReadFile}), waiting as
     * long as it takes. In message mode this is (the next part of) one message.
     *
     * @return the bytes read, or -1 once the other end closed and everything was read (ERROR_BROKEN_PIPE)
     * @throws AsynchronousCloseException if another thread closed this pipe meanwhile
     * @throws IpcException               with the Win32 error otherwise
     */
    @Override
    public int read(ByteBuffer dst) throws IOException {
        return read(dst, INFINITE);
    }

    /**
     * As {@link #read(ByteBuffer)}, waiting at most {@code timeout}.
     *
     * @throws io.github.nativeipc.error.WouldBlockException if nothing came in time (the read is cancelled; nothing is lost)
     */
    public int read(ByteBuffer dst, Duration timeout) throws IOException {
        return read(dst, Win32.waitMillis(timeout));
    }

    /**
     * Receives one whole message into {@code dst} (message mode), waiting as long as it takes.
     *
     * @return the message's length, or -1 once the other end closed
     * @throws LimitReachedException if the message is longer than {@code dst.remaining()}: its
     *         first part is in {@code dst}, the rest is returned by the next {@link #read}
     */
    public int receive(ByteBuffer dst) throws IOException {
        return receive(dst, INFINITE);
    }

    /** As {@link #receive(ByteBuffer)}, waiting at most {@code timeout} ({@code WouldBlockException} then). */
    public int receive(ByteBuffer dst, Duration timeout) throws IOException {
        return receive(dst, Win32.waitMillis(timeout));
    }

    private int receive(ByteBuffer dst, int millis) throws IOException {
        if (mode != PipeMode.MESSAGE) {
            throw Errors.invalidArgument("receive", name, "receive reads whole messages; this pipe is in byte mode: use read");
        }
        int n = read(dst, millis);
        if (messageIncomplete) {
            int rest = remainingInMessage();
            throw (LimitReachedException) Win32.error(Win32Error.ERROR_MORE_DATA.code(), "ReadFile(" + name + ", " + n + " bytes)",
                    name, "the message has " + (n + rest) + " bytes, the buffer had room for " + n
                    + ": they are in the buffer, and the remaining " + rest + " bytes of this message come with the next read");
        }
        return n;
    }

    /** Whether the last read returned part of a message whose rest is still in the pipe (ERROR_MORE_DATA). */
    public boolean messageIncomplete() {
        return messageIncomplete;
    }

    private int read(ByteBuffer dst, int millis) throws IOException {
        synchronized (reader) {
            if (!guard.enter()) {
                throw new ClosedChannelException();
            }
            try {
                if (!dst.hasRemaining()) {
                    return 0;
                }
                int total = 0;
                for (;;) {
                    ByteBuffer target = dst.isDirect() ? dst : reader.buffers.staging();
                    int n = Math.min(dst.remaining(), target.capacity() - (target == dst ? dst.position() : 0));
                    long address = reader.buffers.addressOf(target) + (target == dst ? dst.position() : 0);
                    long ovl = reader.prepare();
                    boolean started = Kernel32.ReadFile(handle, address, n, 0L, ovl) != 0;
                    int callError = started ? 0 : Kernel32.lastError();
                    int outcome = reader.finish(handle, started, callError, millis);
                    int got = reader.transferred;
                    boolean more = outcome == Overlapped.FAILED && reader.error == Win32Error.ERROR_MORE_DATA.code();
                    if (outcome == Overlapped.OK || more) {
                        if (target != dst) {
                            dst.put(dst.position(), target, 0, got);
                        }
                        dst.position(dst.position() + got);
                        total += got;
                        messageIncomplete = more;
                        if (more && target != dst && dst.hasRemaining()) {
                            continue;   // a heap buffer larger than the staging buffer: the rest of this message
                        }
                        return total;
                    }
                    if (total > 0) {
                        throw Win32.error(reader.error, "ReadFile(" + name + ", " + n + " bytes)", name,
                                "after " + total + " bytes of a message, which are in the buffer");
                    }
                    if (outcome == Overlapped.TIMED_OUT) {
                        throw Errors.timedOut("ReadFile(" + name + ", " + n + " bytes)", name,
                                "nothing arrived within " + millis + " ms");
                    }
                    if (outcome == Overlapped.CLOSED) {
                        throw new AsynchronousCloseException();
                    }
                    if (reader.error == Win32Error.ERROR_BROKEN_PIPE.code()) {
                        return -1;
                    }
                    throw Win32.error(reader.error, "ReadFile(" + name + ", " + n + " bytes)", name, null);
                }
            } finally {
                guard.exit();
            }
        }
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes all of {@code src} ({@code WriteFile}, repeated in byte mode until everything is
     * written; one message in message mode), waiting while the pipe is full.
     *
     * @return the bytes written ({@code src.remaining()} before the call)
     * @throws io.github.nativeipc.error.BrokenPipeException if the other end is closed (ERROR_NO_DATA, ERROR_BROKEN_PIPE)
     * @throws AsynchronousCloseException                    if another thread closed this pipe meanwhile
     */
    @Override
    public int write(ByteBuffer src) throws IOException {
        return write(src, INFINITE, 0L);
    }

    /**
     * As {@link #write(ByteBuffer)}, waiting at most {@code timeout} in all for room in the pipe.
     *
     * @throws io.github.nativeipc.error.WouldBlockException if the pipe stayed full: the write in
     *         progress is cancelled, and {@code src}'s position says how much was written
     */
    public int write(ByteBuffer src, Duration timeout) throws IOException {
        return write(src, Win32.waitMillis(timeout), Win32.deadline(timeout));
    }

    private int write(ByteBuffer src, int millis, long deadline) throws IOException {
        synchronized (writer) {
            if (!guard.enter()) {
                throw new ClosedChannelException();
            }
            try {
                int total = src.remaining();
                if (!src.isDirect() && mode == PipeMode.MESSAGE && total > writer.buffers.staging().capacity()) {
                    ByteBuffer whole = ByteBuffer.allocateDirect(total);   // one message must be one WriteFile
                    whole.put(src.duplicate()).flip();
                    while (whole.hasRemaining()) {      // one WriteFile carries the whole message
                        writeOnce(whole, millis == INFINITE ? INFINITE : Win32.millisUntil(deadline));
                    }
                    src.position(src.limit());
                    return total;
                }
                do {
                    writeOnce(src, millis == INFINITE ? INFINITE : Win32.millisUntil(deadline));
                } while (src.hasRemaining());
                return total;
            } finally {
                guard.exit();
            }
        }
    }

    /** In message mode: sends {@code src} as one message. Same as {@link #write}. */
    public int send(ByteBuffer src) throws IOException {
        if (mode != PipeMode.MESSAGE) {
            throw Errors.invalidArgument("send", name, "send writes one message; this pipe is in byte mode: use write");
        }
        return write(src);
    }

    private void writeOnce(ByteBuffer src, int millis) throws IOException {
        ByteBuffer source = src;
        int n = src.remaining();
        long address;
        if (src.isDirect()) {
            address = writer.buffers.addressOf(src) + src.position();
        } else {
            source = writer.buffers.staging();
            n = Math.min(n, source.capacity());
            source.clear();
            source.put(0, src, src.position(), n);
            address = writer.buffers.addressOf(source);
        }
        long ovl = writer.prepare();
        boolean started = Kernel32.WriteFile(handle, address, n, 0L, ovl) != 0;
        int callError = started ? 0 : Kernel32.lastError();
        int outcome = writer.finish(handle, started, callError, millis);
        src.position(src.position() + writer.transferred);
        if (outcome == Overlapped.OK) {
            return;
        }
        if (outcome == Overlapped.TIMED_OUT) {
            throw Errors.timedOut("WriteFile(" + name + ", " + n + " bytes)", name, "the pipe stayed full; "
                    + writer.transferred + " of these bytes were written");
        }
        if (outcome == Overlapped.CLOSED) {
            throw new AsynchronousCloseException();
        }
        throw Win32.error(writer.error, "WriteFile(" + name + ", " + n + " bytes)", name, null);
    }

    // ---------------------------------------------------------------- looking

    /** The bytes waiting to be read now ({@code PeekNamedPipe}); never blocks. */
    public int available() throws IpcException {
        return peek(8);
    }

    /**
     * The size of the message (message mode) waiting to be read now, or 0 if none is there
     * ({@code PeekNamedPipe}); never blocks.
     */
    public int nextMessageSize() throws IpcException {
        return peek(12);
    }

    private int remainingInMessage() throws IpcException {
        return peek(12);
    }

    private int peek(int field) throws IpcException {
        ByteBuffer out = Win32.scratch(16);
        long a = Win32.address(out);
        if (!guard.enter()) {
            throw Errors.closed("PeekNamedPipe", name);
        }
        try {
            if (Kernel32.PeekNamedPipe(handle, 0L, 0, a, a + 8, a + 12) == 0) {
                int e = Kernel32.lastError();
                if (e == Win32Error.ERROR_BROKEN_PIPE.code()) {
                    return 0;
                }
                throw Win32.error(e, "PeekNamedPipe(" + name + ")", name, null);
            }
            return out.getInt(field);
        } finally {
            guard.exit();
        }
    }

    /**
     * The process id of the client at the other end ({@code GetNamedPipeClientProcessId}); on a
     * client's end, the server's ({@code GetNamedPipeServerProcessId}). For authorising the peer.
     */
    public long peerProcessId() throws IpcException {
        ByteBuffer out = Win32.scratch(8);
        if (!guard.enter()) {
            throw Errors.closed("GetNamedPipeClientProcessId", name);
        }
        try {
            int ok = serverEnd ? Kernel32.GetNamedPipeClientProcessId(handle, Win32.address(out))
                    : Kernel32.GetNamedPipeServerProcessId(handle, Win32.address(out));
            if (ok == 0) {
                throw Win32.lastError((serverEnd ? "GetNamedPipeClientProcessId(" : "GetNamedPipeServerProcessId(") + name + ")", name);
            }
            return Integer.toUnsignedLong(out.getInt(0));
        } finally {
            guard.exit();
        }
    }

    // ---------------------------------------------------------------- closing

    /**
     * Server end only: disconnects the client at once ({@code DisconnectNamedPipe}), discarding
     * what it has not read yet, then closes this end. The client's next read or write fails
     * ({@link io.github.nativeipc.error.BrokenPipeException}, ERROR_PIPE_NOT_CONNECTED) instead of
     * seeing an orderly end of stream; {@link #close()} is the orderly way. The server's next
     * {@link NamedPipeServer#accept} serves the next client on a fresh instance.
     *
     * @throws io.github.nativeipc.error.InvalidArgumentException on a client end
     */
    public void disconnect() throws IpcException {
        if (!serverEnd) {
            throw Errors.invalidArgument("DisconnectNamedPipe(" + name + ")", name, "only a server end can disconnect its client");
        }
        if (!guard.enter()) {
            throw Errors.closed("DisconnectNamedPipe(" + name + ")", name);
        }
        try {
            if (Kernel32.DisconnectNamedPipe(handle) == 0) {
                throw Win32.lastError("DisconnectNamedPipe(" + name + ")", name);
            }
        } finally {
            guard.exit();
        }
        close();
    }

    /**
     * Closes this end: wakes and fails any read or write in progress (their I/O is cancelled), then
     * closes the handle ({@code CloseHandle}) once no call uses it. Data already written stays
     * readable by the other end, which then sees the end of the stream. Idempotent; never blocks.
     */
    @Override
    public void close() {
        CloseHandles.wake(guard, closeEvent);
        cleanable.clean();
    }

    /** Lends the handle (see {@link HandleOwner}); it is an overlapped handle (see the class comment). */
    @Override
    public long acquireHandle() throws ClosedException {
        guard.enterOrThrow("acquireHandle", name);
        return handle;
    }

    @Override
    public void releaseHandle() {
        guard.exit();
    }

    /** The pipe's name and which end this is. */
    @Override
    public String describe() {
        return name + (serverEnd ? " (server end)" : " (client end)");
    }

    @Override
    public String toString() {
        return "NamedPipe[" + name + ", " + mode + (serverEnd ? ", server end" : ", client end") + (isOpen() ? "" : ", closed") + "]";
    }
}
