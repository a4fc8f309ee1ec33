package io.github.nativeipc.windows;

import io.github.nativeipc.bindings.windows.Kernel32;
import io.github.nativeipc.bindings.windows.Win32Error;
import io.github.nativeipc.error.ClosedException;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.handle.HandleGuard;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A Windows anonymous pipe ({@code CreatePipe}): a read end and a write end, each a channel with
 * its own handle, closed independently.
 *
 * <p>Anonymous pipes do not support overlapped I/O, so a read blocks in a synchronous
 * {@code ReadFile} until data comes or the write end is closed (then it returns -1,
 * ERROR_BROKEN_PIPE); closing the <em>read</em> end from another thread does not wake it (the
 * handle is closed once that read returns). Use a {@link NamedPipe} where a read must be
 * cancellable. Writing when the read end is closed is a
 * {@link io.github.nativeipc.error.BrokenPipeException}. Direct buffers are used in place; heap
 * buffers are copied through a direct one.
 *
 * <p>Each end is a {@link HandleOwner}: hand it to a child as a standard handle or as an inherited
 * one with {@link ChildProcess.Builder}. The handles are created not inheritable; {@link ChildProcess}
 * makes them so for its {@code CreateProcessW} call only. Once the child has its copy, close this
 * process's copy of the end the child uses, or the other end never sees end of file (a read end
 * here gets -1 only when every write end, in every process, is closed).
 *
 * <p>Thread-safe: one read and one write at a time per end.
 */
public final class AnonymousPipe implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    private final ReadEnd readEnd;
    private final WriteEnd writeEnd;

    private AnonymousPipe(long read, long write) {
        this.readEnd = new ReadEnd(read);
        this.writeEnd = new WriteEnd(write);
    }

    /** {@code CreatePipe} with the system's default buffer size; handles not inheritable. */
    public static AnonymousPipe open() throws IpcException {
        return open(0);
    }

    /** {@code CreatePipe(&read, &write, NULL, bufferSize)}; 0 is the system's default size. */
    public static AnonymousPipe open(int bufferSize) throws IpcException {
        ByteBuffer out = Win32.scratch(16);
        long a = Win32.address(out);
        if (Kernel32.CreatePipe(a, a + 8, 0L, bufferSize) == 0) {
            throw Win32.lastError("CreatePipe(&read, &write, NULL, " + bufferSize + ")", "anonymous pipe");
        }
        return new AnonymousPipe(out.getLong(0), out.getLong(8));
    }

    public ReadEnd source() {
        return readEnd;
    }

    public WriteEnd sink() {
        return writeEnd;
    }

    /** Closes both ends. */
    @Override
    public void close() {
        writeEnd.close();
        readEnd.close();
    }

    /** State shared by both ends: the handle, its guard, a count out-parameter, a staging buffer. */
    private abstract static class End implements java.nio.channels.Channel, HandleOwner {
        final long handle;
        final HandleGuard guard;
        private final Cleaner.Cleanable cleanable;
        final ByteBuffer count = Win32.scratch(8);
        final long countAddress = Win32.address(count);
        private final IoBuffers buffers = new IoBuffers();

        End(long handle) {
            this.handle = handle;
            this.guard = new HandleGuard(new CloseHandles(handle));
            this.cleanable = CLEANER.register(this, guard::close);
        }

        long addressOf(ByteBuffer direct) {
            return buffers.addressOf(direct);
        }

        ByteBuffer staging() {
            return buffers.staging();
        }

        @Override
        public boolean isOpen() {
            return !guard.isClosed();
        }

        /** Closes this end's handle ({@code CloseHandle}) once no call uses it (or holds it lent). Idempotent. */
        @Override
        public void close() {
            cleanable.clean();
        }

        /** Lends the handle (see {@link HandleOwner}). */
        @Override
        public long acquireHandle() throws ClosedException {
            guard.enterOrThrow("acquireHandle", describe());
            return handle;
        }

        @Override
        public void releaseHandle() {
            guard.exit();
        }

        @Override
        public String toString() {
            return describe() + "[" + handle + (isOpen() ? "" : ", closed") + "]";
        }
    }

    /** The read end. */
    public static final class ReadEnd extends End implements ReadableByteChannel {
        ReadEnd(long handle) {
            super(handle);
        }

        @Override
        public String describe() {
            return "anonymous pipe read end";
        }

        /**
         * Reads what is there, at least one byte, blocking until some comes ({@code ReadFile}).
         *
         * @return the bytes read, or -1 once the write end is closed and everything was read
         */
        @Override
        public synchronized int read(ByteBuffer dst) throws IOException {
            if (!guard.enter()) {
                throw new ClosedChannelException();
            }
            try {
                int length = dst.remaining();
                if (length == 0) {
                    return 0;
                }
                boolean direct = dst.isDirect();
                ByteBuffer target = direct ? dst : staging();
                int n = direct ? length : Math.min(length, target.capacity());
                long address = addressOf(target) + (direct ? dst.position() : 0);
                if (Kernel32.ReadFile(handle, address, n, countAddress, 0L) == 0) {
                    int e = Kernel32.lastError();
                    if (e == Win32Error.ERROR_BROKEN_PIPE.code()) {
                        return -1;
                    }
                    throw Win32.error(e, "ReadFile(anonymous pipe, " + n + " bytes)", "anonymous pipe", null);
                }
                int got = count.getInt(0);
                if (!direct) {
                    dst.put(dst.position(), target, 0, got);
                }
                dst.position(dst.position() + got);
                return got;
            } finally {
                guard.exit();
            }
        }
    }

    /** The write end. */
    public static final class WriteEnd extends End implements WritableByteChannel {
        WriteEnd(long handle) {
            super(handle);
        }

        @Override
        public String describe() {
            return "anonymous pipe write end";
        }

        /**
         * Writes all of {@code src} ({@code WriteFile}), blocking while the pipe is full.
         *
         * @throws io.github.nativeipc.error.BrokenPipeException if the read end is closed
         */
        @Override
        public synchronized int write(ByteBuffer src) throws IOException {
            if (!guard.enter()) {
                throw new ClosedChannelException();
            }
            try {
                int total = src.remaining();
                while (src.hasRemaining()) {
                    boolean direct = src.isDirect();
                    int n = direct ? src.remaining() : Math.min(src.remaining(), staging().capacity());
                    long address;
                    if (direct) {
                        address = addressOf(src) + src.position();
                    } else {
                        staging().put(0, src, src.position(), n);
                        address = addressOf(staging());
                    }
                    if (Kernel32.WriteFile(handle, address, n, countAddress, 0L) == 0) {
                        throw Win32.lastError("WriteFile(anonymous pipe, " + n + " bytes)", "anonymous pipe");
                    }
                    src.position(src.position() + count.getInt(0));
                }
                return total;
            } finally {
                guard.exit();
            }
        }
    }
}
