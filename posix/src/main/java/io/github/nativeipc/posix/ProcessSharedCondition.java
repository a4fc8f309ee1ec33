package io.github.nativeipc.posix;

import static io.github.nativeipc.bindings.PosixConstants.CLOCK_MONOTONIC;
import static io.github.nativeipc.bindings.PosixConstants.PTHREAD_PROCESS_SHARED;
import static io.github.nativeipc.bindings.PosixConstants.SIZEOF_PTHREAD_COND_T;

import io.github.nativeipc.bindings.Errno;
import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.error.OwnerDiedException;
import io.github.nativeipc.memory.MappedMemory;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * A process-shared POSIX condition variable living in shared memory ({@code pthread_cond_t}
 * initialised with {@code PTHREAD_PROCESS_SHARED} and {@code CLOCK_MONOTONIC}), used with a
 * {@link ProcessSharedMutex}: C processes wait on and signal the same {@code pthread_cond_t} with
 * {@code pthread_cond_wait}/{@code pthread_cond_signal}.
 *
 * <h2>Use</h2>
 * As in C: lock the mutex, loop on the condition's predicate (the shared data) calling
 * {@link #await}, unlock. {@link #await} may return without a signal (a spurious wake-up, as
 * {@code pthread_cond_wait} may, and also at the end of each 50 ms slice, so that an interrupt is
 * answered): the predicate loop makes that harmless. Signal ({@link #signal()},
 * {@link #signalAll()}) after changing the shared data, preferably holding the mutex.
 *
 * <h2>Layout and ownership</h2>
 * {@link #SIZE} bytes ({@code sizeof(pthread_cond_t)}: 48) at an address aligned to
 * {@link ProcessSharedMutex#ALIGNMENT}; {@link #init} by one process, {@link #attach} by the others.
 * The condition belongs to the shared memory; {@link #destroy()} is for the last user.
 *
 * <p>Linux only. Thread-safe as a handle.
 */
public final class ProcessSharedCondition {
    /** {@code sizeof(pthread_cond_t)}. */
    public static final int SIZE = SIZEOF_PTHREAD_COND_T;

    private static final LibC C = Native.libc();
    private static final int ETIMEDOUT = Errno.ETIMEDOUT.value();
    private static final int EINTR = Errno.EINTR.value();
    private static final int EOWNERDEAD = Errno.EOWNERDEAD.value();

    private final MappedMemory memory;
    private final String where;
    private final long cond;
    @SuppressWarnings("unused")
    private final ByteBuffer slot;

    private ProcessSharedCondition(MappedMemory memory, String where, ByteBuffer slot) {
        this.memory = memory;
        this.where = where;
        this.slot = slot;
        this.cond = Native.address(slot);
    }

    /**
     * Initialises a condition at {@code offset} of {@code memory}: {@code pthread_condattr_setpshared},
     * {@code pthread_condattr_setclock(CLOCK_MONOTONIC)}, {@code pthread_cond_init}. One process does
     * this before the others use it; a C peer attaching needs nothing but the offset.
     */
    public static ProcessSharedCondition init(MappedMemory memory, long offset) throws IpcException {
        ProcessSharedCondition c = at(memory, offset, "pthread_cond_init");
        long attr = Syscalls.Scratch.get().statAddress;   // scratch larger than any pthread_condattr_t
        int r = C.pthread_condattr_init(attr);
        if (r != 0) {
            throw Errors.fromErrno(r, "pthread_condattr_init", c.where);
        }
        try {
            ProcessSharedMutex.check(C.pthread_condattr_setpshared(attr, PTHREAD_PROCESS_SHARED),
                    "pthread_condattr_setpshared(PTHREAD_PROCESS_SHARED)", c.where);
            ProcessSharedMutex.check(C.pthread_condattr_setclock(attr, CLOCK_MONOTONIC), "pthread_condattr_setclock(CLOCK_MONOTONIC)",
                    c.where);
            ProcessSharedMutex.check(C.pthread_cond_init(c.cond, attr), "pthread_cond_init(" + c.where + ")", c.where);
        } finally {
            C.pthread_condattr_destroy(attr);
        }
        return c;
    }

    /** Uses the condition initialised at {@code offset}. Makes no call. */
    public static ProcessSharedCondition attach(MappedMemory memory, long offset) throws IpcException {
        return at(memory, offset, "pthread_cond_attach");
    }

    private static ProcessSharedCondition at(MappedMemory memory, long offset, String call) throws IpcException {
        return new ProcessSharedCondition(memory, memory.name() + "@" + offset,
                ProcessSharedMutex.slot(memory, offset, SIZE, call, "pthread_cond_t"));
    }

    /**
     * Waits for a signal, at most {@code timeout} (null: one slice after another without limit),
     * releasing {@code mutex} while it waits and holding it again when it returns
     * ({@code pthread_cond_timedwait} on {@code CLOCK_MONOTONIC}, in slices of at most 50 ms).
     * The calling thread must hold {@code mutex}. May return early (see the class notes).
     *
     * @return false if {@code timeout} passed, true otherwise (signalled, or a spurious wake-up)
     * @throws OwnerDiedException if the mutex's owner died while this thread waited: it holds the mutex now
     * @throws InterruptedIOException if the thread was interrupted (it holds the mutex again)
     * @throws io.github.nativeipc.error.PermissionDeniedException if this thread does not hold {@code mutex} ({@code EPERM})
     */
    public boolean await(ProcessSharedMutex mutex, Duration timeout) throws IpcException, InterruptedIOException {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + Timeouts.nanos(timeout);
        if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("waiting on " + where);
        }
        ensureOpen("pthread_cond_timedwait");
        mutex.ensureOpen("pthread_cond_timedwait");
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        Syscalls.Scratch s = Syscalls.Scratch.get();
        ProcessSharedMutex.absolute(s, CLOCK_MONOTONIC, Math.min(left, Timeouts.SLICE_NANOS));
        int r = C.pthread_cond_timedwait(cond, mutex.mutex, s.timespecAddress);
        if (r == 0 || r == EINTR) {
            return true;
        }
        if (r == ETIMEDOUT) {
            return deadline == Long.MAX_VALUE || deadline - System.nanoTime() > 0;   // a slice ended: like a spurious wake-up
        }
        if (r == EOWNERDEAD) {
            throw mutex.lockError(r, "pthread_cond_timedwait");
        }
        throw Errors.fromErrno(r, "pthread_cond_timedwait(" + where + ", " + mutex.describe() + ")", where);
    }

    /** Wakes one waiter ({@code pthread_cond_signal}). */
    public void signal() throws IpcException {
        ensureOpen("pthread_cond_signal");
        ProcessSharedMutex.check(C.pthread_cond_signal(cond), "pthread_cond_signal(" + where + ")", where);
    }

    /** Wakes every waiter ({@code pthread_cond_broadcast}). */
    public void signalAll() throws IpcException {
        ensureOpen("pthread_cond_broadcast");
        ProcessSharedMutex.check(C.pthread_cond_broadcast(cond), "pthread_cond_broadcast(" + where + ")", where);
    }

    /** Destroys the condition ({@code pthread_cond_destroy}): once, when nobody waits on it any more. */
    public void destroy() throws IpcException {
        ensureOpen("pthread_cond_destroy");
        ProcessSharedMutex.check(C.pthread_cond_destroy(cond), "pthread_cond_destroy(" + where + ")", where);
    }

    private void ensureOpen(String call) throws IpcException {
        if (!memory.isOpen()) {
            throw Errors.closed(call + "(" + where + ")", where);
        }
    }

    @Override
    public String toString() {
        return "ProcessSharedCondition[" + where + "]";
    }
}
