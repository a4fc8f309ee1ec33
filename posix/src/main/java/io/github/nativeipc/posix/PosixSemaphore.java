package io.github.nativeipc.posix;

import io.github.nativeipc.bindings.Errno;
import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.bindings.PosixConstants;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.handle.HandleGuard;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * A POSIX counting semaphore ({@code sem_t}): named ({@link NamedSemaphore}) or placed in shared
 * memory ({@link UnnamedSemaphore}). The operations are the same for both and interoperate with C
 * code calling {@code sem_post}/{@code sem_wait} on the same semaphore.
 *
 * <h2>Waiting</h2>
 * On Linux {@link #acquire()} is one untimed {@code sem_wait}: it takes a free unit in user space
 * without a system call, and otherwise blocks in the kernel ({@code futex}) until a
 * {@code sem_post} from any thread or process, with no clock reading and no kernel timer per wait.
 * It stays answerable through {@link InterruptWatch}: {@link Thread#interrupt()} is answered
 * within about {@value Timeouts#SLICE_MILLIS} ms with {@link InterruptedException}, and
 * {@code close()} from another thread (or, for an {@link UnnamedSemaphore}, the closing of its
 * memory) with {@link io.github.nativeipc.error.ClosedException}; the wake-up signal makes
 * {@code sem_wait} return {@code EINTR} (its handler has no {@code SA_RESTART}), and neither
 * answer takes a unit. Any other {@code EINTR} is retried.
 *
 * <p>{@link #tryAcquire(Duration)} (and {@link #acquire()} where threads cannot be signalled,
 * off Linux) first tries {@code sem_trywait}; if the value is zero it waits in slices of at most
 * {@value Timeouts#SLICE_MILLIS} ms ({@code sem_clockwait} on {@code CLOCK_MONOTONIC} where glibc
 * has it, {@code sem_timedwait} otherwise), so that it answers an interrupt and a close within one
 * slice, and a change of the wall clock does not stretch its timeout. {@code EINTR} is retried
 * with the remaining time.
 *
 * <p>Thread-safe: any thread may post and wait concurrently; closing from another thread makes
 * waiters throw {@link io.github.nativeipc.error.ClosedException}.
 */
public abstract sealed class PosixSemaphore implements AutoCloseable permits NamedSemaphore, UnnamedSemaphore {
    private static final LibC C = Native.libc();
    private static final boolean HAS_CLOCKWAIT = Native.hasSymbol("sem_clockwait");
    private static final int EAGAIN = Errno.EAGAIN.value();
    private static final int EINTR = Errno.EINTR.value();
    private static final int ETIMEDOUT = Errno.ETIMEDOUT.value();
    /** Whether {@link #acquire()} is one untimed {@code sem_wait} woken by {@link InterruptWatch} (Linux), or timed slices. */
    private static final boolean WATCHED = Threads.supported();

    /** Address of the {@code sem_t}. */
    final long sem;
    final HandleGuard guard;
    private final String description;
    /**
     * What a thread blocked in {@code sem_wait} records as {@link Syscalls.Scratch#blockedOn}: the
     * watch signals it once {@link #isClosed()}, also when nobody called {@link #close()}.
     */
    private final InterruptWatch.Target waitTarget = this::isClosed;

    PosixSemaphore(long sem, HandleGuard guard, String description) {
        this.sem = sem;
        this.guard = guard;
        this.description = description;
    }

    /** Whether this handle is open (and, for an unnamed semaphore, its memory still mapped). */
    public boolean isOpen() {
        return !isClosed();
    }

    boolean isClosed() {
        return guard.isClosed();
    }

    /**
     * Increments the value, waking one waiter ({@code sem_post}). Never blocks.
     *
     * @throws io.github.nativeipc.error.LimitReachedException at {@code SEM_VALUE_MAX} ({@code EOVERFLOW})
     * @throws io.github.nativeipc.error.ClosedException if closed
     */
    public void post() throws IpcException {
        enter("sem_post");
        try {
            if (C.sem_post(sem) != 0) {
                throw Syscalls.error("sem_post(" + description + ")", description);
            }
        } finally {
            guard.exit();
            Reference.reachabilityFence(this);   // an unnamed semaphore's memory must outlive the call
        }
    }

    /**
     * Decrements the value, waiting as long as it takes for it to be positive: {@code sem_wait}
     * (see the class notes). Like {@link java.util.concurrent.Semaphore#acquire()}, a thread that is
     * interrupted already throws at once, whatever the value.
     *
     * @throws InterruptedException if the thread is interrupted before or while waiting (the value is then unchanged)
     * @throws io.github.nativeipc.error.ClosedException if closed before or while waiting (the value is then unchanged)
     */
    public void acquire() throws IpcException, InterruptedException {
        enter("sem_wait");
        try {
            if (WATCHED) {
                waitUntimed();
            } else {
                await(-1L);
            }
        } finally {
            guard.exit();
            Reference.reachabilityFence(this);   // an unnamed semaphore's memory must outlive the call
        }
    }

    /**
     * Decrements the value if it is positive, without waiting ({@code sem_trywait}).
     *
     * @return true if decremented, false if the value was zero
     */
    public boolean tryAcquire() throws IpcException {
        enter("sem_trywait");
        try {
            for (;;) {
                if (C.sem_trywait(sem) == 0) {
                    return true;
                }
                int errno = Native.errno();
                if (errno == EAGAIN) {
                    return false;
                }
                if (errno != EINTR) {
                    throw Syscalls.error("sem_trywait(" + description + ")", description);
                }
            }
        } finally {
            guard.exit();
            Reference.reachabilityFence(this);   // an unnamed semaphore's memory must outlive the call
        }
    }

    /**
     * Decrements the value, waiting at most {@code timeout} for it to be positive. A zero or
     * negative timeout does not wait.
     *
     * @return true if decremented, false if the time ran out
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public boolean tryAcquire(Duration timeout) throws IpcException, InterruptedException {
        long nanos = Timeouts.nanos(timeout);
        enter("sem_timedwait");
        try {
            return await(nanos);
        } finally {
            guard.exit();
            Reference.reachabilityFence(this);   // an unnamed semaphore's memory must outlive the call
        }
    }

    /**
     * The current value ({@code sem_getvalue}). Other processes may change it at any moment; use
     * it for monitoring, not for decisions.
     */
    public int value() throws IpcException {
        enter("sem_getvalue");
        try {
            Syscalls.Scratch s = Syscalls.Scratch.get();
            if (C.sem_getvalue(sem, s.intAddress) != 0) {
                throw Syscalls.error("sem_getvalue(" + description + ")", description);
            }
            return s.intValue.getInt(0);
        } finally {
            guard.exit();
            Reference.reachabilityFence(this);   // an unnamed semaphore's memory must outlive the call
        }
    }

    @Override
    public abstract void close() throws IpcException;

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + description + (isOpen() ? "" : ", closed") + "]";
    }

    final void enter(String call) throws IpcException {
        if (!guard.enter()) {
            throw Errors.closed(call, description);
        }
        if (isClosed()) {
            guard.exit();
            throw Errors.closed(call, description);
        }
    }

    /**
     * Makes every thread blocked in {@link #acquire()} on this handle leave with
     * {@link io.github.nativeipc.error.ClosedException}; called by {@code close()} once the guard is
     * closed.
     */
    final void wakeWaiters() {
        InterruptWatch.wakeUntilLeft(waitTarget, guard);
    }

    /**
     * {@link #acquire()} on Linux: one untimed {@code sem_wait}, woken by {@link InterruptWatch} for
     * an interrupt or a close; retried after any other {@code EINTR}. Called inside the guard.
     */
    private void waitUntimed() throws IpcException, InterruptedException {
        Syscalls.Scratch s = Syscalls.Scratch.get();
        for (;;) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting on " + description);
            }
            if (isClosed()) {
                throw Errors.closed("sem_wait(" + description + ")", description);
            }
            s.blockedOn = waitTarget;
            int r = C.sem_wait(sem);
            s.blockedOn = null;
            if (r == 0) {
                return;
            }
            if (Native.errno() != EINTR) {
                throw Syscalls.error("sem_wait(" + description + ")", description);
            }
        }
    }

    /** The sliced wait loop; {@code timeoutNanos < 0} waits forever. Called inside the guard. */
    private boolean await(long timeoutNanos) throws IpcException, InterruptedException {
        if (C.sem_trywait(sem) == 0) {
            return true;
        }
        int errno = Native.errno();
        if (errno != EAGAIN && errno != EINTR) {
            throw Syscalls.error("sem_trywait(" + description + ")", description);
        }
        long start = System.nanoTime();
        Syscalls.Scratch s = Syscalls.Scratch.get();
        ByteBuffer ts = s.timespec;
        int clock = HAS_CLOCKWAIT ? PosixConstants.CLOCK_MONOTONIC : PosixConstants.CLOCK_REALTIME;
        for (;;) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting on " + description);
            }
            if (isClosed()) {
                throw Errors.closed("sem_wait(" + description + ")", description);
            }
            long slice = Timeouts.SLICE_NANOS;
            if (timeoutNanos >= 0) {
                long remaining = timeoutNanos - (System.nanoTime() - start);
                if (remaining <= 0) {
                    return false;
                }
                slice = Math.min(slice, remaining);
            }
            if (C.clock_gettime(clock, s.timespecAddress) != 0) {
                throw Syscalls.error("clock_gettime(" + clock + ")", description);
            }
            long nanos = ts.getLong(8) + slice;
            ts.putLong(0, ts.getLong(0) + nanos / 1_000_000_000L);
            ts.putLong(8, nanos % 1_000_000_000L);
            int r = HAS_CLOCKWAIT
                    ? C.sem_clockwait(sem, clock, s.timespecAddress)
                    : C.sem_timedwait(sem, s.timespecAddress);
            if (r == 0) {
                return true;
            }
            errno = Native.errno();
            if (errno != ETIMEDOUT && errno != EINTR) {
                throw Syscalls.error((HAS_CLOCKWAIT ? "sem_clockwait(" : "sem_timedwait(") + description + ")",
                        description);
            }
        }
    }
}
