package io.github.nativeipc.windows;

import static io.github.nativeipc.bindings.windows.Win32Constants.CREATE_UNICODE_ENVIRONMENT;
import static io.github.nativeipc.bindings.windows.Win32Constants.EXTENDED_STARTUPINFO_PRESENT;
import static io.github.nativeipc.bindings.windows.Win32Constants.FILE_SHARE_READ;
import static io.github.nativeipc.bindings.windows.Win32Constants.FILE_SHARE_WRITE;
import static io.github.nativeipc.bindings.windows.Win32Constants.GENERIC_READ;
import static io.github.nativeipc.bindings.windows.Win32Constants.GENERIC_WRITE;
import static io.github.nativeipc.bindings.windows.Win32Constants.HANDLE_FLAG_INHERIT;
import static io.github.nativeipc.bindings.windows.Win32Constants.INFINITE;
import static io.github.nativeipc.bindings.windows.Win32Constants.INVALID_HANDLE_VALUE;
import static io.github.nativeipc.bindings.windows.Win32Constants.OPEN_EXISTING;
import static io.github.nativeipc.bindings.windows.Win32Constants.PROCESS_INFORMATION_PROCESS;
import static io.github.nativeipc.bindings.windows.Win32Constants.PROCESS_INFORMATION_PROCESS_ID;
import static io.github.nativeipc.bindings.windows.Win32Constants.PROCESS_INFORMATION_SIZE;
import static io.github.nativeipc.bindings.windows.Win32Constants.PROCESS_INFORMATION_THREAD;
import static io.github.nativeipc.bindings.windows.Win32Constants.PROC_THREAD_ATTRIBUTE_HANDLE_LIST;
import static io.github.nativeipc.bindings.windows.Win32Constants.STARTF_USESTDHANDLES;
import static io.github.nativeipc.bindings.windows.Win32Constants.STARTUPINFOEXW_ATTRIBUTE_LIST;
import static io.github.nativeipc.bindings.windows.Win32Constants.STARTUPINFOEXW_SIZE;
import static io.github.nativeipc.bindings.windows.Win32Constants.STARTUPINFOW_FLAGS;
import static io.github.nativeipc.bindings.windows.Win32Constants.STARTUPINFOW_STD_ERROR;
import static io.github.nativeipc.bindings.windows.Win32Constants.STARTUPINFOW_STD_INPUT;
import static io.github.nativeipc.bindings.windows.Win32Constants.STARTUPINFOW_STD_OUTPUT;
import static io.github.nativeipc.bindings.windows.Win32Constants.STD_ERROR_HANDLE;
import static io.github.nativeipc.bindings.windows.Win32Constants.STD_INPUT_HANDLE;
import static io.github.nativeipc.bindings.windows.Win32Constants.STD_OUTPUT_HANDLE;
import static io.github.nativeipc.bindings.windows.Win32Constants.WAIT_FAILED;
import static io.github.nativeipc.bindings.windows.Win32Constants.WAIT_OBJECT_0;
import static io.github.nativeipc.bindings.windows.Win32Constants.WAIT_TIMEOUT;

import io.github.nativeipc.bindings.windows.Kernel32;
import io.github.nativeipc.bindings.windows.Win32Error;
import io.github.nativeipc.error.ClosedException;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.handle.HandleGuard;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
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
import java.util.concurrent.TimeUnit;

/**
 * A Windows child process started with {@code CreateProcessW}, with handles of this process handed
 * over — what {@link ProcessBuilder} cannot do: an {@link AnonymousPipe} end as standard input, or a
 * pipe end inherited under a handle value the child is told on its command line, each a
 * {@link HandleOwner}. The counterpart of {@code io.github.nativeipc.posix.ChildProcess}.
 *
 * <h2>What the child gets</h2>
 * <ul>
 * <li>exactly the handles listed, and no other: the three standard handles and those given to
 *     {@link Builder#inherit}. They go in a {@code PROC_THREAD_ATTRIBUTE_HANDLE_LIST} of a
 *     {@code STARTUPINFOEXW} ({@code EXTENDED_STARTUPINFO_PRESENT}) with
 *     {@code bInheritHandles = TRUE}, so a handle of this process that is not listed is never
 *     inherited, even if it is inheritable. An inherited handle has the same value in the child as
 *     here, which is why {@link Builder#inherit} can say it before the start;</li>
 * <li>standard input, output and error ({@code STARTF_USESTDHANDLES}): the handle given to
 *     {@link Builder#standardInput} and the like; else the NUL device if asked
 *     ({@link Builder#nullStandardInput}); else this process's own ({@code GetStdHandle}) when that
 *     is a valid handle ({@code GetHandleInformation} accepts it); else the NUL device;</li>
 * <li>the environment given (by default a copy of this process's) as a UTF-16 block sorted by
 *     name ({@code CREATE_UNICODE_ENVIRONMENT}), and the working directory given (by default this
 *     process's);</li>
 * <li>a command line written so that the C runtime's parser gives the child exactly the
 *     arguments listed (see {@code CommandLine}: quotes, spaces, backslashes, empty arguments).</li>
 * </ul>
 *
 * <h2>Inheritable for one call only</h2>
 * {@code CreateProcessW} only passes on handles that are inheritable ({@code HANDLE_FLAG_INHERIT}).
 * The library creates its handles not inheritable, so {@link Builder#start()} sets the flag on each
 * listed handle ({@code SetHandleInformation}) just before the call and puts back the flag each had
 * just after it, whatever happens. The starts of this library are serialised by one lock, so two
 * of them never race on a flag. A process started meanwhile by other code with
 * {@code bInheritHandles = TRUE} and no handle list — the JDK's {@link ProcessBuilder#start()} is
 * one — would inherit every handle inheritable at that moment, the listed ones included: if this
 * process also starts children through {@code ProcessBuilder}, a pipe end may leak into one of
 * them for the length of a {@code CreateProcessW} call (the peer then sees no end of file until
 * that process ends too).
 *
 * <h2>Waiting and ownership</h2>
 * This object holds the process handle ({@code PROCESS_INFORMATION.hProcess}; the thread handle is
 * closed at once), which also keeps the process id from being reused: {@link #toHandle()} is the
 * JDK's view of this very process while this object is open. Waits are
 * {@code WaitForMultipleObjects} on the process and a private close event, in slices of at most
 * 50 ms so that an interrupt is answered; {@link #close()} from another thread wakes a waiter
 * ({@link ClosedException}). The exit code is read with {@code GetExitCodeProcess} only once the
 * process handle is signalled, so a child that exits with 259 ({@code STILL_ACTIVE}) is not taken
 * for running. Exit codes are {@code DWORD}s given as {@code int}: an NTSTATUS such as
 * {@code 0xC0000005} is negative ({@link Integer#toUnsignedLong} gives it back).
 * {@link #close()} closes the process handle; the child keeps running. A {@link Cleaner} closes a
 * forgotten one.
 *
 * <p>Thread-safe.
 */
public final class ChildProcess implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();
    /** Held around every flag change and {@code CreateProcessW} of this library (see the class comment). */
    private static final Object START_LOCK = new Object();
    /** The longest single wait, so that an interrupt is seen within it. */
    private static final int SLICE_MILLIS = 50;
    /** The scratch block: {@code HANDLE[2]} (the process, the close event) at 0, a {@code DWORD} at 16. */
    private static final int EXIT_CODE_OFFSET = 16;

    private final long pid;
    private final String description;
    private final long process;
    private final long closeEvent;
    private final ByteBuffer scratch;
    private final long scratchAddress;
    private final HandleGuard guard;
    private final Cleaner.Cleanable cleanable;
    private volatile Integer exitCode;

    private ChildProcess(long pid, String description, long process, long closeEvent, ByteBuffer scratch) {
        this.pid = pid;
        this.description = description;
        this.process = process;
        this.closeEvent = closeEvent;
        this.scratch = scratch;
        this.scratchAddress = Win32.address(scratch);
        scratch.putLong(0, process).putLong(8, closeEvent);
        this.guard = new HandleGuard(new CloseHandles(process, closeEvent));
        this.cleanable = CLEANER.register(this, guard::close);
    }

    /** A builder for {@code program} with {@code arguments} (the program is argument 0). */
    public static Builder builder(String program, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Objects.requireNonNull(program, "program"));
        for (String a : arguments) {
            command.add(Objects.requireNonNull(a, "argument"));
        }
        return new Builder(command);
    }

    /** A builder for {@code command}: the program, then its arguments. */
    public static Builder builder(List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command is empty");
        }
        List<String> copy = new ArrayList<>(command);
        copy.forEach(a -> Objects.requireNonNull(a, "argument"));
        return new Builder(copy);
    }

    /** The child's process id ({@code PROCESS_INFORMATION.dwProcessId}). */
    public long pid() {
        return pid;
    }

    /**
     * The JDK's handle on the child (for {@code info()}, {@code descendants()}, {@code onExit()}), if
     * the system still knows the process. While this object is open the id cannot name another process.
     */
    public Optional<ProcessHandle> toHandle() {
        return ProcessHandle.of(pid);
    }

    /**
     * Waits for the child to exit and returns its exit code. Blocks in {@code WaitForMultipleObjects}
     * on the process and the close event, in slices of at most 50 ms, then {@code GetExitCodeProcess}.
     *
     * @throws InterruptedException if this thread is interrupted while the child runs
     * @throws ClosedException      if this object is closed before or during the wait (and the exit
     *                              code was not known by then)
     */
    public int waitFor() throws IpcException, InterruptedException {
        return await(INFINITE, "WaitForMultipleObjects(process " + pid + ", INFINITE)").orElseThrow();
    }

    /**
     * Waits at most {@code timeout} for the child to exit; empty if it is still running then.
     * Blocks as {@link #waitFor()} does; zero or negative only looks.
     *
     * @throws InterruptedException if this thread is interrupted while the child runs
     * @throws ClosedException      if this object is closed (and the exit code was not known)
     */
    public Optional<Integer> waitFor(Duration timeout) throws IpcException, InterruptedException {
        int millis = Win32.waitMillis(Objects.requireNonNull(timeout, "timeout"));
        return await(millis, "WaitForMultipleObjects(process " + pid + ", " + Integer.toUnsignedLong(millis) + " ms)");
    }

    /**
     * The exit code if the child has ended, without waiting: {@code WaitForSingleObject(process, 0)},
     * then {@code GetExitCodeProcess} if it is signalled. Once known, the code is kept, and is
     * returned after {@link #close()} too.
     *
     * @throws ClosedException if this object is closed and the exit code was not known
     */
    public Optional<Integer> exitCode() throws IpcException {
        Integer known = exitCode;
        if (known != null) {
            return Optional.of(known);
        }
        String operation = "WaitForSingleObject(process " + pid + ", 0)";
        enter(operation);
        try {
            int r = Kernel32.WaitForSingleObject(process, 0);
            if (r == WAIT_OBJECT_0) {
                return Optional.of(readExitCode());
            }
            if (r == WAIT_TIMEOUT) {
                return Optional.empty();
            }
            throw waitError(r, operation);
        } finally {
            guard.exit();
        }
    }

    /** Whether the child is still running (an {@link #exitCode()} that finds none). */
    public boolean isAlive() throws IpcException {
        return exitCode().isEmpty();
    }

    /**
     * Ends the child with {@code exitCode} ({@code TerminateProcess}): it runs no more code of its
     * own, and its handles are closed by the system. Does not wait: the child may still be
     * finishing when this returns; {@link #waitFor()} then returns {@code exitCode}. On a child
     * that has already exited this does nothing and throws nothing: its exit code stays what it was.
     *
     * @throws ClosedException if this object is closed
     * @throws IpcException    with the Win32 error if the child runs and cannot be ended
     */
    public void terminate(int exitCode) throws IpcException {
        if (this.exitCode != null) {
            return;
        }
        String operation = "TerminateProcess(process " + pid + ", " + exitCode + ")";
        enter(operation);
        try {
            if (Kernel32.TerminateProcess(process, exitCode) == 0) {
                int error = Kernel32.lastError();
                if (Kernel32.WaitForSingleObject(process, 0) == WAIT_OBJECT_0) {
                    return;   // it had exited already (Windows says ERROR_ACCESS_DENIED then): nothing to end
                }
                throw Win32.error(error, operation, description, null);
            }
        } finally {
            guard.exit();
        }
    }

    /**
     * Closes the process handle ({@code CloseHandle}; the thread handle was closed at the start)
     * once no call uses it, and wakes every thread waiting on this child. The child keeps running.
     * Idempotent; never blocks.
     */
    @Override
    public void close() {
        CloseHandles.wake(guard, closeEvent);
        cleanable.clean();
    }

    @Override
    public String toString() {
        Integer code = exitCode;
        return "ChildProcess[" + pid + " " + description + (code == null ? "" : ", exit " + code)
                + (guard.isClosed() ? ", closed" : "") + "]";
    }

    private void enter(String operation) throws ClosedException {
        if (!guard.enter()) {
            throw Errors.closed(operation, description);
        }
    }

    /**
     * Waits up to {@code millis} (INFINITE: forever; 0: only looks) for the process or the close
     * event, in slices of at most 50 ms.
     */
    private Optional<Integer> await(int millis, String operation) throws IpcException, InterruptedException {
        Integer known = exitCode;
        if (known != null) {
            return Optional.of(known);
        }
        enter(operation);
        try {
            long deadline = millis == INFINITE ? 0L
                    : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Integer.toUnsignedLong(millis));
            int slice = millis == INFINITE ? SLICE_MILLIS : Math.min(millis, SLICE_MILLIS);
            for (;;) {
                int r = Kernel32.WaitForMultipleObjects(2, scratchAddress, 0, slice);
                if (r == WAIT_OBJECT_0) {
                    return Optional.of(readExitCode());
                }
                if (r == WAIT_OBJECT_0 + 1) {
                    throw Errors.closed(operation, description);
                }
                if (r != WAIT_TIMEOUT) {
                    throw waitError(r, operation);
                }
                if (millis == 0) {
                    return Optional.empty();
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting for " + description);
                }
                if (millis != INFINITE) {
                    int left = Win32.millisUntil(deadline);
                    if (left == 0) {
                        return Optional.empty();
                    }
                    slice = Math.min(left, SLICE_MILLIS);
                }
            }
        } finally {
            guard.exit();
        }
    }

    private IpcException waitError(int r, String operation) {
        if (r == WAIT_FAILED) {
            return Win32.lastError(operation, description);
        }
        return Win32.error(Win32Error.ERROR_INVALID_HANDLE.code(), operation, description,
                "the wait returned 0x" + Integer.toHexString(r));
    }

    /** {@code GetExitCodeProcess}, once the process handle is signalled; the guard is entered. */
    private int readExitCode() throws IpcException {
        synchronized (scratch) {
            Integer known = exitCode;
            if (known == null) {
                if (Kernel32.GetExitCodeProcess(process, scratchAddress + EXIT_CODE_OFFSET) == 0) {
                    throw Win32.lastError("GetExitCodeProcess(process " + pid + ")", description);
                }
                known = scratch.getInt(EXIT_CODE_OFFSET);
                exitCode = known;
            }
            return known;
        }
    }

    // ---------------------------------------------------------------- starting

    /**
     * How to start a child: command, environment, directory, standard handles, inherited handles.
     * The owners given are held (their handles lent) only during {@link #start()}, so a builder can
     * start several children. Not thread-safe.
     */
    public static final class Builder {
        private static final String[] STD_NAMES = {"standard input", "standard output", "standard error"};
        private static final int[] STD_IDS = {STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, STD_ERROR_HANDLE};

        private final List<String> command;
        private TreeMap<String, String> environment;
        private Path directory;
        private final HandleOwner[] standard = new HandleOwner[3];
        private final boolean[] nul = new boolean[3];
        /** Owner to the handle value {@link #inherit} returned for it. */
        private final Map<HandleOwner, Long> inherited = new LinkedHashMap<>();

        private Builder(List<String> command) {
            this.command = command;
            this.environment = EnvironmentBlock.empty();
            System.getenv().forEach(environment::putIfAbsent);
        }

        /**
         * Appends {@code arguments} to the command: for a handle value {@link #inherit} returned,
         * which is known only once the builder exists.
         */
        public Builder addArguments(String... arguments) {
            for (String a : arguments) {
                command.add(Objects.requireNonNull(a, "argument"));
            }
            return this;
        }

        /**
         * The child's environment, a copy of this process's to start with; change it in place. Names
         * are case-insensitive, as on Windows: {@code put("PATH", ...)} replaces {@code Path}.
         */
        public Map<String, String> environment() {
            return environment;
        }

        /**
         * Replaces the child's environment with a copy of {@code env}.
         *
         * @throws IllegalArgumentException if two names differ only in case (one variable on Windows)
         */
        public Builder environment(Map<String, String> env) {
            this.environment = EnvironmentBlock.copyOf(env);
            return this;
        }

        /** The child's working directory (default: this process's); made absolute against this process's. */
        public Builder directory(Path dir) {
            this.directory = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** The child's standard input is {@code owner}'s handle (a pipe's read end, typically). */
        public Builder standardInput(HandleOwner owner) {
            return standard(0, owner);
        }

        /** The child's standard output is {@code owner}'s handle (a pipe's write end, typically). */
        public Builder standardOutput(HandleOwner owner) {
            return standard(1, owner);
        }

        /** The child's standard error is {@code owner}'s handle (it may be the same as standard output's). */
        public Builder standardError(HandleOwner owner) {
            return standard(2, owner);
        }

        /** The child's standard input is the NUL device: it reads end of file at once. */
        public Builder nullStandardInput() {
            return nul(0);
        }

        /** The child's standard output is the NUL device: what it writes is discarded. */
        public Builder nullStandardOutput() {
            return nul(1);
        }

        /** The child's standard error is the NUL device: what it writes is discarded. */
        public Builder nullStandardError() {
            return nul(2);
        }

        private Builder standard(int which, HandleOwner owner) {
            standard[which] = Objects.requireNonNull(owner, "owner");
            nul[which] = false;
            return this;
        }

        private Builder nul(int which) {
            standard[which] = null;
            nul[which] = true;
            return this;
        }

        /**
         * Lists {@code owner}'s handle among those the child inherits, and returns the value the
         * handle will have in the child: the same as here, known now, so it can go on the command
         * line ({@link #addArguments}) or in the {@link #environment()}. The owner must stay open
         * until {@link #start()}, which acquires it again; adding the same owner twice lists it once.
         *
         * @throws ClosedException if the owner is closed
         */
        public long inherit(HandleOwner owner) throws ClosedException {
            Objects.requireNonNull(owner, "owner");
            long h = owner.acquireHandle();
            owner.releaseHandle();
            inherited.put(owner, h);
            return h;
        }

        /**
         * Starts the child: opens the NUL device where asked ({@code CreateFileW("NUL")}), takes the
         * standard handles not given ({@code GetStdHandle}, checked with {@code GetHandleInformation}),
         * then under the library's start lock makes every listed handle inheritable
         * ({@code SetHandleInformation}), builds the attribute list
         * ({@code InitializeProcThreadAttributeList}, {@code UpdateProcThreadAttribute} with
         * {@code PROC_THREAD_ATTRIBUTE_HANDLE_LIST}), calls {@code CreateProcessW(NULL, commandLine,
         * NULL, NULL, TRUE, EXTENDED_STARTUPINFO_PRESENT | CREATE_UNICODE_ENVIRONMENT, environment,
         * directory, &startupInfoEx, &processInformation)}, and puts everything back
         * ({@code DeleteProcThreadAttributeList}, the flags as they were, the NUL handles closed, the
         * owners' handles released) whether it succeeded or not. Blocks only on the start lock while
         * another start of this library runs.
         *
         * <p>The program is found as {@code CreateProcessW} finds the first token of a command line:
         * a path as given (relative to this process's directory), otherwise in the directory of this
         * process's executable, this process's current directory, the Windows system directories and
         * this process's {@code PATH} (not the child's), with {@code .exe} added if it has no extension.
         *
         * @throws io.github.nativeipc.error.NotFoundException        if the program (ERROR_FILE_NOT_FOUND,
         *         ERROR_PATH_NOT_FOUND) or the working directory (ERROR_DIRECTORY) does not exist
         * @throws io.github.nativeipc.error.PermissionDeniedException if it may not be run (ERROR_ACCESS_DENIED)
         * @throws io.github.nativeipc.error.InvalidArgumentException  if it is not a Windows program
         *         (ERROR_BAD_EXE_FORMAT), or, before any call, if the command line cannot be written (a quote
         *         in the program name, a NUL, longer than 32,766 characters) or the environment is invalid
         * @throws ClosedException if a handle owner is closed
         */
        public ChildProcess start() throws IpcException {
            String program = command.get(0);
            String commandLine = CommandLine.of(command);
            String block = EnvironmentBlock.of(environment, program);
            String dir = directory == null ? null : directory.toAbsolutePath().toString();
            String call = "CreateProcessW(NULL, " + abbreviate(commandLine) + ", NULL, NULL, TRUE, "
                    + "EXTENDED_STARTUPINFO_PRESENT|CREATE_UNICODE_ENVIRONMENT, environment of " + environment.size()
                    + " variables, " + (dir == null ? "NULL" : "\"" + dir + "\"") + ", ...)";

            // Native memory for the whole call, filled before anything is acquired.
            ByteBuffer line = wide(commandLine);
            ByteBuffer env = wide(block);
            ByteBuffer info = Win32.scratch(STARTUPINFOEXW_SIZE + PROCESS_INFORMATION_SIZE + 16);
            ByteBuffer childScratch = Win32.scratch(EXIT_CODE_OFFSET + 8);

            List<HandleOwner> held = new ArrayList<>();
            long[] nulHandles = new long[3];
            long event = 0L;
            boolean started = false;
            try {
                long[] std = new long[3];
                for (int i = 0; i < 3; i++) {
                    if (standard[i] != null) {
                        std[i] = standard[i].acquireHandle();
                        held.add(standard[i]);
                    }
                }
                List<Long> extra = new ArrayList<>();
                for (Map.Entry<HandleOwner, Long> e : inherited.entrySet()) {
                    long h = e.getKey().acquireHandle();
                    held.add(e.getKey());
                    if (h != e.getValue()) {
                        throw Errors.invalidArgument(call, program, e.getKey().describe() + " has handle " + h
                                + " now, but inherit() told " + e.getValue());
                    }
                    extra.add(h);
                }
                for (int i = 0; i < 3; i++) {
                    if (standard[i] == null && !nul[i]) {
                        std[i] = ownStandardHandle(STD_IDS[i]);
                    }
                    if (std[i] == 0L) {
                        nulHandles[i] = openNul(program, STD_NAMES[i]);
                        std[i] = nulHandles[i];
                    }
                }
                List<Long> listed = listOnce(std, extra);
                event = Kernel32.CreateEventW(0L, 1, 0, null);
                if (event == 0L) {
                    throw Win32.lastError("CreateEventW(NULL, manual reset, unsignalled, NULL)", program);
                }

                long infoAddress = Win32.address(info);
                info.putInt(0, STARTUPINFOEXW_SIZE);
                info.putInt(STARTUPINFOW_FLAGS, STARTF_USESTDHANDLES);
                info.putLong(STARTUPINFOW_STD_INPUT, std[0]);
                info.putLong(STARTUPINFOW_STD_OUTPUT, std[1]);
                info.putLong(STARTUPINFOW_STD_ERROR, std[2]);
                long processInformation = infoAddress + STARTUPINFOEXW_SIZE;
                synchronized (START_LOCK) {
                    create(call, program, dir, listed, line, env, info, infoAddress, processInformation);
                }
                int at = STARTUPINFOEXW_SIZE;
                long process = info.getLong(at + PROCESS_INFORMATION_PROCESS);
                Kernel32.CloseHandle(info.getLong(at + PROCESS_INFORMATION_THREAD));
                long pid = Integer.toUnsignedLong(info.getInt(at + PROCESS_INFORMATION_PROCESS_ID));
                try {
                    ChildProcess child = new ChildProcess(pid, program, process, event, childScratch);
                    started = true;
                    return child;
                } finally {
                    if (!started) {
                        Kernel32.CloseHandle(process);
                    }
                }
            } finally {
                for (long h : nulHandles) {
                    if (h != 0L) {
                        Kernel32.CloseHandle(h);
                    }
                }
                for (HandleOwner o : held) {
                    o.releaseHandle();
                }
                if (!started && event != 0L) {
                    Kernel32.CloseHandle(event);
                }
            }
        }

        /**
         * Under the start lock: the listed handles inheritable, the attribute list built, the call
         * made; then the list deleted and the flags put back, on every path.
         */
        private void create(String call, String program, String dir, List<Long> listed, ByteBuffer line, ByteBuffer env,
                ByteBuffer info, long infoAddress, long processInformation) throws IpcException {
            int n = listed.size();
            ByteBuffer handles = Win32.scratch(8 * n + 8 + 4);
            long handlesAddress = Win32.address(handles);
            long sizeAddress = handlesAddress + 8L * n;
            long flagsAddress = sizeAddress + 8;
            int[] previous = new int[n];
            int flagged = 0;
            try {
                for (int i = 0; i < n; i++) {
                    long h = listed.get(i);
                    handles.putLong(8 * i, h);
                    if (Kernel32.GetHandleInformation(h, flagsAddress) == 0) {
                        throw Win32.lastError("GetHandleInformation(" + h + ")", program, "a handle to be inherited is not valid");
                    }
                    previous[i] = handles.getInt(8 * n + 8);
                    if ((previous[i] & HANDLE_FLAG_INHERIT) == 0
                            && Kernel32.SetHandleInformation(h, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT) == 0) {
                        throw Win32.lastError("SetHandleInformation(" + h + ", HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT)", program);
                    }
                    flagged = i + 1;
                }
                if (Kernel32.InitializeProcThreadAttributeList(0L, 1, 0, sizeAddress) == 0
                        && Kernel32.lastError() != Win32Error.ERROR_INSUFFICIENT_BUFFER.code()) {
                    throw Win32.lastError("InitializeProcThreadAttributeList(NULL, 1, 0, &size)", program);
                }
                long size = handles.getLong(8 * n);
                ByteBuffer list = Win32.scratch((int) Math.max(size, 8));
                long listAddress = Win32.address(list);
                if (Kernel32.InitializeProcThreadAttributeList(listAddress, 1, 0, sizeAddress) == 0) {
                    throw Win32.lastError("InitializeProcThreadAttributeList(list, 1, 0, &" + size + ")", program);
                }
                try {
                    if (Kernel32.UpdateProcThreadAttribute(listAddress, 0, PROC_THREAD_ATTRIBUTE_HANDLE_LIST, handlesAddress,
                            8L * n, 0L, 0L) == 0) {
                        throw Win32.lastError("UpdateProcThreadAttribute(list, 0, PROC_THREAD_ATTRIBUTE_HANDLE_LIST, "
                                + listed + ", " + 8 * n + ", NULL, NULL)", program);
                    }
                    info.putLong(STARTUPINFOEXW_ATTRIBUTE_LIST, listAddress);
                    if (Kernel32.CreateProcessW(null, Win32.address(line), 0L, 0L, 1,
                            EXTENDED_STARTUPINFO_PRESENT | CREATE_UNICODE_ENVIRONMENT, Win32.address(env), Win32.wide(dir),
                            infoAddress, processInformation) == 0) {
                        int error = Kernel32.lastError();
                        throw Win32.error(error, call, program, explain(error, program, dir));
                    }
                } finally {
                    Kernel32.DeleteProcThreadAttributeList(listAddress);
                    info.putLong(STARTUPINFOEXW_ATTRIBUTE_LIST, 0L);
                    Reference.reachabilityFence(list);
                }
            } finally {
                for (int i = 0; i < flagged; i++) {
                    if ((previous[i] & HANDLE_FLAG_INHERIT) == 0) {
                        Kernel32.SetHandleInformation(listed.get(i), HANDLE_FLAG_INHERIT, 0);
                    }
                }
                Reference.reachabilityFence(handles);
                Reference.reachabilityFence(line);
                Reference.reachabilityFence(env);
                Reference.reachabilityFence(info);
            }
        }

        /**
         * The handles to list, each once (a handle listed twice makes {@code CreateProcessW} fail
         * with ERROR_INVALID_PARAMETER on Windows): the standard ones, then the inherited ones.
         */
        static List<Long> listOnce(long[] standard, List<Long> inherited) {
            List<Long> listed = new ArrayList<>();
            for (long h : standard) {
                if (!listed.contains(h)) {
                    listed.add(h);
                }
            }
            for (long h : inherited) {
                if (!listed.contains(h)) {
                    listed.add(h);
                }
            }
            return listed;
        }

        /** This process's standard handle {@code which}, or 0 if it has none or it is not a valid handle. */
        private static long ownStandardHandle(int which) {
            long h = Kernel32.GetStdHandle(which);
            if (h == 0L || h == INVALID_HANDLE_VALUE) {
                return 0L;
            }
            ByteBuffer flags = Win32.scratch(8);
            return Kernel32.GetHandleInformation(h, Win32.address(flags)) != 0 ? h : 0L;
        }

        /** A new handle on the NUL device, read and write, not inheritable (the caller closes it). */
        private static long openNul(String program, String what) throws IpcException {
            long h = Kernel32.CreateFileW(Win32.wide("NUL"), GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE,
                    0L, OPEN_EXISTING, 0, 0L);
            if (h == INVALID_HANDLE_VALUE) {
                throw Win32.lastError("CreateFileW(\"NUL\", GENERIC_READ|GENERIC_WRITE, FILE_SHARE_READ|FILE_SHARE_WRITE, NULL,"
                        + " OPEN_EXISTING, 0, NULL)", program, "opening the NUL device for the child's " + what);
            }
            return h;
        }

        /** What the caller can tell about a failed {@code CreateProcessW}. */
        private static String explain(int error, String program, String dir) {
            if (error == Win32Error.ERROR_FILE_NOT_FOUND.code() || error == Win32Error.ERROR_PATH_NOT_FOUND.code()) {
                return "no program " + program + " (looked up as CreateProcessW does: as given, else in the directory of this"
                        + " process's executable, the current directory, the system directories and this process's PATH,"
                        + " with .exe added if it has no extension)";
            }
            if (error == Win32Error.ERROR_DIRECTORY.code() && dir != null) {
                return "the working directory " + dir + " does not exist or is not a directory";
            }
            return null;
        }

        /** {@code s} as a NUL-terminated UTF-16 string in native memory (NULs inside kept, as a block has them). */
        private static ByteBuffer wide(String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_16LE);
            ByteBuffer b = Win32.scratch(bytes.length + 2);
            b.put(0, bytes);
            return b;
        }

        /** The command line for a message: between brackets as it is (its quotes are its own), cut after 200 characters. */
        private static String abbreviate(String commandLine) {
            return "[" + (commandLine.length() <= 200 ? commandLine : commandLine.substring(0, 200) + "...") + "]";
        }
    }
}
