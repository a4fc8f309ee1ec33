package io.github.nativeipc;

import io.github.nativeipc.bindings.Platform;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.windows.WindowsSemaphore;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A named counting semaphore, portable: a named POSIX semaphore ({@code sem_open} of
 * {@link IpcName#posixName()}) on Linux and macOS; a named Windows semaphore
 * ({@code CreateSemaphoreW} of {@link IpcName#windowsName()}, maximum {@code INT_MAX}) on Windows.
 * A C process uses the same one: {@code sem_open("/ready", 0)} and {@code sem_post}, or
 * {@code OpenSemaphoreW(..., L"Local\\ready")} and {@code ReleaseSemaphore}.
 *
 * <h2>Waiting</h2>
 * {@link #acquire()} and {@link #tryAcquire(Duration)} can be left by an interrupt (POSIX) and by
 * a {@link #close()} from another thread (both). On Linux {@link #acquire()} is one untimed
 * {@code sem_wait}, woken by the library's {@code nipc-interrupts} thread for an interrupt (within
 * about 50 ms) or a close (at once), and a timed wait is {@code sem_clockwait} on
 * {@code CLOCK_MONOTONIC} in 50 ms slices (see {@link io.github.nativeipc.posix.PosixSemaphore});
 * on Windows {@code WaitForMultipleObjects} on the semaphore and the handle's close event. macOS has no timed semaphore wait at all
 * ({@link Capability#TIMED_SEMAPHORE_WAITS} is missing there): the facade then polls
 * {@code sem_trywait} with a pause growing from 50 µs to 1 ms, which costs up to a millisecond per
 * wake-up; that path is not tested here (no macOS machine in CI).
 *
 * <h2>Lifetime</h2>
 * {@link #close()} releases this handle. A POSIX semaphore lives until {@link #remove()}
 * ({@code sem_unlink}); a Windows semaphore until its last handle closes ({@link #remove()} has
 * nothing to do there).
 *
 * <p>Thread-safe.
 */
public final class NamedSemaphore implements AutoCloseable {
    private static final boolean WINDOWS = Platform.current().os() == Platform.Os.WINDOWS;
    private static final long POLL_MIN_NANOS = 50_000L;
    private static final long POLL_MAX_NANOS = 1_000_000L;

    private final IpcName name;
    private final io.github.nativeipc.posix.NamedSemaphore posix;
    private final WindowsSemaphore windows;

    private NamedSemaphore(IpcName name, io.github.nativeipc.posix.NamedSemaphore posix, WindowsSemaphore windows) {
        this.name = name;
        this.posix = posix;
        this.windows = windows;
    }

    /**
     * Creates {@code name} with value {@code initial}; fails if it exists.
     *
     * @throws io.github.nativeipc.error.AlreadyExistsException if it exists
     */
    public static NamedSemaphore create(IpcName name, int initial) throws IpcException {
        require(name, "NamedSemaphore.create");
        return WINDOWS ? new NamedSemaphore(name, null, WindowsSemaphore.create(name.windowsName(), initial, Integer.MAX_VALUE))
                : new NamedSemaphore(name, io.github.nativeipc.posix.NamedSemaphore.create(name.posixName(), initial), null);
    }

    /**
     * Opens the existing {@code name}.
     *
     * @throws io.github.nativeipc.error.NotFoundException if it does not exist
     */
    public static NamedSemaphore open(IpcName name) throws IpcException {
        require(name, "NamedSemaphore.open");
        return WINDOWS ? new NamedSemaphore(name, null, WindowsSemaphore.open(name.windowsName()))
                : new NamedSemaphore(name, io.github.nativeipc.posix.NamedSemaphore.open(name.posixName()), null);
    }

    /** Opens {@code name}, creating it with value {@code initial} if it does not exist. */
    public static NamedSemaphore openOrCreate(IpcName name, int initial) throws IpcException {
        require(name, "NamedSemaphore.openOrCreate");
        return WINDOWS ? new NamedSemaphore(name, null, WindowsSemaphore.openOrCreate(name.windowsName(), initial, Integer.MAX_VALUE))
                : new NamedSemaphore(name, io.github.nativeipc.posix.NamedSemaphore.openOrCreate(name.posixName(), initial), null);
    }

    /** Removes {@code name} without opening it ({@code sem_unlink}); nothing to do on Windows. */
    public static void remove(IpcName name) throws IpcException {
        require(name, "NamedSemaphore.remove");
        if (!WINDOWS) {
            io.github.nativeipc.posix.NamedSemaphore.unlink(name.posixName());
        }
    }

    private static void require(IpcName name, String operation) throws IpcException {
        Objects.requireNonNull(name, "name");
        Capabilities.current().require(WINDOWS ? Capability.WINDOWS_SEMAPHORES : Capability.POSIX_SEMAPHORES,
                operation + "(" + name + ")", name.toString());
    }

    /** Increments the value, waking one waiter ({@code sem_post}, {@code ReleaseSemaphore}). */
    public void release() throws IpcException {
        if (WINDOWS) {
            windows.release();
        } else {
            posix.post();
        }
    }

    /** Decrements the value, waiting as long as it takes for it to be positive. */
    public void acquire() throws IpcException, InterruptedException {
        if (WINDOWS) {
            windows.acquire();
        } else if (Capabilities.current().has(Capability.TIMED_SEMAPHORE_WAITS)) {
            posix.acquire();
        } else {
            poll(Long.MAX_VALUE);
        }
    }

    /** Decrements the value if it is positive now ({@code sem_trywait}, a zero-timeout wait). */
    public boolean tryAcquire() throws IpcException {
        return WINDOWS ? windows.tryAcquire() : posix.tryAcquire();
    }

    /**
     * Decrements the value, waiting at most {@code timeout} for it to be positive.
     *
     * @return true if decremented, false if the time ran out
     */
    public boolean tryAcquire(Duration timeout) throws IpcException, InterruptedException {
        if (WINDOWS) {
            return windows.tryAcquire(timeout);
        }
        if (Capabilities.current().has(Capability.TIMED_SEMAPHORE_WAITS)) {
            return posix.tryAcquire(timeout);
        }
        return poll(System.nanoTime() + Math.max(0, timeout.toNanos()));
    }

    /** {@code sem_trywait} with a growing pause until {@code deadline}: where the OS has no timed wait. */
    private boolean poll(long deadline) throws IpcException, InterruptedException {
        long pause = POLL_MIN_NANOS;
        for (;;) {
            if (posix.tryAcquire()) {
                return true;
            }
            long left = deadline == Long.MAX_VALUE ? pause : deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(pause, left));
            pause = Math.min(pause * 2, POLL_MAX_NANOS);
        }
    }

    /**
     * The current value ({@code sem_getvalue}); other processes may change it at any moment.
     *
     * @throws io.github.nativeipc.error.NotSupportedException on Windows, whose API cannot read a semaphore's count
     */
    public int value() throws IpcException {
        if (WINDOWS) {
            throw Errors.notSupported("NamedSemaphore.value(" + name + ")", name.toString(),
                    "Windows has no call that reads a semaphore's count without changing it");
        }
        return posix.value();
    }

    /** The portable name. */
    public IpcName name() {
        return name;
    }

    /** Removes the name ({@code sem_unlink}); processes that have it open keep using it. Nothing to do on Windows. */
    public void remove() throws IpcException {
        if (!WINDOWS) {
            posix.unlink();
        }
    }

    /** Releases this handle; waiters in this process are released with {@link io.github.nativeipc.error.ClosedException}. */
    @Override
    public void close() throws IpcException {
        if (WINDOWS) {
            windows.close();
        } else {
            posix.close();
        }
    }

    @Override
    public String toString() {
        return "NamedSemaphore[" + name + " -> " + (WINDOWS ? windows : posix) + "]";
    }
}
