package io.github.nativeipc;

import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.error.OwnerDiedException;
import io.github.nativeipc.memory.MappedMemory;
import io.github.nativeipc.posix.ProcessSharedMutex;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;

/**
 * A mutex between processes that lives with a {@link SharedMemory} object, portable: a robust,
 * process-shared {@code pthread_mutex_t} at {@code offset} in the memory on Linux
 * ({@link ProcessSharedMutex}), which a C process locks with {@code pthread_mutex_lock} on the
 * same bytes.
 *
 * <h2>Layout</h2>
 * Reserve {@link #SIZE} bytes at an offset that is a multiple of {@link #ALIGNMENT}; one process
 * {@link #init}s, the others {@link #attach}. {@code SIZE} covers {@code pthread_mutex_t} on every
 * supported architecture (40 bytes on x86-64, 48 on aarch64), so one layout serves all.
 *
 * <h2>Owner death</h2>
 * When a process dies holding the mutex, the next lock succeeds and throws
 * {@link OwnerDiedException}: the caller holds it, repairs the data, calls
 * {@link #markConsistent()} and unlocks.
 *
 * <p>Use platform threads: the lock belongs to the OS thread that took it. Thread-safe as a handle.
 */
public final class ProcessMutex {
    /** Bytes to reserve in the memory. */
    public static final int SIZE = 64;
    /** Alignment of the offset. */
    public static final int ALIGNMENT = 8;

    private final ProcessSharedMutex mutex;

    private ProcessMutex(ProcessSharedMutex mutex) {
        this.mutex = mutex;
    }

    /** Initialises a mutex at {@code offset} of {@code memory} (once, before others attach). */
    public static ProcessMutex init(MappedMemory memory, long offset) throws IpcException {
        require(memory, "ProcessMutex.init");
        return new ProcessMutex(ProcessSharedMutex.init(memory, offset));
    }

    /** Uses the mutex initialised at {@code offset} of {@code memory}. */
    public static ProcessMutex attach(MappedMemory memory, long offset) throws IpcException {
        require(memory, "ProcessMutex.attach");
        return new ProcessMutex(ProcessSharedMutex.attach(memory, offset));
    }

    static void require(MappedMemory memory, String operation) throws IpcException {
        Objects.requireNonNull(memory, "memory");
        Capabilities.current().require(Capability.ROBUST_MUTEXES, operation + "(" + memory.name() + ")", memory.name());
    }

    /**
     * Locks, waiting as long as it takes (interruptible).
     *
     * @throws OwnerDiedException if the previous owner died holding it (this thread holds it now)
     */
    public void lock() throws IpcException, InterruptedIOException {
        mutex.lock();
    }

    /** Locks if free now. */
    public boolean tryLock() throws IpcException {
        return mutex.tryLock();
    }

    /** Locks, waiting at most {@code timeout}; false if the time ran out. */
    public boolean tryLock(Duration timeout) throws IpcException, InterruptedIOException {
        return mutex.tryLock(timeout);
    }

    /** Marks the guarded data repaired after {@link OwnerDiedException}; call before {@link #unlock()}. */
    public void markConsistent() throws IpcException {
        mutex.markConsistent();
    }

    /** Unlocks; only the thread that locked may. */
    public void unlock() throws IpcException {
        mutex.unlock();
    }

    ProcessSharedMutex posix() {
        return mutex;
    }

    @Override
    public String toString() {
        return "ProcessMutex[" + mutex.describe() + "]";
    }
}
