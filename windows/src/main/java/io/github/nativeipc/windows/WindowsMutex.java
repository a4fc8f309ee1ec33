package io.github.nativeipc.windows;

import static io.github.nativeipc.bindings.windows.Win32Constants.INFINITE;
import static io.github.nativeipc.bindings.windows.Win32Constants.MUTEX_MODIFY_STATE;
import static io.github.nativeipc.bindings.windows.Win32Constants.SYNCHRONIZE;

import io.github.nativeipc.bindings.windows.Kernel32;
import io.github.nativeipc.bindings.windows.Win32Error;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.error.OwnerDiedException;
import java.time.Duration;

/**
 * A Windows mutex ({@code CreateMutexW}/{@code OpenMutexW}), named or unnamed. Ownership belongs to
 * the thread that acquired it, is recursive, and is released with {@link #unlock()} by that thread.
 *
 * <h2>Abandonment</h2>
 * If the owning thread or process ends without releasing it, the next wait returns
 * {@code WAIT_ABANDONED}: the waiter owns the mutex, but the data it guards may be half-updated.
 * This class never reports that as a plain success: {@link #lock()} and {@link #tryLock(Duration)}
 * throw {@link OwnerDiedException} (ERROR_ABANDONED_WAIT_0), with the calling thread owning the
 * mutex. Check or repair the shared state, then {@link #unlock()}.
 *
 * <p>Waits answer {@link #close()} from another thread (see {@link WaitableObject}). Thread-safe.
 */
public final class WindowsMutex extends WaitableObject {
    private WindowsMutex(String name, long handle, boolean created) throws IpcException {
        super("mutex", name, handle, created);
    }

    /** Creates mutex {@code name}, not owned ({@code CreateMutexW}); fails if it exists. */
    public static WindowsMutex create(String name) throws IpcException {
        return create(name, true);
    }

    /** Opens mutex {@code name}, creating it (not owned) if it does not exist; see {@link #created()}. */
    public static WindowsMutex openOrCreate(String name) throws IpcException {
        return create(name, false);
    }

    /** A mutex no other process can open by name. */
    public static WindowsMutex createUnnamed() throws IpcException {
        long h = Kernel32.CreateMutexW(0L, 0, null);
        checkCreated(h, true, "CreateMutexW(NULL, FALSE, NULL)", "unnamed mutex");
        return new WindowsMutex(null, h, true);
    }

    /**
     * Opens the existing mutex {@code name} ({@code OpenMutexW(SYNCHRONIZE|MUTEX_MODIFY_STATE)}).
     *
     * @throws io.github.nativeipc.error.NotFoundException if there is none
     */
    public static WindowsMutex open(String name) throws IpcException {
        String op = "OpenMutexW(SYNCHRONIZE|MUTEX_MODIFY_STATE, FALSE, " + name + ")";
        WindowsNames.kernelObject(name, op);
        long h = checkOpened(Kernel32.OpenMutexW(SYNCHRONIZE | MUTEX_MODIFY_STATE, 0, Win32.wide(name)), op, name);
        return new WindowsMutex(name, h, false);
    }

    private static WindowsMutex create(String name, boolean exclusive) throws IpcException {
        String op = "CreateMutexW(NULL, FALSE, " + name + ")";
        WindowsNames.kernelObject(name, op);
        long h = Kernel32.CreateMutexW(0L, 0, Win32.wide(name));
        boolean created = checkCreated(h, exclusive, op, name);
        return new WindowsMutex(name, h, created);
    }

    /**
     * Acquires the mutex, waiting as long as it takes.
     *
     * @throws OwnerDiedException if the previous owner ended without releasing it; this thread
     *                            owns the mutex then
     */
    public void lock() throws IpcException, InterruptedException {
        outcome(await(INFINITE, "WaitForSingleObject(mutex, INFINITE)"), "INFINITE");
    }

    /** Acquires the mutex if it is free now; never blocks. See {@link #lock()} for abandonment. */
    public boolean tryLock() throws IpcException {
        return outcome(poll("WaitForSingleObject(mutex, 0)"), "0");
    }

    /**
     * Acquires the mutex, waiting at most {@code timeout}.
     *
     * @return false if the time ran out (WAIT_TIMEOUT)
     * @throws OwnerDiedException as {@link #lock()}
     */
    public boolean tryLock(Duration timeout) throws IpcException, InterruptedException {
        int ms = Win32.waitMillis(timeout);
        return outcome(await(ms, "WaitForSingleObject(mutex, timeout)"), ms + " ms");
    }

    private boolean outcome(int result, String timeout) throws IpcException {
        if (result == ABANDONED) {
            throw abandoned("WaitForSingleObject(" + describe() + ", " + timeout + ")", describe());
        }
        return result == ACQUIRED;
    }

    static OwnerDiedException abandoned(String operation, String object) {
        return (OwnerDiedException) Errors.fromWin32(Win32Error.ERROR_ABANDONED_WAIT_0.code(), operation, object, null,
                "WAIT_ABANDONED: this thread owns the mutex now; check the state it guards, then unlock()");
    }

    /**
     * Releases one level of ownership ({@code ReleaseMutex}).
     *
     * @throws io.github.nativeipc.error.PermissionDeniedException if this thread does not own it (ERROR_NOT_OWNER)
     */
    public void unlock() throws IpcException {
        enter("ReleaseMutex");
        try {
            if (Kernel32.ReleaseMutex(handle()) == 0) {
                throw Win32.lastError("ReleaseMutex(" + describe() + ")", describe());
            }
        } finally {
            guard.exit();
        }
    }
}
