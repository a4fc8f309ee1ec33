package io.github.nativeipc;

import io.github.nativeipc.bindings.Platform;
import io.github.nativeipc.error.ClosedException;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.error.NotFoundException;
import io.github.nativeipc.posix.DescriptorOwner;
import io.github.nativeipc.posix.ExitStatus;
import io.github.nativeipc.posix.Signal;
import io.github.nativeipc.windows.HandleOwner;
import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A child process started with {@link Pipe} ends handed over to it, portable: its standard input,
 * output and error, and any number of further ends, which the child finds by a number passed on its
 * command line (or in its environment) — what {@link ProcessBuilder} cannot do.
 *
 * <table>
 * <caption>What each OS does</caption>
 * <tr><th></th><th>Linux, macOS</th><th>Windows</th></tr>
 * <tr><td>start</td><td>{@code posix_spawn} ({@link io.github.nativeipc.posix.ChildProcess})</td>
 *     <td>{@code CreateProcessW} ({@link io.github.nativeipc.windows.ChildProcess})</td></tr>
 * <tr><td>a handed-over end</td><td>a file descriptor, numbered 3, 4, ... in the order of
 *     {@link Builder#handOver}</td><td>an inherited {@code HANDLE}, by its value</td></tr>
 * <tr><td>what else the child inherits</td><td>0, 1 and 2 only: every other descriptor is closed
 *     in the child</td><td>the standard handles and the handed-over ones only
 *     ({@code PROC_THREAD_ATTRIBUTE_HANDLE_LIST})</td></tr>
 * <tr><td>{@link #destroy()}</td><td>{@code SIGTERM}</td><td>{@code TerminateProcess(h, 1)}</td></tr>
 * <tr><td>{@link #destroyForcibly()}</td><td>{@code SIGKILL}</td><td>{@code TerminateProcess(h, 1)}</td></tr>
 * <tr><td>exit code of a child ended by a signal</td><td>128 + the signal number, as
 *     {@link Process#exitValue()} says it</td><td>(no signals)</td></tr>
 * </table>
 *
 * <h2>Ownership</h2>
 * The ends given to the {@link Builder} are handed over: once {@link Builder#start()} returns, the
 * child has its own copies and this process's are closed — so that a read here sees end of file
 * when the child exits, and the child sees end of file when this process closes its side. If
 * {@code start()} fails, nothing is closed and the ends are still the caller's. Closing this object
 * releases the handle on the child (pidfd, process handle); it neither kills nor waits for it. A
 * child that is never waited for stays a zombie on POSIX until this JVM exits.
 *
 * <p>Thread-safe.
 */
public final class ChildProcess implements AutoCloseable {
    private static final boolean WINDOWS = Platform.current().os() == Platform.Os.WINDOWS;

    private final io.github.nativeipc.posix.ChildProcess posix;
    private final io.github.nativeipc.windows.ChildProcess windows;

    private ChildProcess(io.github.nativeipc.posix.ChildProcess posix, io.github.nativeipc.windows.ChildProcess windows) {
        this.posix = posix;
        this.windows = windows;
    }

    /** A builder for {@code program} with {@code arguments}; more can be added with {@link Builder#arguments}. */
    public static Builder builder(String program, String... arguments) {
        Builder b = new Builder(Objects.requireNonNull(program, "program"));
        return b.arguments(arguments);
    }

    /** The child's process id. */
    public long pid() {
        return WINDOWS ? windows.pid() : posix.pid();
    }

    /** The JDK's handle on the child, while the OS still knows it. */
    public Optional<ProcessHandle> toHandle() {
        return WINDOWS ? windows.toHandle() : posix.toHandle();
    }

    /**
     * Waits for the child to exit and returns its exit code (128 + the signal number for a POSIX
     * child ended by a signal). Blocks on the pidfd or the process handle, answering interrupts.
     *
     * @throws InterruptedException if this thread is interrupted while waiting
     */
    public int waitFor() throws IpcException, InterruptedException {
        return WINDOWS ? windows.waitFor() : posix.waitFor().shellStatus();
    }

    /**
     * Waits at most {@code timeout} for the child to exit: its exit code, or empty if it is still
     * running then.
     *
     * @throws InterruptedException if this thread is interrupted while waiting
     */
    public Optional<Integer> waitFor(Duration timeout) throws IpcException, InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        return WINDOWS ? windows.waitFor(timeout) : posix.waitFor(timeout).map(ExitStatus::shellStatus);
    }

    /** The exit code if the child has exited, without waiting. */
    public Optional<Integer> exitCode() throws IpcException {
        return WINDOWS ? windows.exitCode() : posix.exitStatus().map(ExitStatus::shellStatus);
    }

    /** Whether the child is still running. */
    public boolean isAlive() throws IpcException {
        return exitCode().isEmpty();
    }

    /**
     * Asks the child to end: {@code SIGTERM} on POSIX (it may catch it), {@code TerminateProcess}
     * with exit code 1 on Windows (it cannot). Nothing happens if it has already exited.
     */
    public void destroy() throws IpcException {
        end(Signal.TERM);
    }

    /** Ends the child: {@code SIGKILL} on POSIX, {@code TerminateProcess} with exit code 1 on Windows. */
    public void destroyForcibly() throws IpcException {
        end(Signal.KILL);
    }

    private void end(Signal signal) throws IpcException {
        if (WINDOWS) {
            windows.terminate(1);
            return;
        }
        if (posix.exitStatus().isPresent()) {
            return;
        }
        try {
            posix.sendSignal(signal);
        } catch (NotFoundException exitedMeanwhile) {
            if (posix.exitStatus().isEmpty()) {
                throw exitedMeanwhile;
            }
        }
    }

    /** Releases this process's handle on the child; the child keeps running. Idempotent. */
    @Override
    public void close() {
        if (WINDOWS) {
            windows.close();
        } else {
            posix.close();
        }
    }

    @Override
    public String toString() {
        return "ChildProcess[" + (WINDOWS ? windows : posix) + "]";
    }

    /** How to start a child: command, environment, directory, the ends it gets. Not thread-safe. */
    public static final class Builder {
        private static final Channel DISCARD = new Channel() {
            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };

        private final List<String> command = new ArrayList<>();
        private Map<String, String> environment = new LinkedHashMap<>(System.getenv());
        private Path directory;
        private final Channel[] standard = new Channel[3];
        private final List<Channel> handedOver = new ArrayList<>();

        private Builder(String program) {
            command.add(program);
        }

        /** Appends arguments to the command line (each arrives in the child as one {@code argv} element). */
        public Builder arguments(String... arguments) {
            for (String a : arguments) {
                command.add(Objects.requireNonNull(a, "argument"));
            }
            return this;
        }

        /** The child's environment, a copy of this process's to start with; change it in place. */
        public Map<String, String> environment() {
            return environment;
        }

        /** The child's working directory (default: this process's). */
        public Builder directory(Path dir) {
            this.directory = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** The child's standard input: a {@link Pipe#source()} handed over to it. */
        public Builder standardInput(ReadableByteChannel source) {
            standard[0] = Objects.requireNonNull(source, "source");
            return this;
        }

        /** The child's standard output: a {@link Pipe#sink()} handed over to it. */
        public Builder standardOutput(WritableByteChannel sink) {
            standard[1] = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /** The child's standard error: a {@link Pipe#sink()} handed over to it. */
        public Builder standardError(WritableByteChannel sink) {
            standard[2] = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /** The child's standard input reads end of file ({@code /dev/null}, {@code NUL}). */
        public Builder discardStandardInput() {
            standard[0] = DISCARD;
            return this;
        }

        /** What the child writes to its standard output is dropped ({@code /dev/null}, {@code NUL}). */
        public Builder discardStandardOutput() {
            standard[1] = DISCARD;
            return this;
        }

        /** What the child writes to its standard error is dropped ({@code /dev/null}, {@code NUL}). */
        public Builder discardStandardError() {
            standard[2] = DISCARD;
            return this;
        }

        /**
         * Hands {@code end} (a {@link Pipe#source()} or {@link Pipe#sink()}) over to the child and
         * returns the number it will find it by: the descriptor number on POSIX (3 for the first
         * end, then 4, ...), the {@code HANDLE} value on Windows. Pass it to the child, for
         * instance with {@link #arguments}.
         *
         * @throws IllegalArgumentException if {@code end} is not a pipe end of this library
         * @throws ClosedException if it is closed
         */
        public long handOver(Channel end) throws ClosedException {
            Objects.requireNonNull(end, "end");
            long number;
            if (WINDOWS) {
                HandleOwner owner = handleOwner(end);
                number = owner.acquireHandle();
                owner.releaseHandle();
            } else {
                descriptorOwner(end);
                if (!end.isOpen()) {
                    throw Errors.closed("ChildProcess.handOver", end.toString());
                }
                number = 3 + handedOver.size();
            }
            handedOver.add(end);
            return number;
        }

        /**
         * Starts the child. On success every end given to this builder is closed in this process
         * (the child has its own); on failure none is.
         *
         * @throws NotFoundException if the program or the directory does not exist
         * @throws io.github.nativeipc.error.PermissionDeniedException if the program cannot be run
         * @throws ClosedException if an end was closed meanwhile
         */
        public ChildProcess start() throws IpcException {
            ChildProcess child = WINDOWS ? new ChildProcess(null, startWindows()) : new ChildProcess(startPosix(), null);
            List<Channel> given = new ArrayList<>(handedOver);
            for (Channel c : standard) {
                if (c != null && c != DISCARD) {
                    given.add(c);
                }
            }
            for (Channel c : given) {
                try {
                    c.close();
                } catch (IOException e) {
                    // closing a pipe end here only releases this process's copy; nothing can be lost
                }
            }
            return child;
        }

        private io.github.nativeipc.posix.ChildProcess startPosix() throws IpcException {
            io.github.nativeipc.posix.ChildProcess.Builder b = io.github.nativeipc.posix.ChildProcess.builder(command)
                    .environment(environment);
            if (directory != null) {
                b.directory(directory);
            }
            for (int fd = 0; fd < 3; fd++) {
                if (standard[fd] == DISCARD) {
                    b.nullDescriptor(fd);
                } else if (standard[fd] != null) {
                    b.descriptor(fd, descriptorOwner(standard[fd]));
                }
            }
            for (int i = 0; i < handedOver.size(); i++) {
                b.descriptor(3 + i, descriptorOwner(handedOver.get(i)));
            }
            return b.start();
        }

        private io.github.nativeipc.windows.ChildProcess startWindows() throws IpcException {
            io.github.nativeipc.windows.ChildProcess.Builder b = io.github.nativeipc.windows.ChildProcess.builder(command)
                    .environment(environment);
            if (directory != null) {
                b.directory(directory);
            }
            if (standard[0] == DISCARD) {
                b.nullStandardInput();
            } else if (standard[0] != null) {
                b.standardInput(handleOwner(standard[0]));
            }
            if (standard[1] == DISCARD) {
                b.nullStandardOutput();
            } else if (standard[1] != null) {
                b.standardOutput(handleOwner(standard[1]));
            }
            if (standard[2] == DISCARD) {
                b.nullStandardError();
            } else if (standard[2] != null) {
                b.standardError(handleOwner(standard[2]));
            }
            for (Channel end : handedOver) {
                b.inherit(handleOwner(end));
            }
            return b.start();
        }

        private static DescriptorOwner descriptorOwner(Channel end) {
            if (end instanceof DescriptorOwner owner) {
                return owner;
            }
            throw new IllegalArgumentException(end + " is not a pipe end of this library (Pipe.source() or Pipe.sink())");
        }

        private static HandleOwner handleOwner(Channel end) {
            if (end instanceof HandleOwner owner) {
                return owner;
            }
            throw new IllegalArgumentException(end + " is not a pipe end of this library (Pipe.source() or Pipe.sink())");
        }
    }
}
