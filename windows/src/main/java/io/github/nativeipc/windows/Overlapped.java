package io.github.nativeipc.windows;

import static io.github.nativeipc.bindings.windows.Win32Constants.OVERLAPPED_EVENT;
import static io.github.nativeipc.bindings.windows.Win32Constants.OVERLAPPED_SIZE;
import static io.github.nativeipc.bindings.windows.Win32Constants.WAIT_OBJECT_0;
import static io.github.nativeipc.bindings.windows.Win32Constants.WAIT_TIMEOUT;

import io.github.nativeipc.bindings.windows.Kernel32;
import io.github.nativeipc.bindings.windows.Win32Error;
import io.github.nativeipc.error.IpcException;
import java.nio.ByteBuffer;

/**
 * One direction's overlapped I/O state, reused for every call so the hot path allocates nothing:
 * an {@code OVERLAPPED} and a {@code DWORD} for the count in native memory, a manual-reset event,
 * and the pair {event, owner's close event} that waits are made on. One call at a time (the owner
 * serialises); the owner closes {@link #event} when its handle is released.
 */
final class Overlapped {
    static final int OK = 0;
    static final int TIMED_OUT = 1;
    static final int CLOSED = 2;
    static final int FAILED = 3;

    private static final int TRANSFERRED = OVERLAPPED_SIZE;

    private final ByteBuffer memory = Win32.scratch(OVERLAPPED_SIZE + 8);
    private final long address = Win32.address(memory);
    private final ByteBuffer pair = Win32.scratch(16);
    private final long pairAddress = Win32.address(pair);
    final long event;

    /** Bytes the last call moved. */
    int transferred;
    /** The Win32 error of the last call that ended {@link #FAILED}. */
    int error;

    /** The caller's buffers and the staging buffer of this direction. */
    final IoBuffers buffers = new IoBuffers();

    Overlapped(long closeEvent, String what) throws IpcException {
        event = Kernel32.CreateEventW(0L, 1, 0, null);
        if (event == 0L) {
            throw Win32.lastError("CreateEventW(NULL, manual reset, unsignalled, NULL)", what);
        }
        memory.putLong(OVERLAPPED_EVENT, event);
        pair.putLong(0, event).putLong(8, closeEvent);
    }

    /** The {@code OVERLAPPED *} for the next call, zeroed except for its event. */
    long prepare() {
        memory.putLong(0, 0L).putLong(8, 0L).putLong(16, 0L);
        transferred = 0;
        error = 0;
        return address;
    }

    /**
     * Finishes the overlapped call just made on {@code file}: {@code started} is what it returned,
     * {@code callError} the error it left. Waits up to {@code millis} (INFINITE: forever) for the
     * I/O or for the owner's close event; on either of those the I/O is cancelled
     * ({@code CancelIoEx}) and waited for, so the {@code OVERLAPPED} is free again when this returns.
     *
     * @return {@link #OK}, {@link #TIMED_OUT}, {@link #CLOSED} or {@link #FAILED} (then {@link #error});
     *         {@link #transferred} says how many bytes moved in every case
     */
    int finish(long file, boolean started, int callError, int millis) {
        if (!started && callError != Win32Error.ERROR_IO_PENDING.code() && callError != Win32Error.ERROR_MORE_DATA.code()) {
            error = callError;
            return FAILED;
        }
        int stopped = OK;
        if (!started && callError == Win32Error.ERROR_IO_PENDING.code()) {
            int r = Kernel32.WaitForMultipleObjects(2, pairAddress, 0, millis);
            if (r != WAIT_OBJECT_0) {
                stopped = r == WAIT_TIMEOUT ? TIMED_OUT : CLOSED;
                Kernel32.CancelIoEx(file, address);
            }
        }
        boolean ok = Kernel32.GetOverlappedResult(file, address, address + TRANSFERRED, 1) != 0;
        int e = ok ? 0 : Kernel32.lastError();
        transferred = memory.getInt(TRANSFERRED);
        if (ok) {
            return OK;             // done, even if it finished just as it was being cancelled
        }
        if (stopped != OK && e == Win32Error.ERROR_OPERATION_ABORTED.code()) {
            return stopped;
        }
        error = e;
        return FAILED;
    }
}
