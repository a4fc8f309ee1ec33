package io.github.nativeipc.posix;

import static io.github.nativeipc.bindings.PosixConstants.GETALL;
import static io.github.nativeipc.bindings.PosixConstants.GETNCNT;
import static io.github.nativeipc.bindings.PosixConstants.GETPID;
import static io.github.nativeipc.bindings.PosixConstants.GETVAL;
import static io.github.nativeipc.bindings.PosixConstants.GETZCNT;
import static io.github.nativeipc.bindings.PosixConstants.IPC_NOWAIT;
import static io.github.nativeipc.bindings.PosixConstants.IPC_RMID;
import static io.github.nativeipc.bindings.PosixConstants.IPC_STAT;
import static io.github.nativeipc.bindings.PosixConstants.SEMID_DS_CTIME_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.SEMID_DS_NSEMS_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.SEMID_DS_OTIME_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.SEMVMX;
import static io.github.nativeipc.bindings.PosixConstants.SEM_UNDO;
import static io.github.nativeipc.bindings.PosixConstants.SETALL;
import static io.github.nativeipc.bindings.PosixConstants.SETVAL;
import static io.github.nativeipc.bindings.PosixConstants.SIZEOF_SEMBUF;
import static io.github.nativeipc.bindings.PosixConstants.SIZEOF_SEMID_DS;

import io.github.nativeipc.bindings.Errno;
import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * A System V semaphore set ({@code semget}): {@code count} semaphores, changed by {@code semop}
 * operations that the kernel applies all together or not at all, shared with any process that
 * knows the key or id.
 *
 * <h2>Waiting</h2>
 * On Linux {@link #apply} is one untimed {@code semop} (a {@code semtimedop} without a timeout):
 * it blocks in the kernel until all operations can be applied, with no timer and no clock reading.
 * It stays answerable through {@link InterruptWatch}: {@link Thread#interrupt()} is answered within
 * about {@value Timeouts#SLICE_MILLIS} ms with {@link InterruptedException}, and {@link #close()}
 * from another thread at once with {@link io.github.nativeipc.error.ClosedException}; either way
 * nothing was applied, and a thread interrupted before the call throws without making it. Other
 * calls interrupted by a signal ({@code EINTR}: System V calls are never restarted, whatever
 * {@code SA_RESTART} says) are retried.
 *
 * <p>The timed form, {@link #tryApply(Duration, SemaphoreOperation...)} (and {@code apply} off
 * Linux), uses {@code semtimedop} in slices of at most {@value Timeouts#SLICE_MILLIS} ms, so that
 * it answers an interrupt and a close within one slice; {@code EINTR} is retried with the
 * remaining time. {@link #tryApply(SemaphoreOperation...)} never waits ({@code IPC_NOWAIT}). Removal of the set fails waiters with
 * {@link io.github.nativeipc.error.NotFoundException}: {@code EIDRM} if it happened while a call
 * waited, {@code EINVAL} (the id names nothing any more) if between two calls of one wait.
 *
 * <h2>Ownership</h2>
 * As for the other System V objects: {@link #remove()} ({@code IPC_RMID}) destroys the set at once;
 * {@link #close()} only does so with {@link CreateOptions#unlinkOnClose} for the creator. New sets
 * start at 0; the mode (default {@code 0600}) ignores the umask.
 *
 * <p>Thread-safe. The operation arrays are encoded in a per-thread buffer: no allocation per call.
 */
public final class SysVSemaphoreSet extends SysVObject {
    private static final LibC C = Native.libc();
    private static final int EINTR = Errno.EINTR.value();
    private static final int EAGAIN = Errno.EAGAIN.value();

    private final int count;

    private SysVSemaphoreSet(SysVKey key, SysVObjects.Id id, int count, boolean removeOnClose) {
        super(key, id, removeOnClose);
        this.count = count;
    }

    /**
     * Creates a set of {@code count} semaphores, all 0, mode {@code 0600}, failing if the key is
     * taken: {@code semget(key, count, IPC_CREAT|IPC_EXCL|0600)}.
     *
     * @throws io.github.nativeipc.error.InvalidArgumentException if {@code count} exceeds {@code SEMMSL}
     *         (first field of {@code /proc/sys/kernel/sem})
     * @throws io.github.nativeipc.error.LimitReachedException if {@code SEMMNI}/{@code SEMMNS} are exhausted
     */
    public static SysVSemaphoreSet create(SysVKey key, int count) throws IpcException {
        return create(key, count, CreateOptions.defaults());
    }

    public static SysVSemaphoreSet create(SysVKey key, int count, CreateOptions options) throws IpcException {
        checkCount(key, count);
        return new SysVSemaphoreSet(key, SysVObjects.get("semget", key, ", " + count, SysVObjects.Disposition.CREATE,
                options.mode(), flags -> C.semget(key.value(), count, flags)), count, options.unlinkOnClose());
    }

    /** Opens the set with {@code key}: {@code semget(key, 0, 0)}. */
    public static SysVSemaphoreSet open(SysVKey key) throws IpcException {
        SysVObjects.Id id = SysVObjects.get("semget", key, ", 0", SysVObjects.Disposition.OPEN, 0,
                flags -> C.semget(key.value(), 0, flags));
        return new SysVSemaphoreSet(key, id, (int) stat(id.id()).count(), false);
    }

    /** Opens the set with {@code key}, creating it with {@code count} semaphores if there is none. */
    public static SysVSemaphoreSet openOrCreate(SysVKey key, int count, CreateOptions options) throws IpcException {
        checkCount(key, count);
        SysVObjects.Id id = SysVObjects.get("semget", key, ", " + count, SysVObjects.Disposition.OPEN_OR_CREATE,
                options.mode(), flags -> C.semget(key.value(), count, flags));
        return new SysVSemaphoreSet(key, id, (int) stat(id.id()).count(), options.unlinkOnClose());
    }

    /** The set with id {@code semid} (as {@code ipcs -s} lists it). */
    public static SysVSemaphoreSet byId(int semid) throws IpcException {
        SysVSemaphoreSetStatus s = stat(semid);
        return new SysVSemaphoreSet(s.permissions().key(), new SysVObjects.Id(semid, false), (int) s.count(), false);
    }

    private static void checkCount(SysVKey key, int count) throws IpcException {
        if (count < 1) {
            throw Errors.invalidArgument("semget(" + key + ", " + count + ")", "key " + key, "a set has at least one semaphore");
        }
    }

    /** Semaphores in the set. */
    public int count() {
        return count;
    }

    // ---------------------------------------------------------------- semop

    /**
     * Applies all {@code operations} at once, waiting until that is possible: one untimed
     * {@code semop} on Linux (see the class notes).
     *
     * @throws InterruptedException if interrupted before or while waiting (nothing was applied)
     * @throws io.github.nativeipc.error.ClosedException if this object is closed before or while waiting (nothing was applied)
     * @throws io.github.nativeipc.error.NotFoundException if the set is removed meanwhile
     * @throws io.github.nativeipc.error.LimitReachedException if a value would exceed 32767 ({@code ERANGE})
     *         or the undo structures are exhausted
     */
    public void apply(SemaphoreOperation... operations) throws IpcException, InterruptedException {
        semop(operations, -1L);
    }

    /** Applies all {@code operations} if possible now ({@code IPC_NOWAIT}); false (nothing applied) otherwise. */
    public boolean tryApply(SemaphoreOperation... operations) throws IpcException {
        try {
            return semop(operations, 0L);
        } catch (InterruptedException e) {
            throw new AssertionError("a non-waiting semop cannot be interrupted", e);
        }
    }

    /** Applies all {@code operations}, waiting at most {@code timeout}; false (nothing applied) if the time ran out. */
    public boolean tryApply(Duration timeout, SemaphoreOperation... operations) throws IpcException, InterruptedException {
        return semop(operations, Timeouts.nanos(timeout));
    }

    private boolean semop(SemaphoreOperation[] operations, long timeoutNanos) throws IpcException, InterruptedException {
        checkOpen("semop");
        if (operations.length == 0) {
            throw Errors.invalidArgument("semop(" + id() + ")", describe(), "no operations given");
        }
        Syscalls.Scratch s = Syscalls.Scratch.get();
        ByteBuffer sops = s.payload(operations.length * SIZEOF_SEMBUF);
        for (int i = 0; i < operations.length; i++) {
            SemaphoreOperation op = operations[i];
            if (op.index() >= count) {
                throw Errors.invalidArgument("semop(" + id() + ")", describe(),
                        "semaphore " + op.index() + " does not exist in a set of " + count);
            }
            int at = i * SIZEOF_SEMBUF;
            int flags = (op.undo() ? SEM_UNDO : 0) | (timeoutNanos == 0 ? IPC_NOWAIT : 0);
            sops.putShort(at, (short) op.index()).putShort(at + 2, (short) op.delta()).putShort(at + 4, (short) flags);
        }
        long sopsAddress = Native.address(sops);
        boolean watched = WATCHED && timeoutNanos < 0;
        if (watched) {
            enterWait("semop");
        }
        try {
            return semop(s, sopsAddress, operations.length, timeoutNanos, watched);
        } finally {
            if (watched) {
                exitWait();
            }
        }
    }

    /**
     * The wait loop of {@link #semop(SemaphoreOperation[], long)}: one untimed call at a time where
     * {@code watched} (woken by {@link InterruptWatch}), else {@code semtimedop} slices.
     */
    private boolean semop(Syscalls.Scratch s, long sopsAddress, int nsops, long timeoutNanos, boolean watched)
            throws IpcException, InterruptedException {
        long start = System.nanoTime();
        boolean waitedBefore = false;
        for (;;) {
            int r;
            if (watched) {
                beforeBlocking(s, "semop");
                r = C.semtimedop(id(), sopsAddress, nsops, 0);
                s.blockedOn = null;
            } else {
                long wait = 0;
                if (timeoutNanos != 0) {
                    if (Thread.interrupted()) {
                        throw new InterruptedException("interrupted while waiting on " + describe());
                    }
                    checkOpen("semop");
                    wait = Timeouts.SLICE_NANOS;
                    if (timeoutNanos > 0) {
                        long left = timeoutNanos - (System.nanoTime() - start);
                        if (left <= 0) {
                            return false;
                        }
                        wait = Math.min(wait, left);
                    }
                    s.timespec.putLong(0, wait / 1_000_000_000L).putLong(8, wait % 1_000_000_000L);
                }
                r = C.semtimedop(id(), sopsAddress, nsops, timeoutNanos == 0 ? 0 : s.timespecAddress);
            }
            if (r == 0) {
                return true;
            }
            int errno = Native.errno();
            if (errno == EINTR) {
                waitedBefore = true;
                continue;   // nothing was applied; an interrupt or a close is seen before the next call
            }
            if (errno == EAGAIN) {
                if (timeoutNanos == 0) {
                    return false;
                }
                waitedBefore = true;
                continue;   // this slice ran out
            }
            String call = "semop(" + id() + ", " + nsops + " operations)";
            if (errno == Errno.EINVAL.value() && waitedBefore) {
                // The same call was accepted (it waited) before: the set is gone. Removed while a
                // call waited is EIDRM; removed between two calls, the id names nothing: EINVAL.
                throw Errors.notFound(errno, call, describe(), "the set was removed (IPC_RMID) while this thread waited");
            }
            throw Syscalls.error(call, describe(),
                    errno == Errno.ERANGE.value() ? "a semaphore's value may not exceed " + SEMVMX + " (SEMVMX)" : null);
        }
    }

    // ---------------------------------------------------------------- semctl

    /** {@code semctl(GETVAL)}: the value of semaphore {@code index}. */
    public int value(int index) throws IpcException {
        return semctl(index, GETVAL, 0, "GETVAL");
    }

    /** {@code semctl(SETVAL)}: sets semaphore {@code index} to {@code value} (and clears undo entries for it). */
    public void setValue(int index, int value) throws IpcException {
        if (value < 0 || value > SEMVMX) {
            throw Errors.invalidArgument("semctl(" + id() + ", " + index + ", SETVAL, " + value + ")", describe(),
                    "a value must be within 0.." + SEMVMX);
        }
        semctl(index, SETVAL, value, "SETVAL, " + value);
    }

    /** {@code semctl(GETALL)}: every value. */
    public int[] values() throws IpcException {
        checkOpen("semctl");
        ByteBuffer array = Syscalls.Scratch.get().payload(2 * count);
        if (C.semctl(id(), 0, GETALL, Native.address(array)) != 0) {
            throw Syscalls.error("semctl(" + id() + ", 0, GETALL)", describe());
        }
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = Short.toUnsignedInt(array.getShort(2 * i));
        }
        return values;
    }

    /** {@code semctl(SETALL)}: sets every value at once. */
    public void setValues(int... values) throws IpcException {
        checkOpen("semctl");
        if (values.length != count) {
            throw Errors.invalidArgument("semctl(" + id() + ", 0, SETALL)", describe(),
                    values.length + " values given for a set of " + count);
        }
        ByteBuffer array = Syscalls.Scratch.get().payload(2 * count);
        for (int i = 0; i < count; i++) {
            if (values[i] < 0 || values[i] > SEMVMX) {
                throw Errors.invalidArgument("semctl(" + id() + ", 0, SETALL)", describe(),
                        "value " + values[i] + " is outside 0.." + SEMVMX);
            }
            array.putShort(2 * i, (short) values[i]);
        }
        if (C.semctl(id(), 0, SETALL, Native.address(array)) != 0) {
            throw Syscalls.error("semctl(" + id() + ", 0, SETALL)", describe());
        }
    }

    /** {@code semctl(GETPID)}: the process that last operated on semaphore {@code index}. */
    public int lastPid(int index) throws IpcException {
        return semctl(index, GETPID, 0, "GETPID");
    }

    /** {@code semctl(GETNCNT)}: processes waiting for semaphore {@code index} to increase. */
    public int waitingForIncrease(int index) throws IpcException {
        return semctl(index, GETNCNT, 0, "GETNCNT");
    }

    /** {@code semctl(GETZCNT)}: processes waiting for semaphore {@code index} to become zero. */
    public int waitingForZero(int index) throws IpcException {
        return semctl(index, GETZCNT, 0, "GETZCNT");
    }

    /** {@code semctl(IPC_STAT)}. */
    public SysVSemaphoreSetStatus status() throws IpcException {
        checkOpen("semctl");
        return stat(id());
    }

    private static SysVSemaphoreSetStatus stat(int semid) throws IpcException {
        ByteBuffer ds = Native.scratch(SIZEOF_SEMID_DS);
        if (C.semctl(semid, 0, IPC_STAT, Native.address(ds)) != 0) {
            throw SysVObjects.statError("semctl(" + semid + ", 0, IPC_STAT)", "semid " + semid);
        }
        return new SysVSemaphoreSetStatus(semid, IpcPermissions.read(ds), ds.getLong(SEMID_DS_NSEMS_OFFSET),
                SysVObjects.time(ds.getLong(SEMID_DS_OTIME_OFFSET)), SysVObjects.time(ds.getLong(SEMID_DS_CTIME_OFFSET)));
    }

    private int semctl(int index, int cmd, int arg, String what) throws IpcException {
        checkOpen("semctl");
        if (index < 0 || index >= count) {
            throw Errors.invalidArgument("semctl(" + id() + ", " + index + ", " + what + ")", describe(),
                    "semaphore " + index + " does not exist in a set of " + count);
        }
        int r = C.semctl(id(), index, cmd, arg);
        if (r < 0) {
            throw Syscalls.error("semctl(" + id() + ", " + index + ", " + what + ")", describe());
        }
        return r;
    }

    /** Removes the set at once ({@code semctl(IPC_RMID)}); waiters fail with {@code EIDRM}. */
    @Override
    public void remove() throws IpcException {
        if (C.semctl(id(), 0, IPC_RMID, 0) != 0) {
            throw Syscalls.error("semctl(" + id() + ", 0, IPC_RMID)", describe());
        }
    }

    @Override
    String describe() {
        return "semid " + id();
    }

}
