package io.github.nativeipc.posix;

import static io.github.nativeipc.bindings.PosixConstants.ALIGNOF_PTHREAD_MUTEX_T;
import static io.github.nativeipc.bindings.PosixConstants.CLOCK_MONOTONIC;
import static io.github.nativeipc.bindings.PosixConstants.CLOCK_REALTIME;
import static io.github.nativeipc.bindings.PosixConstants.PTHREAD_MUTEX_ERRORCHECK;
import static io.github.nativeipc.bindings.PosixConstants.PTHREAD_MUTEX_ROBUST;
import static io.github.nativeipc.bindings.PosixConstants.PTHREAD_PROCESS_SHARED;
import static io.github.nativeipc.bindings.PosixConstants.SIZEOF_PTHREAD_MUTEX_T;

import io.github.nativeipc.bindings.Errno;
import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.bindings.Platform;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.error.OwnerDiedException;
import io.github.nativeipc.memory.MappedMemory;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * A robust, process-shared POSIX mutex living in shared memory ({@code pthread_mutex_t} initialised
 * with {@code PTHREAD_PROCESS_SHARED}, {@code PTHREAD_MUTEX_ROBUST} and {@code PTHREAD_MUTEX_ERRORCHECK}): C processes that map the
 * same object lock the same {@code pthread_mutex_t} at the same offset with
 * {@code pthread_mutex_lock}.
 *
 * <h2>Layout</h2>
 * {@link #SIZE} bytes ({@code sizeof(pthread_mutex_t)}: 40 on x86-64, 48 on aarch64) at an offset
 * whose address is aligned to {@link #ALIGNMENT}. One process {@link #init}s it; the others
 * {@link #attach}. The C side needs nothing but the offset: the attributes live in the mutex.
 *
 * <h2>When an owner dies</h2>
 * If a process dies holding the mutex, the next {@link #lock()} acquires it and throws
 * {@link OwnerDiedException} ({@code EOWNERDEAD}): the caller holds the lock and the data it guards
 * may be half-updated. Check or repair it, then call {@link #markConsistent()}
 * ({@code pthread_mutex_consistent}) and {@link #unlock()}. Unlocking without marking it
 * consistent makes the mutex unusable for every process ({@code ENOTRECOVERABLE}).
 *
 * <h2>Threads</h2>
 * A pthread mutex belongs to the OS thread that locked it: unlock on the thread that locked, and
 * use platform threads (a virtual thread may move to another carrier between lock and unlock).
 * Waits are {@code pthread_mutex_trylock} then {@code pthread_mutex_clocklock} on
 * {@code CLOCK_MONOTONIC} in slices of at most 50 ms, so an interrupt is answered within one.
 * The mutex is of type {@code PTHREAD_MUTEX_ERRORCHECK}: locking it again on the thread that holds
 * it fails with {@code EDEADLK} instead of hanging, unlocking it from a thread that does not hold
 * it with {@code EPERM}.
 *
 * <h2>Ownership</h2>
 * The mutex belongs to the shared memory, not to this handle: a handle holds nothing to close.
 * Once the {@link MappedMemory} is closed every call throws {@link io.github.nativeipc.error.ClosedException}.
 * {@link #destroy()} ({@code pthread_mutex_destroy}) is for the last user.
 *
 * <p>Linux only (macOS has no robust mutexes). Thread-safe as a handle; the lock follows POSIX.
 */
public final class ProcessSharedMutex {
    /** {@code sizeof(pthread_mutex_t)} on this platform. */
    public static final int SIZE = SIZEOF_PTHREAD_MUTEX_T;
    /** Alignment the mutex's address needs. */
    public static final int ALIGNMENT = ALIGNOF_PTHREAD_MUTEX_T;

    private static final LibC C = Native.libc();
    private static final boolean HAS_CLOCKLOCK = Native.hasSymbol("pthread_mutex_clocklock");
    private static final int EBUSY = Errno.EBUSY.value();
    private static final int ETIMEDOUT = Errno.ETIMEDOUT.value();
    private static final int EOWNERDEAD = Errno.EOWNERDEAD.value();
    private static final int EINTR = Errno.EINTR.value();

    final MappedMemory memory;
    final String where;
    /** The mutex's address; the slice below keeps it mapped. */
    final long mutex;
    @SuppressWarnings("unused")
    private final ByteBuffer slot;

    private ProcessSharedMutex(MappedMemory memory, String where, ByteBuffer slot) {
        this.memory = memory;
        this.where = where;
        this.slot = slot;
        this.mutex = Native.address(slot);
    }

    /**
     * Initialises a mutex at {@code offset} of {@code memory}: {@code pthread_mutexattr_setpshared},
     * {@code pthread_mutexattr_setrobust}, {@code pthread_mutex_init}. Overwrites what was there:
     * only one process does this, before the others use it.
     *
     * @throws io.github.nativeipc.error.InvalidArgumentException if the offset is out of range or misaligned, or the mapping read-only
     * @throws io.github.nativeipc.error.NotSupportedException off Linux
     */
    public static ProcessSharedMutex init(MappedMemory memory, long offset) throws IpcException {
        ProcessSharedMutex m = at(memory, offset, "pthread_mutex_init");
        Syscalls.Scratch s = Syscalls.Scratch.get();
        long attr = s.statAddress;   // scratch of SIZEOF_STAT bytes, more than any pthread_mutexattr_t needs
        int r = C.pthread_mutexattr_init(attr);
        if (r != 0) {
            throw Errors.fromErrno(r, "pthread_mutexattr_init", m.where);
        }
        try {
            check(C.pthread_mutexattr_setpshared(attr, PTHREAD_PROCESS_SHARED), "pthread_mutexattr_setpshared(PTHREAD_PROCESS_SHARED)", m.where);
            check(C.pthread_mutexattr_setrobust(attr, PTHREAD_MUTEX_ROBUST), "pthread_mutexattr_setrobust(PTHREAD_MUTEX_ROBUST)", m.where);
            check(C.pthread_mutexattr_settype(attr, PTHREAD_MUTEX_ERRORCHECK), "pthread_mutexattr_settype(PTHREAD_MUTEX_ERRORCHECK)", m.where);
            check(C.pthread_mutex_init(m.mutex, attr), "pthread_mutex_init(" + m.where + ")", m.where);
        } finally {
            C.pthread_mutexattr_destroy(attr);
        }
        return m;
    }

    /** Uses the mutex another process (or an earlier {@link #init}) initialised at {@code offset}. Makes no call. */
    public static ProcessSharedMutex attach(MappedMemory memory, long offset) throws IpcException {
        return at(memory, offset, "pthread_mutex_attach");
    }

    static ByteBuffer slot(MappedMemory memory, long offset, int size, String call, String what) throws IpcException {
        String where = memory.name() + "@" + offset;
        if (!Platform.current().isLinux()) {
            throw Errors.notSupported(call + "(" + where + ")", where, "process-shared robust mutexes are Linux only here");
        }
        if (offset < 0 || offset > memory.size() - size) {
            throw Errors.invalidArgument(call + "(" + where + ")", where, "a " + what + " needs " + size + " bytes within the "
                    + memory.size() + "-byte mapping");
        }
        if (memory.isReadOnly()) {
            throw Errors.invalidArgument(call + "(" + where + ")", where, "the mapping is read-only");
        }
        if (!memory.isOpen()) {
            throw Errors.closed(call + "(" + where + ")", where);
        }
        memory.checkBacking();
        ByteBuffer slot = memory.slice(offset, size);
        if (Native.address(slot) % ALIGNMENT != 0) {
            throw Errors.invalidArgument(call + "(" + where + ")", where, "the " + what + " would sit at an address not aligned to "
                    + ALIGNMENT + " bytes");
        }
        return slot;
    }

    private static ProcessSharedMutex at(MappedMemory memory, long offset, String call) throws IpcException {
        return new ProcessSharedMutex(memory, memory.name() + "@" + offset, slot(memory, offset, SIZE, call, "pthread_mutex_t"));
    }

    static void check(int result, String operation, String object) throws IpcException {
        if (result != 0) {
            throw Errors.fromErrno(result, operation, object);
        }
    }

    /**
     * Locks, waiting as long as it takes ({@code pthread_mutex_trylock}, then
     * {@code pthread_mutex_clocklock} in 50 ms slices).
     *
     * @throws OwnerDiedException if the previous owner died holding it: this thread holds it now (see the class notes)
     * @throws InterruptedIOException if the thread is interrupted while waiting (the mutex is not held then)
     * @throws IpcException {@code ENOTRECOVERABLE} if an owner's death was never repaired
     */
    public void lock() throws IpcException, InterruptedIOException {
        if (!tryLock(null)) {
            throw new AssertionError("an untimed lock returned without the lock");
        }
    }

    /** Locks if it is free now ({@code pthread_mutex_trylock}); false if another thread holds it. */
    public boolean tryLock() throws IpcException {
        ensureOpen("pthread_mutex_trylock");
        int r = C.pthread_mutex_trylock(mutex);
        if (r == 0) {
            return true;
        }
        if (r == EBUSY) {
            return false;
        }
        throw lockError(r, "pthread_mutex_trylock");
    }

    /**
     * Locks, waiting at most {@code timeout} (null: without limit).
     *
     * @return true if this thread now holds the mutex, false if the time ran out
     * @throws OwnerDiedException as {@link #lock()}
     */
    public boolean tryLock(Duration timeout) throws IpcException, InterruptedIOException {
        if (tryLock()) {
            return true;
        }
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + Timeouts.nanos(timeout);
        Syscalls.Scratch s = Syscalls.Scratch.get();
        for (;;) {
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("waiting for " + where);
            }
            ensureOpen("pthread_mutex_clocklock");
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            long slice = Math.min(left, Timeouts.SLICE_NANOS);
            int r;
            if (HAS_CLOCKLOCK) {
                absolute(s, CLOCK_MONOTONIC, slice);
                r = C.pthread_mutex_clocklock(mutex, CLOCK_MONOTONIC, s.timespecAddress);
            } else {
                absolute(s, CLOCK_REALTIME, slice);
                r = C.pthread_mutex_timedlock(mutex, s.timespecAddress);
            }
            if (r == 0) {
                return true;
            }
            if (r != ETIMEDOUT && r != EINTR) {
                throw lockError(r, HAS_CLOCKLOCK ? "pthread_mutex_clocklock" : "pthread_mutex_timedlock");
            }
        }
    }

    /** {@code now + nanos} on {@code clock} into this thread's timespec. */
    static void absolute(Syscalls.Scratch s, int clock, long nanos) {
        C.clock_gettime(clock, s.timespecAddress);
        long sec = s.timespec.getLong(0);
        long nsec = s.timespec.getLong(8) + nanos;
        s.timespec.putLong(0, sec + nsec / 1_000_000_000L).putLong(8, nsec % 1_000_000_000L);
    }

    IpcException lockError(int r, String call) {
        String op = call + "(" + where + ")";
        if (r == EOWNERDEAD) {
            return Errors.fromErrno(r, op, where, "the previous owner died holding the lock; this thread holds it now: repair the"
                    + " data, then markConsistent() and unlock()");
        }
        return Errors.fromErrno(r, op, where, r == Errno.ENOTRECOVERABLE.value()
                ? "an earlier owner's death was never repaired (unlocked without pthread_mutex_consistent): re-initialise it" : null);
    }

    /**
     * Marks the state consistent after an owner's death ({@code pthread_mutex_consistent}); call it
     * holding the mutex, after {@link OwnerDiedException}, before {@link #unlock()}.
     */
    public void markConsistent() throws IpcException {
        ensureOpen("pthread_mutex_consistent");
        check(C.pthread_mutex_consistent(mutex), "pthread_mutex_consistent(" + where + ")", where);
    }

    /**
     * Unlocks ({@code pthread_mutex_unlock}).
     *
     * @throws io.github.nativeipc.error.PermissionDeniedException if this thread does not hold it ({@code EPERM})
     */
    public void unlock() throws IpcException {
        ensureOpen("pthread_mutex_unlock");
        check(C.pthread_mutex_unlock(mutex), "pthread_mutex_unlock(" + where + ")", where);
    }

    /** Destroys the mutex ({@code pthread_mutex_destroy}): once, when no process uses it any more. */
    public void destroy() throws IpcException {
        ensureOpen("pthread_mutex_destroy");
        check(C.pthread_mutex_destroy(mutex), "pthread_mutex_destroy(" + where + ")", where);
    }

    void ensureOpen(String call) throws IpcException {
        if (!memory.isOpen()) {
            throw Errors.closed(call + "(" + where + ")", where);
        }
    }

    /** Where the mutex is: {@code /orders@64}. */
    public String describe() {
        return where;
    }

    @Override
    public String toString() {
        return "ProcessSharedMutex[" + where + "]";
    }
}
