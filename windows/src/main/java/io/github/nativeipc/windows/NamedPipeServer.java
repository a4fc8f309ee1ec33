package io.github.nativeipc.windows;

import static io.github.nativeipc.bindings.windows.Win32Constants.FILE_FLAG_FIRST_PIPE_INSTANCE;
import static io.github.nativeipc.bindings.windows.Win32Constants.FILE_FLAG_OVERLAPPED;
import static io.github.nativeipc.bindings.windows.Win32Constants.INVALID_HANDLE_VALUE;
import static io.github.nativeipc.bindings.windows.Win32Constants.PIPE_ACCESS_DUPLEX;
import static io.github.nativeipc.bindings.windows.Win32Constants.PIPE_READMODE_MESSAGE;
import static io.github.nativeipc.bindings.windows.Win32Constants.PIPE_REJECT_REMOTE_CLIENTS;
import static io.github.nativeipc.bindings.windows.Win32Constants.PIPE_TYPE_MESSAGE;
import static io.github.nativeipc.bindings.windows.Win32Constants.PIPE_UNLIMITED_INSTANCES;
import static io.github.nativeipc.bindings.windows.Win32Constants.PIPE_WAIT;

import io.github.nativeipc.bindings.windows.Kernel32;
import io.github.nativeipc.bindings.windows.Win32Error;
import io.github.nativeipc.error.AlreadyExistsException;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.channels.AsynchronousCloseException;
import java.time.Duration;
import java.util.Objects;

/**
 * The server of a Windows named pipe ({@code CreateNamedPipeW}): it owns the pipe's name and
 * hands out one connected {@link NamedPipe} instance per client ({@link #accept}).
 *
 * <h2>Secure by default</h2>
 * The first instance is created with {@code FILE_FLAG_FIRST_PIPE_INSTANCE}, so a server cannot
 * squat on (or be joined to) a name another server owns: that is an
 * {@link AlreadyExistsException}. (Wine 8 ignores that flag; a {@code WaitNamedPipeW} check made
 * before the first instance refuses an existing name there too.) Instances refuse remote clients
 * ({@code PIPE_REJECT_REMOTE_CLIENTS}) and carry a DACL granting access to the current user only
 * ({@code D:P(A;;GA;;;<user SID>)}); {@link Options} changes each of these.
 *
 * <h2>Accepting</h2>
 * An instance is always waiting (so clients see "busy", not "not found", between accepts);
 * {@link #accept(Duration)} connects it ({@code ConnectNamedPipe}, overlapped) and creates the
 * next. {@link #close()} from another thread wakes a thread in {@code accept}
 * ({@link AsynchronousCloseException}); connections already accepted stay open. A {@link Cleaner}
 * releases a server that was never closed.
 *
 * <p>Thread-safe: concurrent {@code accept} calls are served one after the other.
 */
public final class NamedPipeServer implements AutoCloseable {

    /**
     * How the server's instances are created. Immutable: each {@code with...} returns a copy.
     * Defaults: at most 255 instances, 64 KiB buffers each way, current-user DACL,
     * first-instance flag, remote clients rejected.
     */
    public static final class Options {
        private final int maxInstances;
        private final int bufferSize;
        private final String securityDescriptor;
        private final boolean rejectRemoteClients;
        private final boolean firstInstance;

        private Options(int maxInstances, int bufferSize, String securityDescriptor, boolean rejectRemoteClients,
                boolean firstInstance) {
            this.maxInstances = maxInstances;
            this.bufferSize = bufferSize;
            this.securityDescriptor = securityDescriptor;
            this.rejectRemoteClients = rejectRemoteClients;
            this.firstInstance = firstInstance;
        }

        public static Options defaults() {
            return new Options(PIPE_UNLIMITED_INSTANCES, 65536, null, true, true);
        }

        /** At most this many simultaneous clients (1 to 254, or 255 for unlimited). */
        public Options withMaxInstances(int n) {
            if (n < 1 || n > PIPE_UNLIMITED_INSTANCES) {
                throw new IllegalArgumentException("instances: 1 to 255, got " + n);
            }
            return new Options(n, bufferSize, securityDescriptor, rejectRemoteClients, firstInstance);
        }

        /** The in and out buffer size each instance asks for. */
        public Options withBufferSize(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("buffer size must not be negative: " + bytes);
            }
            return new Options(maxInstances, bytes, securityDescriptor, rejectRemoteClients, firstInstance);
        }

        /** A security descriptor in SDDL instead of the current-user-only DACL, e.g. {@code D:P(A;;GA;;;WD)}. */
        public Options withSecurityDescriptor(String sddl) {
            return new Options(maxInstances, bufferSize, Objects.requireNonNull(sddl), rejectRemoteClients, firstInstance);
        }

        /** Whether remote clients are refused ({@code PIPE_REJECT_REMOTE_CLIENTS}); default true. */
        public Options withRejectRemoteClients(boolean reject) {
            return new Options(maxInstances, bufferSize, securityDescriptor, reject, firstInstance);
        }

        /**
         * Whether the server must be the name's first ({@code FILE_FLAG_FIRST_PIPE_INSTANCE});
         * default true. False lets this server add instances to a pipe another server created.
         */
        public Options withFirstInstance(boolean first) {
            return new Options(maxInstances, bufferSize, securityDescriptor, rejectRemoteClients, first);
        }
    }

    private static final Cleaner CLEANER = Cleaner.create();

    private final String name;
    private final PipeMode mode;
    private final Options options;
    private final PipeSecurity security;
    /** What close() or the Cleaner releases; its {@code pending} is guarded by {@code this}. */
    private final Resources resources;
    private final Cleaner.Cleanable cleanable;
    private volatile boolean closed;

    private NamedPipeServer(String name, PipeMode mode, Options options, PipeSecurity security) throws IpcException {
        this.name = name;
        this.mode = mode;
        this.options = options;
        this.security = security;
        long closeEvent = Kernel32.CreateEventW(0L, 1, 0, null);
        if (closeEvent == 0L) {
            throw Win32.lastError("CreateEventW(NULL, manual reset, unsignalled, NULL)", name);
        }
        this.resources = new Resources(closeEvent, security);
        this.cleanable = CLEANER.register(this, resources);
    }

    /** The server's native state: the waiting instance, the close event, the security descriptor. */
    private static final class Resources implements Runnable {
        final long closeEvent;
        final PipeSecurity security;
        Pending pending;

        Resources(long closeEvent, PipeSecurity security) {
            this.closeEvent = closeEvent;
            this.security = security;
        }

        @Override
        public void run() {
            if (pending != null) {
                pending.close();
                pending = null;
            }
            Kernel32.CloseHandle(closeEvent);
            security.free();
        }
    }

    /** An instance waiting for a client, with its overlapped state. */
    private static final class Pending {
        final long handle;
        final Overlapped io;

        Pending(long handle, long closeEvent, String name) throws IpcException {
            this.handle = handle;
            this.io = new Overlapped(closeEvent, name);
        }

        void close() {
            Kernel32.CloseHandle(handle);
            Kernel32.CloseHandle(io.event);
        }
    }

    /** {@link #create(String, PipeMode, Options)} with {@link Options#defaults()}. */
    public static NamedPipeServer create(String name, PipeMode mode) throws IpcException {
        return create(name, mode, Options.defaults());
    }

    /**
     * Creates the pipe {@code \\.\pipe\NAME} and its first instance.
     *
     * @throws AlreadyExistsException if a pipe of that name exists and the first-instance flag is
     *                                set (the OS says ERROR_ACCESS_DENIED)
     * @throws io.github.nativeipc.error.InvalidArgumentException for a bad name or SDDL
     */
    public static NamedPipeServer create(String name, PipeMode mode, Options options) throws IpcException {
        WindowsNames.pipe(name, "CreateNamedPipeW");
        String sddl = options.securityDescriptor != null ? options.securityDescriptor : PipeSecurity.currentUserOnly();
        PipeSecurity security = new PipeSecurity(sddl, name);
        NamedPipeServer server;
        try {
            server = new NamedPipeServer(name, mode, options, security);
        } catch (IpcException e) {
            security.free();
            throw e;
        }
        try {
            server.resources.pending = server.newInstance(options.firstInstance);
        } catch (IpcException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public String name() {
        return name;
    }

    public PipeMode mode() {
        return mode;
    }

    /** The SDDL of the instances' security descriptor. */
    public String securityDescriptor() {
        return security.sddl;
    }

    private Pending newInstance(boolean first) throws IpcException {
        if (first) {
            refuseExistingName();
        }
        int openMode = PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED | (first ? FILE_FLAG_FIRST_PIPE_INSTANCE : 0);
        int pipeMode = (mode == PipeMode.MESSAGE ? PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE : 0) | PIPE_WAIT
                | (options.rejectRemoteClients ? PIPE_REJECT_REMOTE_CLIENTS : 0);
        long h = Kernel32.CreateNamedPipeW(Win32.wide(name), openMode, pipeMode, options.maxInstances,
                options.bufferSize, options.bufferSize, 0, security.address());
        if (h == INVALID_HANDLE_VALUE) {
            int e = Kernel32.lastError();
            String op = "CreateNamedPipeW(" + name + ", PIPE_ACCESS_DUPLEX|FILE_FLAG_OVERLAPPED"
                    + (first ? "|FILE_FLAG_FIRST_PIPE_INSTANCE" : "") + ", " + (mode == PipeMode.MESSAGE
                    ? "PIPE_TYPE_MESSAGE|PIPE_READMODE_MESSAGE" : "PIPE_TYPE_BYTE") + (options.rejectRemoteClients
                    ? "|PIPE_REJECT_REMOTE_CLIENTS" : "") + ", " + options.maxInstances + ", ...)";
            if (first && e == Win32Error.ERROR_ACCESS_DENIED.code()) {
                throw new AlreadyExistsException(op, name, e, Win32Error.ERROR_ACCESS_DENIED.name(),
                        Win32Error.ERROR_ACCESS_DENIED.message(),
                        "a pipe of this name exists; FILE_FLAG_FIRST_PIPE_INSTANCE refuses to join it");
            }
            if (e == Win32Error.ERROR_PIPE_BUSY.code()) {
                throw Win32.error(e, op, name, "all " + options.maxInstances + " instances are in use");
            }
            throw Win32.error(e, op, name, null);
        }
        try {
            return new Pending(h, resources.closeEvent, name);
        } catch (IpcException e) {
            Kernel32.CloseHandle(h);
            throw e;
        }
    }

    /**
     * Refuses a name some pipe already has, before the first instance: {@code WaitNamedPipeW(name, 1)}
     * fails with ERROR_FILE_NOT_FOUND only if no pipe of that name exists. On Windows
     * {@code FILE_FLAG_FIRST_PIPE_INSTANCE} closes the race this check leaves; Wine 8 ignores the
     * flag (a second first instance succeeds there), so this check is what refuses it under Wine.
     */
    private void refuseExistingName() throws IpcException {
        boolean found = Kernel32.WaitNamedPipeW(Win32.wide(name), 1) != 0;
        int e = found ? 0 : Kernel32.lastError();
        if (found || e != Win32Error.ERROR_FILE_NOT_FOUND.code()) {
            throw new AlreadyExistsException("WaitNamedPipeW(" + name + ", 1)", name, IpcException.NO_ERRNO, null,
                    "a pipe of this name exists (WaitNamedPipeW said " + (found ? "an instance is free" : Win32Error.nameOf(e))
                    + "); a server with FILE_FLAG_FIRST_PIPE_INSTANCE does not join it");
        }
    }

    /** Waits for a client as long as it takes. See {@link #accept(Duration)}. */
    public NamedPipe accept() throws IOException {
        return accept(null);
    }

    /**
     * Waits for a client to connect to the waiting instance ({@code ConnectNamedPipe} overlapped,
     * then {@code WaitForMultipleObjects} on it and on this server's close), and returns that
     * instance as a {@link NamedPipe}; the next instance is created at once.
     *
     * @param timeout {@code null} waits forever; zero only takes a client already there
     * @throws io.github.nativeipc.error.WouldBlockException if no client came in time (the
     *         instance keeps waiting for the next call)
     * @throws AsynchronousCloseException if another thread closed the server meanwhile
     */
    public synchronized NamedPipe accept(Duration timeout) throws IOException {
        if (closed) {
            throw Errors.closed("ConnectNamedPipe", name);
        }
        if (resources.pending == null) {
            resources.pending = newInstance(false);
        }
        Pending p = resources.pending;
        long ovl = p.io.prepare();
        boolean connected = Kernel32.ConnectNamedPipe(p.handle, ovl) != 0;
        int e = connected ? 0 : Kernel32.lastError();
        if (e == Win32Error.ERROR_NO_DATA.code()) {
            // a client came and went before this call: free the instance and listen again
            Kernel32.DisconnectNamedPipe(p.handle);
            ovl = p.io.prepare();
            connected = Kernel32.ConnectNamedPipe(p.handle, ovl) != 0;
            e = connected ? 0 : Kernel32.lastError();
        }
        if (!connected && e != Win32Error.ERROR_PIPE_CONNECTED.code()) {
            int outcome = e == Win32Error.ERROR_IO_PENDING.code() ? p.io.finish(p.handle, false, e, Win32.waitMillis(timeout))
                    : failed(p, e);
            if (outcome == Overlapped.TIMED_OUT) {
                throw Errors.timedOut("ConnectNamedPipe(" + name + ")", name, "no client connected within "
                        + (timeout == null ? "forever" : timeout.toMillis() + " ms"));
            }
            if (outcome == Overlapped.CLOSED) {
                throw new AsynchronousCloseException();
            }
            if (outcome == Overlapped.FAILED) {
                throw Win32.error(p.io.error, "ConnectNamedPipe(" + name + ")", name, null);
            }
        }
        resources.pending = null;
        Kernel32.CloseHandle(p.io.event);
        NamedPipe pipe = new NamedPipe(name, p.handle, mode, true);
        try {
            resources.pending = newInstance(false);
        } catch (IpcException busy) {
            // at the instance limit: the next accept makes one once a connection is closed
        }
        return pipe;
    }

    private static int failed(Pending p, int error) {
        p.io.error = error;
        return Overlapped.FAILED;
    }

    /**
     * Closes the waiting instance and wakes a thread in {@link #accept}. Connections already
     * accepted are not affected. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Kernel32.SetEvent(resources.closeEvent);   // wakes accept, which leaves the monitor
        synchronized (this) {
            cleanable.clean();
        }
    }

    @Override
    public String toString() {
        return "NamedPipeServer[" + name + ", " + mode + (closed ? ", closed" : "") + "]";
    }
}
