package io.github.nativeipc.windows;

import static io.github.nativeipc.bindings.windows.Win32Constants.FILE_FLAG_OVERLAPPED;
import static io.github.nativeipc.bindings.windows.Win32Constants.GENERIC_READ;
import static io.github.nativeipc.bindings.windows.Win32Constants.GENERIC_WRITE;
import static io.github.nativeipc.bindings.windows.Win32Constants.INVALID_HANDLE_VALUE;
import static io.github.nativeipc.bindings.windows.Win32Constants.OPEN_EXISTING;
import static io.github.nativeipc.bindings.windows.Win32Constants.PIPE_READMODE_MESSAGE;
import static io.github.nativeipc.bindings.windows.Win32Constants.SECURITY_IDENTIFICATION;
import static io.github.nativeipc.bindings.windows.Win32Constants.SECURITY_SQOS_PRESENT;

import io.github.nativeipc.bindings.windows.Kernel32;
import io.github.nativeipc.bindings.windows.Win32Error;
import io.github.nativeipc.error.IpcException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Connects to a Windows named pipe as a client: {@code CreateFileW} on {@code \\.\pipe\NAME}
 * (overlapped, and letting the server identify but not impersonate this process:
 * {@code SECURITY_SQOS_PRESENT|SECURITY_IDENTIFICATION}), waiting while every instance is busy
 * ({@code WaitNamedPipeW}) or no server exists yet, up to the timeout. Stateless; thread-safe.
 */
public final class NamedPipeClient {
    private NamedPipeClient() {}

    /** How long to sleep between looks for a server that does not exist yet. */
    private static final long RETRY_MILLIS = 10;

    /** Connects, waiting as long as it takes for a server and a free instance. */
    public static NamedPipe connect(String name, PipeMode mode) throws IpcException, InterruptedIOException {
        return connect(name, mode, null);
    }

    /**
     * Connects to pipe {@code name}, reading in {@code mode} ({@code SetNamedPipeHandleState} with
     * {@code PIPE_READMODE_MESSAGE} for messages), waiting at most {@code timeout} for a server to
     * exist and for one of its instances to be free.
     *
     * @param timeout {@code null} waits forever; zero tries once
     * @throws io.github.nativeipc.error.NotFoundException   no server appeared in time (ERROR_FILE_NOT_FOUND)
     * @throws io.github.nativeipc.error.WouldBlockException every instance stayed busy (ERROR_PIPE_BUSY)
     * @throws io.github.nativeipc.error.PermissionDeniedException the pipe's DACL refuses this user
     * @throws InterruptedIOException if the thread was interrupted while waiting (its flag stays set)
     */
    public static NamedPipe connect(String name, PipeMode mode, Duration timeout) throws IpcException, InterruptedIOException {
        String op = "CreateFileW(" + name + ", GENERIC_READ|GENERIC_WRITE, 0, NULL, OPEN_EXISTING, "
                + "FILE_FLAG_OVERLAPPED|SECURITY_SQOS_PRESENT|SECURITY_IDENTIFICATION)";
        WindowsNames.pipe(name, op);
        long deadline = timeout == null ? Long.MAX_VALUE : Win32.deadline(timeout);
        long h;
        for (;;) {
            h = Kernel32.CreateFileW(Win32.wide(name), GENERIC_READ | GENERIC_WRITE, 0, 0L, OPEN_EXISTING,
                    FILE_FLAG_OVERLAPPED | SECURITY_SQOS_PRESENT | SECURITY_IDENTIFICATION, 0L);
            if (h != INVALID_HANDLE_VALUE) {
                break;
            }
            int e = Kernel32.lastError();
            boolean busy = e == Win32Error.ERROR_PIPE_BUSY.code();
            if (!busy && e != Win32Error.ERROR_FILE_NOT_FOUND.code()) {
                throw Win32.error(e, op, name, null);
            }
            int left = timeout == null ? 1000 : Win32.millisUntil(deadline);
            if (left == 0) {
                throw Win32.error(e, op, name, (busy ? "every instance stayed busy" : "no server created the pipe")
                        + " within " + timeout.toMillis() + " ms");
            }
            if (busy) {
                Kernel32.WaitNamedPipeW(Win32.wide(name), left);   // returns when an instance is free, or on timeout
            } else {
                try {
                    Thread.sleep(Math.min(RETRY_MILLIS, left));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for a server of " + name);
                }
            }
        }
        if (mode == PipeMode.MESSAGE) {
            ByteBuffer m = Win32.scratch(4).putInt(0, PIPE_READMODE_MESSAGE);
            if (Kernel32.SetNamedPipeHandleState(h, Win32.address(m), 0L, 0L) == 0) {
                IpcException e = Win32.lastError("SetNamedPipeHandleState(" + name + ", PIPE_READMODE_MESSAGE)", name,
                        "a byte-mode pipe cannot be read as messages");
                Kernel32.CloseHandle(h);
                throw e;
            }
        }
        return new NamedPipe(name, h, mode, false);
    }
}
