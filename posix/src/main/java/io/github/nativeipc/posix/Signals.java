package io.github.nativeipc.posix;

import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.bindings.Platform;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import java.util.Objects;

/**
 * Sending signals: {@code kill} to a process or a process group, and {@code sigqueue} with a value
 * the receiver reads from its {@code siginfo_t} ({@code si_value.sival_int}, with
 * {@code si_code == SI_QUEUE}). A pid names a process only until it exits and the number is
 * reused; for your own children {@link ChildProcess#sendSignal}, and for any process a
 * {@link PidFd}, are free of that race. Thread-safe (stateless).
 */
public final class Signals {
    private Signals() {}

    private static final LibC C = Native.libc();

    /**
     * Sends {@code signal} to process {@code pid}: {@code kill(pid, sig)}.
     *
     * @throws io.github.nativeipc.error.NotFoundException if no such process exists ({@code ESRCH})
     * @throws io.github.nativeipc.error.PermissionDeniedException if this process may not signal it ({@code EPERM})
     * @throws io.github.nativeipc.error.InvalidArgumentException for a pid that is not positive (0 and
     *         negative numbers name process groups: use {@link #sendToGroup})
     */
    public static void send(long pid, AnySignal signal) throws IpcException {
        Objects.requireNonNull(signal, "signal");
        String call = "kill(" + pid + ", " + signal.signalName() + ")";
        checkPid(pid, call);
        if (C.kill((int) pid, signal.number()) != 0) {
            throw Syscalls.error(call, "pid " + pid);
        }
    }

    /** As {@link #send(long, AnySignal)} for the process {@code process} stands for. */
    public static void send(ProcessHandle process, AnySignal signal) throws IpcException {
        send(process.pid(), signal);
    }

    /**
     * Sends {@code signal} to every process of process group {@code pgid}: {@code kill(-pgid, sig)}.
     *
     * @throws io.github.nativeipc.error.NotFoundException if the group has no process ({@code ESRCH})
     * @throws io.github.nativeipc.error.PermissionDeniedException if this process may signal none of them
     */
    public static void sendToGroup(long pgid, AnySignal signal) throws IpcException {
        Objects.requireNonNull(signal, "signal");
        String call = "kill(-" + pgid + ", " + signal.signalName() + ")";
        checkPid(pgid, call);
        if (C.kill((int) -pgid, signal.number()) != 0) {
            throw Syscalls.error(call, "process group " + pgid);
        }
    }

    /**
     * Whether process {@code pid} exists: {@code kill(pid, 0)}, which checks without sending. A
     * process this one may not signal exists too ({@code EPERM}).
     */
    public static boolean exists(long pid) throws IpcException {
        String call = "kill(" + pid + ", 0)";
        checkPid(pid, call);
        if (C.kill((int) pid, 0) == 0) {
            return true;
        }
        int errno = Native.errno();
        if (errno == io.github.nativeipc.bindings.Errno.ESRCH.value()) {
            return false;
        }
        if (errno == io.github.nativeipc.bindings.Errno.EPERM.value()) {
            return true;
        }
        throw Errors.fromErrno(errno, call, "pid " + pid);
    }

    /**
     * Queues {@code signal} with {@code value} for process {@code pid}: {@code sigqueue(pid, sig,
     * (union sigval) { .sival_int = value })}. Real-time signals queue (each one sent is received);
     * a standard signal already pending is not queued twice.
     *
     * @throws io.github.nativeipc.error.WouldBlockException if the receiver's queue of pending
     *         signals is full ({@code EAGAIN}, {@code RLIMIT_SIGPENDING})
     * @throws io.github.nativeipc.error.NotSupportedException on macOS, which has no {@code sigqueue}
     */
    public static void queue(long pid, AnySignal signal, int value) throws IpcException {
        Objects.requireNonNull(signal, "signal");
        String call = "sigqueue(" + pid + ", " + signal.signalName() + ", " + value + ")";
        if (Platform.current().isDarwin()) {
            throw Errors.notSupported(call, "pid " + pid, "macOS has no sigqueue");
        }
        checkPid(pid, call);
        if (C.sigqueue((int) pid, signal.number(), value & 0xffffffffL) != 0) {
            throw Syscalls.error(call, "pid " + pid, Native.errno() == io.github.nativeipc.bindings.Errno.EAGAIN.value()
                    ? "the receiver has RLIMIT_SIGPENDING signals pending already (ulimit -i)" : null);
        }
    }

    private static void checkPid(long pid, String call) throws IpcException {
        if (pid <= 0 || pid > Integer.MAX_VALUE) {
            throw Errors.invalidArgument(call, "pid " + pid, "a pid is a positive int (0 and negative numbers name process groups)");
        }
    }
}
