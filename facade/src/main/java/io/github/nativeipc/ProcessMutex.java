package io.github.nativeipc;

import io.github.nativeipc.bindings.Platform;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.error.OwnerDiedException;
import io.github.nativeipc.memory.MappedMemory;
import io.github.nativeipc.posix.ProcessSharedMutex;
import io.github.nativeipc.windows.WindowsMutex;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;

/**
 * A mutex between processes that goes with a {@link SharedMemory} object, portable: a robust,
 * process-shared {@code pthread_mutex_t} at {@code offset} in the memory on Linux
 * ({@link ProcessSharedMutex}), which a C process locks with {@code pthread_mutex_lock} on the same
 * bytes; on Windows the named mutex {@code MEMORY_NAME.mutexOFFSET} ({@code Local\orders.mutex0}
 * for offset 0 of {@code Local\orders}), which a C process opens with {@code OpenMutexW}.
 *
 * <h2>Layout</h2>
 * Reserve {@link #SIZE} bytes at an offset that is a multiple of {@link #ALIGNMENT}; one process
 * {@link #init}s, the others {@link #attach}. {@code SIZE} covers {@code pthread_mutex_t} on every
 * supported architecture (40 bytes on x86-64, 48 on aarch64), so one layout serves all; Windows
 * leaves the bytes unused. On Windows the memory must be a named {@code SharedMemory} (the name
 * is what the other processes find the mutex by).
 *
 * <h2>Owner death</h2>
 * When a process dies holding the mutex, the next lock succeeds and throws
 * {@link OwnerDiedException} ({@code EOWNERDEAD}, {@code WAIT_ABANDONED}): the caller holds it,
 * repairs the data, calls {@link #markConsistent()} (needed on Linux, nothing to do on Windows)
 * and unlocks.
 *
 * <h2>Where the OSes differ</h2>
 * Locking again on the thread that holds it fails with {@code EDEADLK} on Linux (an error-checking
 * mutex) and succeeds on Windows (mutexes there are recursive: unlock as often as locked).
 * {@link #close()} releases the Windows handle (the mutex lives while any process has one); on
 * Linux the mutex is the memory's and there is nothing to release.
 *
 * <p>Use platform threads: the lock belongs to the OS thread that took it. Thread-safe as a handle.
 */
public final class ProcessMutex implements AutoCloseable {
    /** Bytes to reserve in the memory. */
    public static final int SIZE = 64;
    /** Alignment of the offset. */
    public static final int ALIGNMENT = 8;

    static final boolean WINDOWS = Platform.current().os() == Platform.Os.WINDOWS;

    private final ProcessSharedMutex posix;
    private final WindowsMutex windows;

    private ProcessMutex(ProcessSharedMutex posix, WindowsMutex windows) {
        this.posix = posix;
        this.windows = windows;
    }

    /** Initialises a mutex at {@code offset} of {@code memory} (once, before others attach). */
    public static ProcessMutex init(MappedMemory memory, long offset) throws IpcException {
        require(memory, offset, SIZE, "ProcessMutex.init");
        return WINDOWS ? new ProcessMutex(null, WindowsMutex.create(windowsName(memory, "mutex", offset)))
                : new ProcessMutex(ProcessSharedMutex.init(memory, offset), null);
    }

    /** Uses the mutex initialised at {@code offset} of {@code memory}. */
    public static ProcessMutex attach(MappedMemory memory, long offset) throws IpcException {
        require(memory, offset, SIZE, "ProcessMutex.attach");
        return WINDOWS ? new ProcessMutex(null, WindowsMutex.open(windowsName(memory, "mutex", offset)))
                : new ProcessMutex(ProcessSharedMutex.attach(memory, offset), null);
    }

    /** Checks the capability, and on Windows the layout rules the POSIX backend checks itself. */
    static void require(MappedMemory memory, long offset, int size, String operation) throws IpcException {
        Objects.requireNonNull(memory, "memory");
        String call = operation + "(" + memory.name() + "@" + offset + ")";
        Capabilities.current().require(WINDOWS ? Capability.WINDOWS_MUTEXES : Capability.ROBUST_MUTEXES, call, memory.name());
        if (WINDOWS && (offset < 0 || offset % ALIGNMENT != 0 || offset > memory.size() - size)) {
            throw Errors.invalidArgument(call, memory.name(), size + " bytes at an offset that is a multiple of " + ALIGNMENT
                    + ", within the " + memory.size() + "-byte mapping");
        }
    }

    /** {@code Local\NAME.KINDOFFSET}: the Windows object that goes with {@code offset} of a named mapping. */
    static String windowsName(MappedMemory memory, String kind, long offset) throws IpcException {
        String name = memory.name();
        if (name == null || !(name.startsWith("Local\\") || name.startsWith("Global\\"))) {
            throw Errors.invalidArgument("ProcessMutex(" + name + ")", String.valueOf(name),
                    "on Windows the memory must be a named SharedMemory: its name names the " + kind);
        }
        return name + "." + kind + offset;
    }

    /**
     * Locks, waiting as long as it takes (interruptible).
     *
     * @throws OwnerDiedException if the previous owner died holding it (this thread holds it now)
     */
    public void lock() throws IpcException, InterruptedIOException {
        if (!WINDOWS) {
            posix.lock();
            return;
        }
        try {
            windows.lock();
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    /** Locks if free now. */
    public boolean tryLock() throws IpcException {
        return WINDOWS ? windows.tryLock() : posix.tryLock();
    }

    /** Locks, waiting at most {@code timeout}; false if the time ran out. */
    public boolean tryLock(Duration timeout) throws IpcException, InterruptedIOException {
        if (!WINDOWS) {
            return posix.tryLock(timeout);
        }
        try {
            return windows.tryLock(timeout);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    static InterruptedIOException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException io = new InterruptedIOException(e.getMessage());
        io.initCause(e);
        return io;
    }

    /**
     * Marks the guarded data repaired after {@link OwnerDiedException}, before {@link #unlock()}:
     * {@code pthread_mutex_consistent} on Linux; nothing to do on Windows, whose abandoned mutex is
     * usable once acquired.
     */
    public void markConsistent() throws IpcException {
        if (!WINDOWS) {
            posix.markConsistent();
        }
    }

    /** Unlocks; only the thread that locked may. */
    public void unlock() throws IpcException {
        if (WINDOWS) {
            windows.unlock();
        } else {
            posix.unlock();
        }
    }

    ProcessSharedMutex posix() {
        return posix;
    }

    WindowsMutex windows() {
        return windows;
    }

    /** Releases the Windows handle; nothing to release on Linux. Idempotent. */
    @Override
    public void close() {
        if (WINDOWS) {
            windows.close();
        }
    }

    @Override
    public String toString() {
        return "ProcessMutex[" + (WINDOWS ? windows : posix.describe()) + "]";
    }
}
