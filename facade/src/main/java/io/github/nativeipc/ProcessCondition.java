package io.github.nativeipc;

import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.memory.MappedMemory;
import io.github.nativeipc.posix.ProcessSharedCondition;
import io.github.nativeipc.windows.WindowsSemaphore;
import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * A condition variable between processes, used with a {@link ProcessMutex} in the same
 * {@link SharedMemory}, portable: a process-shared {@code pthread_cond_t} at {@code offset} on
 * Linux ({@link ProcessSharedCondition}), which a C process waits on and signals with
 * {@code pthread_cond_wait}/{@code pthread_cond_signal}. Windows has no condition variable between
 * processes; there it is a count of waiters (an {@code int64} at {@code offset}, changed only
 * under the mutex) and the named semaphore {@code MEMORY_NAME.condOFFSET}: a waiter adds itself,
 * unlocks, waits on the semaphore, locks; a signal takes one waiter off the count and releases the
 * semaphore once ({@code signalAll}: for every waiter). A C peer on Windows follows the same
 * protocol.
 *
 * <p>Reserve {@link #SIZE} bytes at a multiple of {@link ProcessMutex#ALIGNMENT}. As in C, wait
 * in a loop on the shared data: {@link #await} may return without a signal. Signal while holding
 * the mutex (POSIX allows otherwise; the Windows backend needs it, and it avoids lost wake-ups).
 *
 * <p>Thread-safe as a handle.
 */
public final class ProcessCondition implements AutoCloseable {
    /** Bytes to reserve in the memory ({@code pthread_cond_t} is 48 on Linux). */
    public static final int SIZE = 64;

    private static final boolean WINDOWS = ProcessMutex.WINDOWS;
    /** Longest single wait on Windows, so that interrupts and deadlines are seen, as on Linux. */
    private static final long SLICE_NANOS = 50_000_000L;

    private final ProcessSharedCondition posix;
    private final WindowsSemaphore windows;
    private final MappedMemory memory;
    private final long waiters;

    private ProcessCondition(ProcessSharedCondition posix, WindowsSemaphore windows, MappedMemory memory, long offset) {
        this.posix = posix;
        this.windows = windows;
        this.memory = memory;
        this.waiters = offset;
    }

    /** Initialises a condition at {@code offset} of {@code memory} (once, before others attach). */
    public static ProcessCondition init(MappedMemory memory, long offset) throws IpcException {
        ProcessMutex.require(memory, offset, SIZE, "ProcessCondition.init");
        if (WINDOWS) {
            WindowsSemaphore s = WindowsSemaphore.create(ProcessMutex.windowsName(memory, "cond", offset), 0, Integer.MAX_VALUE);
            memory.setLongRelease(offset, 0);
            return new ProcessCondition(null, s, memory, offset);
        }
        return new ProcessCondition(ProcessSharedCondition.init(memory, offset), null, memory, offset);
    }

    /** Uses the condition initialised at {@code offset} of {@code memory}. */
    public static ProcessCondition attach(MappedMemory memory, long offset) throws IpcException {
        ProcessMutex.require(memory, offset, SIZE, "ProcessCondition.attach");
        if (WINDOWS) {
            return new ProcessCondition(null, WindowsSemaphore.open(ProcessMutex.windowsName(memory, "cond", offset)), memory, offset);
        }
        return new ProcessCondition(ProcessSharedCondition.attach(memory, offset), null, memory, offset);
    }

    /**
     * Releases {@code mutex} (which this thread holds), waits for a signal at most {@code timeout}
     * (null: without limit, in 50 ms slices that may each return early), and holds {@code mutex}
     * again when it returns.
     *
     * @return false if {@code timeout} passed
     * @throws io.github.nativeipc.error.OwnerDiedException if the mutex's owner died meanwhile (this thread holds it)
     */
    public boolean await(ProcessMutex mutex, Duration timeout) throws IpcException, InterruptedIOException {
        if (!WINDOWS) {
            return posix.await(mutex.posix(), timeout);
        }
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + Math.max(0, timeout.toNanos());
        long left = deadline == Long.MAX_VALUE ? SLICE_NANOS : deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        memory.getAndAddLong(waiters, 1);
        mutex.unlock();
        boolean signalled = false;
        InterruptedException interrupted = null;
        try {
            signalled = windows.tryAcquire(Duration.ofNanos(Math.min(left, SLICE_NANOS)));
        } catch (InterruptedException e) {
            interrupted = e;
        } finally {
            mutex.lock();
        }
        if (!signalled) {
            // A signal may have counted this waiter out after its wait ended: take that permit, or leave the count.
            signalled = windows.tryAcquire();
            if (!signalled) {
                memory.getAndAddLong(waiters, -1);
            }
        }
        if (interrupted != null) {
            throw ProcessMutex.interrupted(interrupted);
        }
        return signalled || deadline == Long.MAX_VALUE || deadline - System.nanoTime() > 0;
    }

    /** Wakes one waiter (call holding the mutex). */
    public void signal() throws IpcException {
        if (!WINDOWS) {
            posix.signal();
            return;
        }
        if (memory.getLongAcquire(waiters) > 0) {
            memory.getAndAddLong(waiters, -1);
            windows.release();
        }
    }

    /** Wakes every waiter (call holding the mutex). */
    public void signalAll() throws IpcException {
        if (!WINDOWS) {
            posix.signalAll();
            return;
        }
        long n = memory.getAndSetLong(waiters, 0);
        if (n > 0) {
            windows.release((int) Math.min(n, Integer.MAX_VALUE));
        }
    }

    /** Releases the Windows semaphore's handle; nothing to release on Linux. Idempotent. */
    @Override
    public void close() {
        if (WINDOWS) {
            windows.close();
        }
    }

    @Override
    public String toString() {
        return "ProcessCondition[" + (WINDOWS ? windows : posix) + "]";
    }
}
