package io.github.nativeipc.windows;

import static io.github.nativeipc.bindings.windows.Win32Constants.INFINITE;
import static io.github.nativeipc.bindings.windows.Win32Constants.SEMAPHORE_MODIFY_STATE;
import static io.github.nativeipc.bindings.windows.Win32Constants.SYNCHRONIZE;

import io.github.nativeipc.bindings.windows.Kernel32;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import java.time.Duration;

/**
 * A Windows semaphore ({@code CreateSemaphoreW}/{@code OpenSemaphoreW}), named ({@code Local\...},
 * {@code Global\...}) so that other processes open the same one, or unnamed.
 *
 * <p>A C peer uses the same object with {@code OpenSemaphoreW(SYNCHRONIZE|SEMAPHORE_MODIFY_STATE,
 * FALSE, L"Local\\x")}, {@code ReleaseSemaphore} and {@code WaitForSingleObject}. Waits answer
 * {@link #close()} from another thread (see {@link WaitableObject}). Thread-safe.
 */
public final class WindowsSemaphore extends WaitableObject {
    private final int maximum;

    private WindowsSemaphore(String name, long handle, boolean created, int maximum) throws IpcException {
        super("semaphore", name, handle, created);
        this.maximum = maximum;
    }

    /**
     * Creates semaphore {@code name} with {@code initial} permits and at most {@code maximum}
     * ({@code CreateSemaphoreW}); fails if it exists.
     *
     * @throws io.github.nativeipc.error.AlreadyExistsException if it exists (ERROR_ALREADY_EXISTS)
     * @throws io.github.nativeipc.error.InvalidArgumentException for a bad name or counts
     */
    public static WindowsSemaphore create(String name, int initial, int maximum) throws IpcException {
        return create(name, initial, maximum, true);
    }

    /** Opens semaphore {@code name}, creating it with the counts given if it does not exist; see {@link #created()}. */
    public static WindowsSemaphore openOrCreate(String name, int initial, int maximum) throws IpcException {
        return create(name, initial, maximum, false);
    }

    /** A semaphore no other process can open by name (handles can still be duplicated). */
    public static WindowsSemaphore createUnnamed(int initial, int maximum) throws IpcException {
        String op = "CreateSemaphoreW(NULL, " + initial + ", " + maximum + ", NULL)";
        checkCounts(initial, maximum, op, "unnamed semaphore");
        long h = Kernel32.CreateSemaphoreW(0L, initial, maximum, null);
        checkCreated(h, true, op, "unnamed semaphore");
        return new WindowsSemaphore(null, h, true, maximum);
    }

    /**
     * Opens the existing semaphore {@code name} ({@code OpenSemaphoreW(SYNCHRONIZE|SEMAPHORE_MODIFY_STATE)}).
     *
     * @throws io.github.nativeipc.error.NotFoundException if there is none (ERROR_FILE_NOT_FOUND)
     */
    public static WindowsSemaphore open(String name) throws IpcException {
        String op = "OpenSemaphoreW(SYNCHRONIZE|SEMAPHORE_MODIFY_STATE, FALSE, " + name + ")";
        WindowsNames.kernelObject(name, op);
        long h = checkOpened(Kernel32.OpenSemaphoreW(SYNCHRONIZE | SEMAPHORE_MODIFY_STATE, 0, Win32.wide(name)), op, name);
        return new WindowsSemaphore(name, h, false, -1);
    }

    private static WindowsSemaphore create(String name, int initial, int maximum, boolean exclusive) throws IpcException {
        String op = "CreateSemaphoreW(NULL, " + initial + ", " + maximum + ", " + name + ")";
        WindowsNames.kernelObject(name, op);
        checkCounts(initial, maximum, op, name);
        long h = Kernel32.CreateSemaphoreW(0L, initial, maximum, Win32.wide(name));
        boolean created = checkCreated(h, exclusive, op, name);
        return new WindowsSemaphore(name, h, created, maximum);
    }

    private static void checkCounts(int initial, int maximum, String op, String name) throws IpcException {
        if (maximum <= 0 || initial < 0 || initial > maximum) {
            throw Errors.invalidArgument(op, name, "need 0 <= initial <= maximum and maximum > 0");
        }
    }

    /**
     * The maximum count given at creation, or -1 if this process opened an existing semaphore
     * (Windows does not tell).
     */
    public int maximum() {
        return maximum;
    }

    /** Adds one permit ({@code ReleaseSemaphore(h, 1, NULL)}); never blocks; allocates nothing. */
    public void release() throws IpcException {
        release(1);
    }

    /**
     * Adds {@code permits} ({@code ReleaseSemaphore}).
     *
     * @throws io.github.nativeipc.error.LimitReachedException if that would pass the maximum
     *                                                         (ERROR_TOO_MANY_POSTS); nothing is added then
     */
    public void release(int permits) throws IpcException {
        enter("ReleaseSemaphore");
        try {
            if (Kernel32.ReleaseSemaphore(handle(), permits, 0L) == 0) {
                throw Win32.lastError("ReleaseSemaphore(" + describe() + ", " + permits + ", NULL)", describe(),
                        maximum > 0 ? "the maximum count is " + maximum : null);
            }
        } finally {
            guard.exit();
        }
    }

    /** Takes a permit, waiting as long as it takes ({@code WaitForMultipleObjects}, INFINITE). */
    public void acquire() throws IpcException, InterruptedException {
        await(INFINITE, "WaitForSingleObject(semaphore, INFINITE)");
    }

    /** Takes a permit if one is there now; never blocks. */
    public boolean tryAcquire() throws IpcException {
        return poll("WaitForSingleObject(semaphore, 0)") == ACQUIRED;
    }

    /**
     * Takes a permit, waiting at most {@code timeout}.
     *
     * @return false if the time ran out (WAIT_TIMEOUT)
     * @throws io.github.nativeipc.error.ClosedException if this object is closed meanwhile
     */
    public boolean tryAcquire(Duration timeout) throws IpcException, InterruptedException {
        return await(Win32.waitMillis(timeout), "WaitForSingleObject(semaphore, timeout)") == ACQUIRED;
    }
}
