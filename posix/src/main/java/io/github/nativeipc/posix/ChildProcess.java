package io.github.nativeipc.posix;

import static io.github.nativeipc.bindings.PosixConstants.O_RDWR;
import static io.github.nativeipc.bindings.PosixConstants.POSIX_SPAWN_CLOEXEC_DEFAULT;
import static io.github.nativeipc.bindings.PosixConstants.POSIX_SPAWN_SETPGROUP;
import static io.github.nativeipc.bindings.PosixConstants.POSIX_SPAWN_SETSIGDEF;
import static io.github.nativeipc.bindings.PosixConstants.POSIX_SPAWN_SETSIGMASK;
import static io.github.nativeipc.bindings.PosixConstants.SIZEOF_POSIX_SPAWNATTR_T;
import static io.github.nativeipc.bindings.PosixConstants.SIZEOF_POSIX_SPAWN_FILE_ACTIONS_T;
import static io.github.nativeipc.bindings.PosixConstants.SIZEOF_SIGSET_T;
import static io.github.nativeipc.bindings.PosixConstants.WNOHANG;

import io.github.nativeipc.bindings.Errno;
import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.bindings.Platform;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * A child process started with {@code posix_spawn}, with descriptors of this process mapped to
 * chosen numbers in the child — what {@link ProcessBuilder} cannot do: a pipe end as fd 3, a
 * {@link MemFd} as fd 4, a socket as fd 5, each a {@link DescriptorOwner}.
 *
 * <h2>What the child gets</h2>
 * <ul>
 * <li>exactly the descriptors mapped with {@link Builder#descriptor}, plus 0, 1 and 2 (inherited
 *     from this JVM unless mapped or sent to {@code /dev/null}); every other descriptor of the JVM
 *     is closed in the child ({@code posix_spawn_file_actions_addclosefrom_np}, glibc 2.34+; on
 *     macOS {@code POSIX_SPAWN_CLOEXEC_DEFAULT}), whether or not it is close-on-exec;</li>
 * <li>an empty signal mask and the default disposition for every signal
 *     ({@code POSIX_SPAWN_SETSIGMASK}, {@code POSIX_SPAWN_SETSIGDEF}): nothing the JVM blocks or
 *     ignores leaks into it;</li>
 * <li>the environment given (by default a copy of this process's) and the working directory given
 *     ({@code posix_spawn_file_actions_addchdir_np}).</li>
 * </ul>
 * glibc's {@code posix_spawn} uses {@code clone(CLONE_VM|CLONE_VFORK)}: no copy of the JVM's
 * memory, safe in a multi-threaded process, and an {@code exec} failure (no such program) is
 * reported by {@link Builder#start()} itself.
 *
 * <h2>Waiting, signals, ownership</h2>
 * This object reaps the child ({@code waitpid}) exactly once, in {@link #waitFor}, {@link #exitStatus()}
 * or {@link #onExit()}; until then an exited child is a zombie. On Linux 5.3+ it holds a
 * {@link PidFd} opened right after the spawn (no pid-reuse race: the child cannot be reaped before
 * it): waits poll it and {@link #sendSignal} goes through {@code pidfd_send_signal}. Elsewhere waits
 * poll {@code waitpid(WNOHANG)} and signals use {@code kill} while the child is known unreaped.
 * {@link #toHandle()} gives the JDK's {@link ProcessHandle}, whose {@code onExit()} also works.
 * {@link #close()} releases the pidfd; it neither kills nor reaps the child.
 *
 * <p>Thread-safe.
 */
public final class ChildProcess implements AutoCloseable {
    private static final LibC C = Native.libc();
    private static final boolean LINUX = Platform.current().isLinux();
    private static final boolean HAS_CLOSEFROM = Native.hasSymbol("posix_spawn_file_actions_addclosefrom_np");
    private static final boolean HAS_ADDCHDIR = Native.hasSymbol("posix_spawn_file_actions_addchdir_np");

    private final long pid;
    private final String description;
    private final PidFd pidFd;
    private final Object reapLock = new Object();
    private volatile ExitStatus status;

    private ChildProcess(long pid, String description, PidFd pidFd) {
        this.pid = pid;
        this.description = description;
        this.pidFd = pidFd;
    }

    /** A builder for {@code program} with {@code arguments} (argv[0] is {@code program}). */
    public static Builder builder(String program, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Objects.requireNonNull(program, "program"));
        command.addAll(List.of(arguments));
        return new Builder(command);
    }

    /** A builder for {@code command}: the program then its arguments. */
    public static Builder builder(List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command is empty");
        }
        return new Builder(new ArrayList<>(command));
    }

    /** The child's process id. */
    public long pid() {
        return pid;
    }

    /** The JDK's handle on the child (for {@code info()}, {@code descendants()}, {@code onExit()}), if it is still known. */
    public Optional<ProcessHandle> toHandle() {
        return ProcessHandle.of(pid);
    }

    /** The pidfd held on the child, if this kernel has them. */
    public Optional<PidFd> pidFd() {
        return Optional.ofNullable(pidFd);
    }

    /**
     * Waits for the child to exit and reaps it. Blocks in {@code poll} on the pidfd (or
     * {@code waitpid} polling where there is none), in slices so that an interrupt is answered.
     *
     * @throws InterruptedException if this thread is interrupted while waiting
     */
    public ExitStatus waitFor() throws IpcException, InterruptedException {
        for (;;) {
            Optional<ExitStatus> s = waitFor(Duration.ofDays(365));
            if (s.isPresent()) {
                return s.get();
            }
        }
    }

    /**
     * Waits at most {@code timeout} for the child to exit; empty if it is still running then.
     *
     * @throws InterruptedException if this thread is interrupted while waiting
     */
    public Optional<ExitStatus> waitFor(Duration timeout) throws IpcException, InterruptedException {
        long deadline = System.nanoTime() + Timeouts.nanos(timeout);
        long pause = 100_000L;   // without a pidfd: waitpid(WNOHANG) every 0.1 ms, backing off to 10 ms
        for (;;) {
            Optional<ExitStatus> s = exitStatus();
            if (s.isPresent()) {
                return s;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            if (pidFd != null && pidFd.isOpen()) {
                try {
                    pidFd.awaitExit(Duration.ofNanos(left));
                } catch (io.github.nativeipc.error.ClosedException closedMeanwhile) {
                    // close() released the pidfd: go on polling waitpid
                }
            } else {
                if (Thread.interrupted()) {
                    throw new InterruptedException("waiting for pid " + pid);
                }
                Thread.sleep(Math.min(pause, left) / 1_000_000L, (int) (Math.min(pause, left) % 1_000_000L));
                pause = Math.min(pause * 2, 10_000_000L);
            }
        }
    }

    /** The exit status if the child has ended (reaping it: {@code waitpid(pid, WNOHANG)}), without waiting. */
    public Optional<ExitStatus> exitStatus() throws IpcException {
        ExitStatus s = status;
        if (s != null) {
            return Optional.of(s);
        }
        synchronized (reapLock) {
            if (status == null) {
                Syscalls.Scratch scratch = Syscalls.Scratch.get();
                for (;;) {
                    int r = C.waitpid((int) pid, scratch.intAddress, WNOHANG);
                    if (r == pid) {
                        status = ExitStatus.fromWaitStatus(scratch.intValue.getInt(0));
                        break;
                    }
                    if (r == 0) {
                        return Optional.empty();
                    }
                    if (Native.errno() != Errno.EINTR.value()) {
                        throw Syscalls.error("waitpid(" + pid + ", WNOHANG)", description,
                                "the child was reaped by someone else (a SIGCHLD handler set to SIG_IGN reaps automatically)");
                    }
                }
            }
            return Optional.of(status);
        }
    }

    /** Whether the child is still running (a {@link #exitStatus()} that finds none). */
    public boolean isAlive() throws IpcException {
        return exitStatus().isEmpty();
    }

    /**
     * Completes with the exit status once the child ends; with a pidfd the wait runs on the
     * library's poll thread ({@code nipc-poller}), otherwise on the JDK's {@link ProcessHandle#onExit()}.
     */
    public CompletableFuture<ExitStatus> onExit() {
        CompletableFuture<?> exited = pidFd != null ? pidFd.onExit()
                : toHandle().map(h -> (CompletableFuture<?>) h.onExit()).orElse(CompletableFuture.completedFuture(null));
        return exited.thenApply(ignored -> {
            try {
                return exitStatus().orElseThrow(() -> new IllegalStateException("pid " + pid + " exited but waitpid saw it running"));
            } catch (IpcException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    /** Sends {@code signal} (see {@link #sendSignal(int)}). */
    public void sendSignal(AnySignal signal) throws IpcException {
        sendSignal(signal.number());
    }

    /**
     * Sends signal number {@code signal}: through the pidfd ({@code pidfd_send_signal}) where there is
     * one, else {@code kill(pid, signal)} while the child is known not to be reaped (so the pid
     * cannot belong to another process).
     *
     * @throws io.github.nativeipc.error.NotFoundException if the child has already exited
     */
    public void sendSignal(int signal) throws IpcException {
        if (pidFd != null && pidFd.isOpen()) {
            pidFd.sendSignal(signal);
            return;
        }
        synchronized (reapLock) {
            if (status != null) {
                throw Errors.fromErrno(Errno.ESRCH.value(), "kill(" + pid + ", " + signal + ")", description,
                        "the child exited (" + status + ") and was reaped");
            }
            if (C.kill((int) pid, signal) != 0) {
                throw Syscalls.error("kill(" + pid + ", " + signal + ")", description);
            }
        }
    }

    /** Releases the pidfd; the child keeps running and is not reaped. Idempotent. */
    @Override
    public void close() {
        if (pidFd != null) {
            pidFd.close();
        }
    }

    @Override
    public String toString() {
        ExitStatus s = status;
        return "ChildProcess[" + pid + " " + description + (s == null ? "" : ", " + s) + "]";
    }

    // ---------------------------------------------------------------- starting

    /** How to start a child: command, environment, directory, descriptors. Not thread-safe. */
    public static final class Builder {
        private final List<String> command;
        private Map<String, String> environment = new LinkedHashMap<>(System.getenv());
        private Path directory;
        private final TreeMap<Integer, DescriptorOwner> descriptors = new TreeMap<>();
        private final java.util.Set<Integer> devNull = new java.util.TreeSet<>();
        private boolean newProcessGroup;
        private long processGroup;

        private Builder(List<String> command) {
            this.command = command;
        }

        /** The child's environment, a copy of this process's to start with; change it in place. */
        public Map<String, String> environment() {
            return environment;
        }

        /** Replaces the child's environment. */
        public Builder environment(Map<String, String> env) {
            this.environment = new LinkedHashMap<>(env);
            return this;
        }

        /** The child's working directory (default: this process's). */
        public Builder directory(Path dir) {
            this.directory = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /**
         * Hands {@code owner}'s descriptor to the child as number {@code childFd} (0, 1 and 2
         * replace standard input, output and error). The owner's descriptor is held open until
         * {@link #start()} returns; the child gets its own duplicate.
         */
        public Builder descriptor(int childFd, DescriptorOwner owner) {
            if (childFd < 0) {
                throw new IllegalArgumentException("child descriptor number " + childFd + " is negative");
            }
            devNull.remove(childFd);
            descriptors.put(childFd, Objects.requireNonNull(owner, "owner"));
            return this;
        }

        /** Opens {@code /dev/null} as standard descriptor {@code childFd} (0, 1 or 2) instead of inheriting this JVM's. */
        public Builder nullDescriptor(int childFd) {
            if (childFd < 0 || childFd > 2) {
                throw new IllegalArgumentException("only 0, 1 and 2 can be sent to /dev/null, not " + childFd);
            }
            descriptors.remove(childFd);
            devNull.add(childFd);
            return this;
        }

        /** Starts the child in a new process group of its own ({@code POSIX_SPAWN_SETPGROUP}, pgid = its pid). */
        public Builder newProcessGroup() {
            this.newProcessGroup = true;
            this.processGroup = 0;
            return this;
        }

        /** Starts the child in the existing process group {@code pgid} (of this session), such as an earlier child's. */
        public Builder processGroup(long pgid) {
            if (pgid <= 0 || pgid > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("a process group id is a positive int, not " + pgid);
            }
            this.newProcessGroup = true;
            this.processGroup = pgid;
            return this;
        }

        /**
         * Starts the child: {@code posix_spawn} (or {@code posix_spawnp}, searching this process's
         * {@code PATH}, for a program name without {@code /}), then {@code pidfd_open} on Linux.
         *
         * @throws io.github.nativeipc.error.NotFoundException if the program or directory does not exist
         * @throws io.github.nativeipc.error.PermissionDeniedException if it is not executable
         * @throws io.github.nativeipc.error.ClosedException if a descriptor owner is closed
         * @throws io.github.nativeipc.error.NotSupportedException on a C library that cannot close
         *         the other descriptors in the child (glibc before 2.34)
         */
        public ChildProcess start() throws IpcException {
            String program = command.get(0);
            String call = "posix_spawn" + (program.contains("/") ? "" : "p") + "(" + Syscalls.quote(program) + ")";
            if (LINUX && !HAS_CLOSEFROM) {
                throw Errors.notSupported(call, program, "posix_spawn_file_actions_addclosefrom_np needs glibc 2.34+;"
                        + " without it descriptors of the JVM would leak into the child");
            }
            if (directory != null && !HAS_ADDCHDIR) {
                throw Errors.notSupported(call, program, "posix_spawn_file_actions_addchdir_np needs glibc 2.29+ or macOS 10.15+");
            }
            if (program.contains("/") && !program.startsWith("/")) {
                program = Path.of(program).toAbsolutePath().toString();   // relative to this process, not to directory
            }
            List<DescriptorOwner> held = new ArrayList<>();
            try {
                Map<Integer, Integer> mapping = new TreeMap<>();
                for (Map.Entry<Integer, DescriptorOwner> e : descriptors.entrySet()) {
                    int fd = e.getValue().acquireDescriptor();
                    held.add(e.getValue());
                    mapping.put(e.getKey(), fd);
                }
                long pid = spawn(program, call, mapping);
                PidFd pidFd = null;
                if (PidFd.isSupported()) {
                    try {
                        pidFd = PidFd.open(pid);
                    } catch (IpcException e) {
                        // a child not yet reaped always has a pidfd; keep going without one if the kernel refuses
                        pidFd = null;
                    }
                }
                return new ChildProcess(pid, String.join(" ", command), pidFd);
            } finally {
                for (DescriptorOwner o : held) {
                    o.releaseDescriptor();
                }
            }
        }

        private long spawn(String program, String call, Map<Integer, Integer> mapping) throws IpcException {
            int highest = 2;
            for (int k : mapping.keySet()) {
                highest = Math.max(highest, k);
            }
            int temporary = highest + 1;
            for (int fd : mapping.values()) {
                temporary = Math.max(temporary, fd + 1);
            }
            byte[][] args = encode(command);
            List<String> envList = new ArrayList<>();
            for (Map.Entry<String, String> e : environment.entrySet()) {
                if (e.getKey().isEmpty() || e.getKey().indexOf('=') >= 0) {
                    throw Errors.invalidArgument(call, program, "environment variable name " + Syscalls.quote(e.getKey())
                            + " is empty or contains '='");
                }
                envList.add(e.getKey() + "=" + e.getValue());
            }
            byte[][] env = encode(envList);
            int pointers = (args.length + 1 + env.length + 1) * 8;
            int bytes = pointers + SIZEOF_POSIX_SPAWN_FILE_ACTIONS_T + SIZEOF_POSIX_SPAWNATTR_T + SIZEOF_SIGSET_T + 16;
            for (byte[] a : args) {
                bytes += a.length + 1;
            }
            for (byte[] a : env) {
                bytes += a.length + 1;
            }
            ByteBuffer block = Native.scratch(bytes);
            long base = Native.address(block);
            long argv = base;
            long envp = base + (args.length + 1) * 8L;
            long actions = base + pointers;
            long attr = actions + SIZEOF_POSIX_SPAWN_FILE_ACTIONS_T;
            long sigset = attr + SIZEOF_POSIX_SPAWNATTR_T;
            long pidOut = sigset + SIZEOF_SIGSET_T;
            int at = (int) (pidOut + 16 - base);
            at = putStrings(block, base, 0, at, args);
            putStrings(block, base, (args.length + 1) * 8, at, env);

            check(C.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init", program);
            try {
                check(C.posix_spawnattr_init(attr), "posix_spawnattr_init", program);
                try {
                    if (directory != null) {
                        check(C.posix_spawn_file_actions_addchdir_np(actions, directory.toString()),
                                "posix_spawn_file_actions_addchdir_np(" + Syscalls.quote(directory.toString()) + ")", program);
                    }
                    // Sources first to numbers above every source and target, then onto their targets:
                    // a target never overwrites a source that another mapping still needs.
                    int i = 0;
                    for (int fd : mapping.values()) {
                        check(C.posix_spawn_file_actions_adddup2(actions, fd, temporary + i++), "posix_spawn_file_actions_adddup2", program);
                    }
                    i = 0;
                    for (int target : mapping.keySet()) {
                        check(C.posix_spawn_file_actions_adddup2(actions, temporary + i++, target), "posix_spawn_file_actions_adddup2", program);
                    }
                    for (int target : devNull) {
                        check(C.posix_spawn_file_actions_addopen(actions, target, "/dev/null", O_RDWR, 0),
                                "posix_spawn_file_actions_addopen(" + target + ", \"/dev/null\")", program);
                    }
                    for (int n = 3; n < highest; n++) {
                        if (!mapping.containsKey(n)) {
                            check(C.posix_spawn_file_actions_addclose(actions, n), "posix_spawn_file_actions_addclose", program);
                        }
                    }
                    short flags = (short) (POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | (newProcessGroup ? POSIX_SPAWN_SETPGROUP : 0));
                    if (LINUX) {
                        check(C.posix_spawn_file_actions_addclosefrom_np(actions, highest + 1), "posix_spawn_file_actions_addclosefrom_np", program);
                    } else {
                        flags |= POSIX_SPAWN_CLOEXEC_DEFAULT;
                    }
                    C.sigemptyset(sigset);
                    check(C.posix_spawnattr_setsigmask(attr, sigset), "posix_spawnattr_setsigmask", program);
                    C.sigfillset(sigset);
                    check(C.posix_spawnattr_setsigdefault(attr, sigset), "posix_spawnattr_setsigdefault", program);
                    if (newProcessGroup) {
                        check(C.posix_spawnattr_setpgroup(attr, (int) processGroup), "posix_spawnattr_setpgroup", program);
                    }
                    check(C.posix_spawnattr_setflags(attr, flags), "posix_spawnattr_setflags", program);
                    int rc = program.contains("/")
                            ? C.posix_spawn(pidOut, program, actions, attr, argv, envp)
                            : C.posix_spawnp(pidOut, program, actions, attr, argv, envp);
                    if (rc != 0) {
                        throw Errors.fromErrno(rc, call + " of " + String.join(" ", command)
                                + (directory == null ? "" : " in " + directory), program);
                    }
                    int pid = block.getInt((int) (pidOut - base));
                    java.lang.ref.Reference.reachabilityFence(block);   // the native strings and structs live in it
                    return pid;
                } finally {
                    C.posix_spawnattr_destroy(attr);
                }
            } finally {
                C.posix_spawn_file_actions_destroy(actions);
            }
        }

        private static void check(int rc, String call, String program) throws IpcException {
            if (rc != 0) {
                throw Errors.fromErrno(rc, call, program);
            }
        }

        private static byte[][] encode(List<String> strings) throws IpcException {
            byte[][] out = new byte[strings.size()][];
            for (int i = 0; i < out.length; i++) {
                String s = strings.get(i);
                if (s.indexOf('\0') >= 0) {
                    throw Errors.invalidArgument("posix_spawn", strings.get(0), "argument or variable contains NUL: " + Syscalls.quote(s));
                }
                out[i] = s.getBytes(StandardCharsets.UTF_8);
            }
            return out;
        }

        /** Writes NUL-terminated strings from {@code at} and a NULL-terminated pointer array at {@code arrayAt}. */
        private static int putStrings(ByteBuffer block, long base, int arrayAt, int at, byte[][] strings) {
            for (int i = 0; i < strings.length; i++) {
                block.putLong(arrayAt + i * 8, base + at);
                block.put(at, strings[i]);
                block.put(at + strings[i].length, (byte) 0);
                at += strings[i].length + 1;
            }
            block.putLong(arrayAt + strings.length * 8, 0L);
            return at;
        }
    }
}
