package io.github.nativeipc.posix;

import static io.github.nativeipc.bindings.PosixConstants.O_CLOEXEC;

import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.error.IpcException;
import java.io.IOException;

/**
 * An anonymous pipe ({@code pipe2}): a one-way byte stream from {@link #sink()} to {@link #source()},
 * usually with one end handed to a child process ({@link ChildProcess.Builder#descriptor}) — a C
 * program then just {@code read}s or {@code write}s its descriptor number.
 *
 * <p>Both descriptors are close-on-exec ({@code O_CLOEXEC}), so no child gets an end it was not
 * given. Ownership: each end is closed on its own (and {@link #close()} closes both). Hand the
 * child its end, then close that end here, so that end-of-file and broken-pipe work: a reader only
 * sees end-of-file once every write end, in every process, is closed.
 *
 * <p>Thread-safe.
 */
public final class AnonymousPipe implements AutoCloseable {
    private static final LibC C = Native.libc();

    private final PipeSource source;
    private final PipeSink sink;

    private AnonymousPipe(PipeSource source, PipeSink sink) {
        this.source = source;
        this.sink = sink;
    }

    /** A pipe with both ends in blocking mode: {@code pipe2(fds, O_CLOEXEC)}. */
    public static AnonymousPipe open() throws IpcException {
        return open(true);
    }

    /**
     * A pipe with both ends in the given mode: {@code pipe2(fds, O_CLOEXEC)}, then
     * {@code O_NONBLOCK} on each end if not {@code blocking} (each end can change its mode later).
     *
     * @throws io.github.nativeipc.error.LimitReachedException if descriptors run out ({@code EMFILE}, {@code ENFILE})
     */
    public static AnonymousPipe open(boolean blocking) throws IpcException {
        Syscalls.Scratch s = Syscalls.Scratch.get();
        if (C.pipe2(s.intAddress, O_CLOEXEC) != 0) {
            throw Syscalls.error("pipe2(O_CLOEXEC)", "pipe");
        }
        int read = s.intValue.getInt(0);
        int write = s.intValue.getInt(4);
        String name = "pipe[" + read + "," + write + "]";
        PipeSource source;
        try {
            source = new PipeSource(read, name + " (read end)", blocking);
        } catch (IpcException e) {
            C.close(write);
            throw e;
        }
        try {
            return new AnonymousPipe(source, new PipeSink(write, name + " (write end)", blocking));
        } catch (IpcException e) {
            try {
                source.close();
            } catch (IOException ignored) {
                // closing a descriptor we own does not fail in a way worth reporting over the first error
            }
            throw e;
        }
    }

    /** The read end. */
    public PipeSource source() {
        return source;
    }

    /** The write end. */
    public PipeSink sink() {
        return sink;
    }

    /** Closes both ends (each is idempotent). */
    @Override
    public void close() throws IOException {
        try {
            sink.close();
        } finally {
            source.close();
        }
    }

    @Override
    public String toString() {
        return "AnonymousPipe[" + source.name() + ", " + sink.name() + "]";
    }
}
