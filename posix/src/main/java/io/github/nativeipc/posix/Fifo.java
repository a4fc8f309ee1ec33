package io.github.nativeipc.posix;

import static io.github.nativeipc.bindings.PosixConstants.O_CLOEXEC;
import static io.github.nativeipc.bindings.PosixConstants.O_NONBLOCK;
import static io.github.nativeipc.bindings.PosixConstants.O_RDONLY;
import static io.github.nativeipc.bindings.PosixConstants.O_WRONLY;
import static io.github.nativeipc.bindings.PosixConstants.S_IFIFO;

import io.github.nativeipc.bindings.Errno;
import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.error.NotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A named pipe in the file system ({@code mkfifo}): any process that opens the path for reading
 * talks to any process that opens it for writing, such as a C program calling
 * {@code open("/run/app/in", O_WRONLY)}. The data goes through the kernel's pipe buffer, never
 * through the file system.
 *
 * <h2>Opening</h2>
 * As in C, opening one end waits until the other end is open too. {@link #openForReading(Duration)}
 * and {@link #openForWriting(Duration)} wait at most the timeout: the calling thread blocks in
 * {@code open}, and if the timeout passes (or the thread is interrupted) the library's timer thread
 * ({@code nipc-fifo-opener}) opens the other end itself, non-blocking, which releases the
 * {@code open}; the descriptor is then closed and the call fails. No thread stays stuck. The
 * non-blocking forms never wait: a read end opens at once (reads see end-of-file until a writer
 * comes, or {@code EAGAIN} while one is connected and silent), and a write end without a reader
 * fails with {@code ENXIO}.
 *
 * <h2>Ownership</h2>
 * This object is the path; it holds no descriptor. The ends it opens are closed on their own.
 * {@link #remove()} unlinks the path; ends already open keep working. The mode of a new FIFO
 * (default {@code 0600}) is applied with {@code chmod} after {@code mkfifo}, so the umask does not
 * narrow it.
 *
 * <p>Writes of at most {@link io.github.nativeipc.bindings.PosixConstants#PIPE_BUF} bytes are atomic,
 * as for any pipe (see {@link PipeSink}). Immutable; thread-safe.
 */
public final class Fifo {
    private static final LibC C = Native.libc();
    private static final int EINTR = Errno.EINTR.value();

    private static final ScheduledExecutorService OPENER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "nipc-fifo-opener");
        t.setDaemon(true);
        return t;
    });

    private final Path path;
    private final String name;

    private Fifo(Path path) {
        this.path = path;
        this.name = path.toString();
    }

    /**
     * Creates the FIFO with mode {@code 0600}: {@code mkfifo(path, 0600)}, {@code chmod}.
     *
     * @throws io.github.nativeipc.error.AlreadyExistsException if the path exists (FIFO or not)
     * @throws io.github.nativeipc.error.NotFoundException if the directory does not exist
     * @throws io.github.nativeipc.error.PermissionDeniedException if the directory is not writable
     */
    public static Fifo create(Path path) throws IpcException {
        return create(path, CreateOptions.defaults());
    }

    /** As {@link #create(Path)} with the mode of {@code options} ({@code unlinkOnClose} does not apply: a FIFO is not closed). */
    public static Fifo create(Path path, CreateOptions options) throws IpcException {
        String p = path.toString();
        if (C.mkfifo(p, options.mode()) != 0) {
            throw Syscalls.error("mkfifo(" + Syscalls.quote(p) + ", " + Syscalls.mode(options.mode()) + ")", p);
        }
        if (C.chmod(p, options.mode()) != 0) {
            IpcException e = Syscalls.error("chmod(" + Syscalls.quote(p) + ", " + Syscalls.mode(options.mode()) + ")", p);
            C.unlink(p);
            throw e;
        }
        return new Fifo(path);
    }

    /**
     * The existing FIFO at {@code path}, checked without opening it ({@code stat}).
     *
     * @throws io.github.nativeipc.error.NotFoundException if nothing is there
     * @throws io.github.nativeipc.error.InvalidArgumentException if the path is not a FIFO (the message says what it is)
     */
    public static Fifo at(Path path) throws IpcException {
        checkIsFifo(path);
        return new Fifo(path);
    }

    /** The existing FIFO at {@code path}, or a new one with {@code options}' mode if there is none. */
    public static Fifo openOrCreate(Path path, CreateOptions options) throws IpcException {
        for (;;) {
            try {
                return at(path);
            } catch (NotFoundException absent) {
                try {
                    return create(path, options);
                } catch (io.github.nativeipc.error.AlreadyExistsException raced) {
                    // another process created it in between: look again
                }
            }
        }
    }

    private static void checkIsFifo(Path path) throws IpcException {
        String p = path.toString();
        int mode;
        try {
            mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            if ((mode & 0170000) == 0120000) {   // a symbolic link: judge what it points at
                mode = (Integer) Files.getAttribute(path, "unix:mode");
            }
        } catch (NoSuchFileException e) {
            throw Errors.fromErrno(Errno.ENOENT.value(), "stat(" + Syscalls.quote(p) + ")", p);
        } catch (IOException | UnsupportedOperationException e) {
            throw Errors.invalidArgument("stat(" + Syscalls.quote(p) + ")", p, "cannot read the file type: " + e);
        }
        if ((mode & 0170000) != S_IFIFO) {
            throw notAFifo(p, mode & 0170000);
        }
    }

    private static IpcException notAFifo(String p, int type) {
        String what = switch (type) {
            case 0100000 -> "a regular file";
            case 0040000 -> "a directory";
            case 0140000 -> "a socket";
            case 0020000 -> "a character device";
            case 0060000 -> "a block device";
            default -> "not a FIFO (type 0" + Integer.toOctalString(type) + ")";
        };
        return Errors.invalidArgument("open(" + Syscalls.quote(p) + ")", p, "the path is " + what + ", not a FIFO");
    }

    /** The path. */
    public Path path() {
        return path;
    }

    /**
     * Removes the path ({@code unlink}); ends already open keep working.
     *
     * @throws io.github.nativeipc.error.NotFoundException if it is gone already
     */
    public void remove() throws IpcException {
        if (C.unlink(name) != 0) {
            throw Syscalls.error("unlink(" + Syscalls.quote(name) + ")", name);
        }
    }

    /**
     * Opens the read end, waiting until a writer has the FIFO open: {@code open(path, O_RDONLY)}.
     * The end is in blocking mode.
     *
     * @throws InterruptedException if this thread is interrupted while waiting (the open is released)
     */
    public PipeSource openForReading() throws IpcException, InterruptedException {
        return openForReading(Duration.ofNanos(Long.MAX_VALUE / 2));
    }

    /**
     * As {@link #openForReading()}, waiting at most {@code timeout} for a writer.
     *
     * @throws io.github.nativeipc.error.WouldBlockException if no writer opened it in time
     */
    public PipeSource openForReading(Duration timeout) throws IpcException, InterruptedException {
        int fd = openWaiting(O_RDONLY, O_WRONLY, timeout);
        return new PipeSource(fd, name + " (read end)", true);
    }

    /**
     * Opens the read end at once, in non-blocking mode: {@code open(path, O_RDONLY|O_NONBLOCK)}.
     * Until a writer comes, reads return end-of-file (-1).
     */
    public PipeSource openForReadingNonBlocking() throws IpcException {
        int fd = openChecked(O_RDONLY | O_NONBLOCK);
        return new PipeSource(fd, name + " (read end)", false);
    }

    /** Opens the write end, waiting until a reader has the FIFO open: {@code open(path, O_WRONLY)}. */
    public PipeSink openForWriting() throws IpcException, InterruptedException {
        return openForWriting(Duration.ofNanos(Long.MAX_VALUE / 2));
    }

    /**
     * As {@link #openForWriting()}, waiting at most {@code timeout} for a reader.
     *
     * @throws io.github.nativeipc.error.WouldBlockException if no reader opened it in time
     */
    public PipeSink openForWriting(Duration timeout) throws IpcException, InterruptedException {
        int fd = openWaiting(O_WRONLY, O_RDONLY, timeout);
        return new PipeSink(fd, name + " (write end)", true);
    }

    /**
     * Opens the write end only if a reader has the FIFO open, in non-blocking mode:
     * {@code open(path, O_WRONLY|O_NONBLOCK)}.
     *
     * @throws io.github.nativeipc.error.WouldBlockException ({@code ENXIO}) if no process has it open for reading
     */
    public PipeSink tryOpenForWriting() throws IpcException {
        int fd = openChecked(O_WRONLY | O_NONBLOCK);
        return new PipeSink(fd, name + " (write end)", false);
    }

    /** {@code open} that does not wait, then the FIFO check on the descriptor itself. */
    private int openChecked(int flags) throws IpcException {
        checkIsFifo(path);
        int fd;
        do {
            fd = C.open(name, flags | O_CLOEXEC, 0);
        } while (fd < 0 && Native.errno() == EINTR);
        if (fd < 0) {
            int errno = Native.errno();
            String call = "open(" + Syscalls.quote(name) + ", " + Syscalls.openFlags(flags) + ")";
            if (errno == Errno.ENXIO.value()) {
                throw new io.github.nativeipc.error.WouldBlockException(call, name, errno, "ENXIO",
                        "No such device or address", "no process has the FIFO open for reading");
            }
            throw Errors.fromErrno(errno, call, name);
        }
        return checkDescriptor(fd);
    }

    private int checkDescriptor(int fd) throws IpcException {
        try {
            int type = Stat.fileType(fd, name);
            if (type != S_IFIFO) {
                throw notAFifo(name, type);
            }
            return fd;
        } catch (IpcException e) {
            C.close(fd);
            throw e;
        }
    }

    /**
     * A blocking {@code open(path, access)} on this thread, released at the deadline or on
     * interrupt by the opener thread opening the other end non-blocking ({@code opposite}).
     */
    private int openWaiting(int access, int opposite, Duration timeout) throws IpcException, InterruptedException {
        checkIsFifo(path);
        long deadline = System.nanoTime() + Timeouts.nanos(timeout);
        String call = "open(" + Syscalls.quote(name) + ", " + Syscalls.openFlags(access) + ")";
        if (access == O_WRONLY) {
            // A reader already there: no need to block (and no opener involved).
            int fd = C.open(name, O_WRONLY | O_NONBLOCK | O_CLOEXEC, 0);
            if (fd >= 0) {
                fd = checkDescriptor(fd);
                try {
                    Descriptors.setNonBlocking(fd, false, name);
                } catch (IpcException e) {
                    C.close(fd);
                    throw e;
                }
                return fd;
            }
        }
        Release release = new Release(Thread.currentThread(), deadline, opposite);
        ScheduledFuture<?> ticker = OPENER.scheduleAtFixedRate(release, Timeouts.SLICE_MILLIS / 5,
                Timeouts.SLICE_MILLIS / 5, TimeUnit.MILLISECONDS);
        int fd;
        int errno;
        try {
            do {
                fd = C.open(name, access | O_CLOEXEC, 0);
                errno = fd < 0 ? Native.errno() : 0;
            } while (fd < 0 && errno == EINTR);
        } finally {
            ticker.cancel(false);
        }
        int released = release.finish();
        if (released >= 0) {
            C.close(released);
            if (fd >= 0) {
                C.close(fd);
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("waiting in " + call);
            }
            throw Errors.timedOut(call, name, "no " + (access == O_RDONLY ? "writer" : "reader") + " opened the FIFO within "
                    + timeout.toMillis() + " ms");
        }
        if (fd < 0) {
            throw Errors.fromErrno(errno, call, name);
        }
        return checkDescriptor(fd);
    }

    /** The opener thread's task for one waiting open. Its lock orders the release against {@link #finish()}. */
    private final class Release implements Runnable {
        private final Thread waiter;
        private final long deadline;
        private final int opposite;
        private boolean finished;
        private int releasingFd = -1;

        Release(Thread waiter, long deadline, int opposite) {
            this.waiter = waiter;
            this.deadline = deadline;
            this.opposite = opposite;
        }

        @Override
        public synchronized void run() {
            if (finished || releasingFd >= 0 || (System.nanoTime() - deadline < 0 && !waiter.isInterrupted())) {
                return;
            }
            // The waiter counts as a reader (or writer) while it blocks, so this non-blocking open succeeds and wakes it.
            releasingFd = C.open(name, opposite | O_NONBLOCK | O_CLOEXEC, 0);
        }

        /** Ends the task; the descriptor it opened to release the waiter, or -1 if it did not. */
        synchronized int finish() {
            finished = true;
            return releasingFd;
        }
    }

    @Override
    public String toString() {
        return "Fifo[" + name + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fifo f && f.path.equals(path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path);
    }
}
