package io.github.nativeipc;

import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.memory.MappedMemory;
import io.github.nativeipc.posix.ProcessSharedCondition;
import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * A condition variable between processes, used with a {@link ProcessMutex} in the same
 * {@link SharedMemory}, portable: a process-shared {@code pthread_cond_t} at {@code offset} on
 * Linux ({@link ProcessSharedCondition}), which a C process waits on and signals with
 * {@code pthread_cond_wait}/{@code pthread_cond_signal}.
 *
 * <p>Reserve {@link #SIZE} bytes at a multiple of {@link ProcessMutex#ALIGNMENT}. As in C, wait
 * in a loop on the shared data: {@link #await} may return without a signal.
 *
 * <p>Thread-safe as a handle.
 */
public final class ProcessCondition {
    /** Bytes to reserve in the memory ({@code pthread_cond_t} is 48 on Linux). */
    public static final int SIZE = 64;

    private final ProcessSharedCondition condition;

    private ProcessCondition(ProcessSharedCondition condition) {
        this.condition = condition;
    }

    /** Initialises a condition at {@code offset} of {@code memory} (once, before others attach). */
    public static ProcessCondition init(MappedMemory memory, long offset) throws IpcException {
        ProcessMutex.require(memory, "ProcessCondition.init");
        return new ProcessCondition(ProcessSharedCondition.init(memory, offset));
    }

    /** Uses the condition initialised at {@code offset} of {@code memory}. */
    public static ProcessCondition attach(MappedMemory memory, long offset) throws IpcException {
        ProcessMutex.require(memory, "ProcessCondition.attach");
        return new ProcessCondition(ProcessSharedCondition.attach(memory, offset));
    }

    /**
     * Releases {@code mutex} (which this thread holds), waits for a signal at most {@code timeout}
     * (null: without limit), and holds {@code mutex} again when it returns. May return early.
     *
     * @return false if {@code timeout} passed
     * @throws io.github.nativeipc.error.OwnerDiedException if the mutex's owner died meanwhile (this thread holds it)
     */
    public boolean await(ProcessMutex mutex, Duration timeout) throws IpcException, InterruptedIOException {
        return condition.await(mutex.posix(), timeout);
    }

    /** Wakes one waiter. */
    public void signal() throws IpcException {
        condition.signal();
    }

    /** Wakes every waiter. */
    public void signalAll() throws IpcException {
        condition.signalAll();
    }

    @Override
    public String toString() {
        return "ProcessCondition[" + condition + "]";
    }
}
