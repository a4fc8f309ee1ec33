package io.github.nativeipc;

import io.github.nativeipc.error.IpcException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A named counting semaphore, portable: a named POSIX semaphore ({@code sem_open} of
 * {@link IpcName#posixName()}) on Linux and macOS. A C process uses the same one with
 * {@code sem_open("/ready", 0)}, {@code sem_post}, {@code sem_wait}.
 *
 * <h2>Waiting</h2>
 * {@link #acquire()} and {@link #tryAcquire(Duration)} wait in slices of at most 50 ms, so an
 * interrupt, or a {@link #close()} from another thread, is answered within one. On Linux a slice
 * is {@code sem_clockwait} on {@code CLOCK_MONOTONIC}. macOS has no timed semaphore wait at all
 * ({@link Capability#TIMED_SEMAPHORE_WAITS} is missing there): the facade then polls
 * {@code sem_trywait} with a pause growing from 50 µs to 1 ms. That costs up to a millisecond of
 * latency per wake-up, and it is not tested here (no macOS machine in CI).
 *
 * <h2>Lifetime</h2>
 * {@link #close()} releases this handle; the semaphore lives until {@link #remove()}
 * ({@code sem_unlink}). New semaphores get mode {@code 0600}.
 *
 * <p>Thread-safe.
 */
public final class NamedSemaphore implements AutoCloseable {
    private static final long POLL_MIN_NANOS = 50_000L;
    private static final long POLL_MAX_NANOS = 1_000_000L;

    private final IpcName name;
    private final io.github.nativeipc.posix.NamedSemaphore posix;

    private NamedSemaphore(IpcName name, io.github.nativeipc.posix.NamedSemaphore posix) {
        this.name = name;
        this.posix = posix;
    }

    /**
     * Creates {@code name} with value {@code initial}; fails if it exists.
     *
     * @throws io.github.nativeipc.error.AlreadyExistsException if it exists
     */
    public static NamedSemaphore create(IpcName name, int initial) throws IpcException {
        require(name, "NamedSemaphore.create");
        return new NamedSemaphore(name, io.github.nativeipc.posix.NamedSemaphore.create(name.posixName(), initial));
    }

    /**
     * Opens the existing {@code name}.
     *
     * @throws io.github.nativeipc.error.NotFoundException if it does not exist
     */
    public static NamedSemaphore open(IpcName name) throws IpcException {
        require(name, "NamedSemaphore.open");
        return new NamedSemaphore(name, io.github.nativeipc.posix.NamedSemaphore.open(name.posixName()));
    }

    /** Opens {@code name}, creating it with value {@code initial} if it does not exist. */
    public static NamedSemaphore openOrCreate(IpcName name, int initial) throws IpcException {
        require(name, "NamedSemaphore.openOrCreate");
        return new NamedSemaphore(name, io.github.nativeipc.posix.NamedSemaphore.openOrCreate(name.posixName(), initial));
    }

    /** Removes {@code name} without opening it ({@code sem_unlink}). */
    public static void remove(IpcName name) throws IpcException {
        require(name, "NamedSemaphore.remove");
        io.github.nativeipc.posix.NamedSemaphore.unlink(name.posixName());
    }

    private static void require(IpcName name, String operation) throws IpcException {
        Objects.requireNonNull(name, "name");
        Capabilities.current().require(Capability.POSIX_SEMAPHORES, operation + "(" + name + ")", name.toString());
    }

    /** Increments the value, waking one waiter ({@code sem_post}). */
    public void release() throws IpcException {
        posix.post();
    }

    /** Decrements the value, waiting as long as it takes for it to be positive. */
    public void acquire() throws IpcException, InterruptedException {
        if (Capabilities.current().has(Capability.TIMED_SEMAPHORE_WAITS)) {
            posix.acquire();
        } else {
            poll(Long.MAX_VALUE);
        }
    }

    /** Decrements the value if it is positive now ({@code sem_trywait}). */
    public boolean tryAcquire() throws IpcException {
        return posix.tryAcquire();
    }

    /**
     * Decrements the value, waiting at most {@code timeout} for it to be positive.
     *
     * @return true if decremented, false if the time ran out
     */
    public boolean tryAcquire(Duration timeout) throws IpcException, InterruptedException {
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

    /** The current value ({@code sem_getvalue}); other processes may change it at any moment. */
    public int value() throws IpcException {
        return posix.value();
    }

    /** The portable name. */
    public IpcName name() {
        return name;
    }

    /** Removes the name ({@code sem_unlink}); processes that have it open keep using it. */
    public void remove() throws IpcException {
        posix.unlink();
    }

    /** Releases this handle; waiters in this process are released with {@link io.github.nativeipc.error.ClosedException}. */
    @Override
    public void close() throws IpcException {
        posix.close();
    }

    @Override
    public String toString() {
        return "NamedSemaphore[" + name + " -> " + posix + "]";
    }
}
