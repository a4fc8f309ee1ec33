package io.github.nativeipc.posix;

import static io.github.nativeipc.bindings.PosixConstants.POLLIN;

import io.github.nativeipc.bindings.Errno;
import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.bindings.Platform;
import io.github.nativeipc.bindings.PosixConstants;
import io.github.nativeipc.error.ClosedException;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.handle.HandleGuard;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A process descriptor ({@code pidfd_open}, Linux 5.3+): a handle on one process that stays bound to
 * it even after it exits and its pid is reused, so signals sent through it
 * ({@code pidfd_send_signal}) can never hit a stranger, and its exit can be waited for with
 * {@code poll} (the descriptor becomes readable when the process ends) — for any process, not only
 * children.
 *
 * <p>Ownership: {@link #close()} closes the descriptor; it never signals or reaps the process.
 * Thread-safe. Where the kernel lacks pidfds, {@link #open} throws
 * {@link io.github.nativeipc.error.NotSupportedException} and {@link #isSupported()} is false.
 */
public final class PidFd implements AutoCloseable, DescriptorOwner {
    private static final LibC C = Native.libc();
    private static final boolean WRAPPERS = Native.hasSymbol("pidfd_open") && Native.hasSymbol("pidfd_send_signal");
    private static final int EINTR = Errno.EINTR.value();

    private final long pid;
    private final int fd;
    private final HandleGuard guard;
    private final Cleaner.Cleanable cleanable;
    /** Whether the poll thread was ever given this descriptor (then close() must wake it to let go). */
    private volatile boolean polled;

    private PidFd(long pid, int fd) {
        this.pid = pid;
        this.fd = fd;
        this.guard = new HandleGuard(() -> C.close(fd));
        this.cleanable = Syscalls.CLEANER.register(this, guard::close);
    }

    /** Whether this kernel has {@code pidfd_open} (probed once, on this process). */
    public static boolean isSupported() {
        return Probe.SUPPORTED;
    }

    private static final class Probe {
        static final boolean SUPPORTED = probe();

        private static boolean probe() {
            if (!Platform.current().isLinux()) {
                return false;
            }
            int fd = rawOpen(C.getpid());
            if (fd >= 0) {
                C.close(fd);
                return true;
            }
            return false;
        }
    }

    private static int rawOpen(long pid) {
        return WRAPPERS ? C.pidfd_open((int) pid, 0) : (int) C.syscall(PosixConstants.SYS_pidfd_open, pid, 0, 0, 0);
    }

    /**
     * Opens a descriptor on process {@code pid}: {@code pidfd_open(pid, 0)}. For a child of this
     * process there is no race as long as it has not been reaped; for another process the pid is
     * taken as it is now.
     *
     * @throws io.github.nativeipc.error.NotFoundException if no such process exists ({@code ESRCH})
     * @throws io.github.nativeipc.error.NotSupportedException before Linux 5.3 ({@code ENOSYS}) or off Linux
     * @throws io.github.nativeipc.error.InvalidArgumentException for a pid that is not positive
     */
    public static PidFd open(long pid) throws IpcException {
        String call = "pidfd_open(" + pid + ", 0)";
        if (pid <= 0 || pid > Integer.MAX_VALUE) {
            throw Errors.invalidArgument(call, "pid " + pid, "a pid is a positive int");
        }
        if (!Platform.current().isLinux()) {
            throw Errors.notSupported(call, "pid " + pid, "pidfd is Linux only (5.3+)");
        }
        int fd = rawOpen(pid);
        if (fd < 0) {
            throw Syscalls.error(call, "pid " + pid);
        }
        return new PidFd(pid, fd);
    }

    /** Whether this descriptor is still open. */
    public boolean isOpen() {
        return !guard.isClosed();
    }

    /** The pid this descriptor was opened on. */
    public long pid() {
        return pid;
    }

    /** Sends {@code signal} through the descriptor (see {@link #sendSignal(int)}). */
    public void sendSignal(AnySignal signal) throws IpcException {
        sendSignal(signal.number());
    }

    /**
     * Sends signal number {@code signal} (0: only check that the process exists and may be
     * signalled): {@code pidfd_send_signal(fd, signal, NULL, 0)}.
     *
     * @throws io.github.nativeipc.error.NotFoundException if the process has exited ({@code ESRCH})
     * @throws io.github.nativeipc.error.PermissionDeniedException if this process may not signal it
     * @throws io.github.nativeipc.error.InvalidArgumentException for a signal number that does not exist
     */
    public void sendSignal(int signal) throws IpcException {
        enter("pidfd_send_signal");
        try {
            int r = WRAPPERS ? C.pidfd_send_signal(fd, signal, 0L, 0)
                    : (int) C.syscall(PosixConstants.SYS_pidfd_send_signal, fd, signal, 0, 0);
            if (r != 0) {
                throw Syscalls.error("pidfd_send_signal(" + fd + ", " + signal + ", NULL, 0)", "pid " + pid);
            }
        } finally {
            guard.exit();
        }
    }

    /**
     * Waits until the process has exited ({@code poll} for {@code POLLIN}, in slices so that an
     * interrupt is answered), at most {@code timeout}; zero only looks.
     *
     * @return whether it has exited
     * @throws InterruptedException if this thread is interrupted while waiting
     * @throws ClosedException if this descriptor is closed
     */
    public boolean awaitExit(Duration timeout) throws IpcException, InterruptedException {
        long deadline = System.nanoTime() + Timeouts.nanos(timeout);
        enter("poll");
        try {
            return Poll.await(fd, POLLIN, deadline, "pid " + pid, guard) != 0;
        } finally {
            guard.exit();
        }
    }

    /** Whether the process has exited (a {@code poll} that does not wait). */
    public boolean hasExited() throws IpcException {
        try {
            return awaitExit(Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Completes when the process exits, on the library's poll thread ({@code nipc-poller}); fails
     * with {@link ClosedException} if this descriptor is closed first.
     */
    public CompletableFuture<Void> onExit() {
        polled = true;
        return DescriptorPoller.get().whenReadable(fd, guard, "pid " + pid);
    }

    /** Closes the descriptor; the process is not affected. Idempotent. */
    @Override
    public void close() {
        if (guard.close()) {
            cleanable.clean();
            if (polled) {
                DescriptorPoller.get().wake();
            }
        }
    }

    @Override
    public int acquireDescriptor() throws ClosedException {
        guard.enterOrThrow("acquireDescriptor", "pid " + pid);
        return fd;
    }

    @Override
    public void releaseDescriptor() {
        guard.exit();
    }

    @Override
    public String describe() {
        return "pidfd of pid " + pid;
    }

    @Override
    public String toString() {
        return "PidFd[" + pid + (guard.isClosed() ? ", closed" : "") + "]";
    }

    private void enter(String call) throws ClosedException {
        if (!guard.enter()) {
            throw Errors.closed(call, "pid " + pid);
        }
    }
}
