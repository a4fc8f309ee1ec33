package io.github.nativeipc;

import io.github.nativeipc.bindings.Platform;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.posix.AnonymousPipe;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * An anonymous pipe, portable: {@code pipe2(O_CLOEXEC)} on Linux and macOS
 * ({@link AnonymousPipe}), {@code CreatePipe} on Windows ({@link io.github.nativeipc.windows.AnonymousPipe}).
 * A one-way byte stream from {@link #sink()} to {@link #source()}: a read returns -1 once every
 * write end is closed and the pipe is drained; a write with no read end left is a
 * {@link io.github.nativeipc.error.BrokenPipeException}. Writes of at most 4096 bytes (POSIX
 * {@code PIPE_BUF}) are atomic on Linux.
 *
 * <p>Where the OSes differ: on Windows a read blocked on the source is released by closing the
 * sink (or by data), not by closing the source from another thread (Windows anonymous pipes have
 * no overlapped I/O); on POSIX either releases it. An end is handed to a child process with
 * {@link ChildProcess.Builder#handOver}, or as its standard input, output or error.
 *
 * <p>Thread-safe.
 */
public final class Pipe implements AutoCloseable {
    private static final boolean WINDOWS = Platform.current().os() == Platform.Os.WINDOWS;

    private final AnonymousPipe posix;
    private final io.github.nativeipc.windows.AnonymousPipe windows;

    private Pipe(AnonymousPipe posix, io.github.nativeipc.windows.AnonymousPipe windows) {
        this.posix = posix;
        this.windows = windows;
    }

    /**
     * A new pipe, both ends blocking and not inherited by children.
     *
     * @throws io.github.nativeipc.error.LimitReachedException if descriptors or handles run out
     * @throws io.github.nativeipc.error.NotSupportedException on an OS that is neither POSIX nor Windows
     */
    public static Pipe open() throws IpcException {
        if (WINDOWS) {
            return new Pipe(null, io.github.nativeipc.windows.AnonymousPipe.open());
        }
        if (!Platform.current().isPosix()) {
            throw Errors.notSupported("Pipe.open", "pipe", "anonymous pipes need a POSIX system or Windows");
        }
        return new Pipe(AnonymousPipe.open(), null);
    }

    /** The read end. */
    public ReadableByteChannel source() {
        return WINDOWS ? windows.source() : posix.source();
    }

    /** The write end. */
    public WritableByteChannel sink() {
        return WINDOWS ? windows.sink() : posix.sink();
    }

    /** Closes both ends (each end can also be closed on its own). Idempotent. */
    @Override
    public void close() throws IOException {
        if (WINDOWS) {
            windows.close();
        } else {
            posix.close();
        }
    }

    @Override
    public String toString() {
        return "Pipe[" + (WINDOWS ? windows : posix) + "]";
    }
}
