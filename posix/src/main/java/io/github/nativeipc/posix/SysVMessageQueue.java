package io.github.nativeipc.posix;

import static io.github.nativeipc.bindings.PosixConstants.IPC_NOWAIT;
import static io.github.nativeipc.bindings.PosixConstants.IPC_RMID;
import static io.github.nativeipc.bindings.PosixConstants.IPC_STAT;
import static io.github.nativeipc.bindings.PosixConstants.MSG_EXCEPT;
import static io.github.nativeipc.bindings.PosixConstants.MSG_NOERROR;
import static io.github.nativeipc.bindings.PosixConstants.MSQID_DS_CBYTES_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.MSQID_DS_CTIME_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.MSQID_DS_LRPID_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.MSQID_DS_LSPID_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.MSQID_DS_QBYTES_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.MSQID_DS_QNUM_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.MSQID_DS_RTIME_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.MSQID_DS_STIME_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.SIZEOF_MSQID_DS;

import io.github.nativeipc.bindings.Errno;
import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * A System V message queue ({@code msgget}): typed messages ({@code long mtype > 0} followed by
 * bytes) exchanged with any process that knows the key or id, such as C code calling
 * {@code msgsnd}/{@code msgrcv}.
 *
 * <h2>Selecting messages</h2>
 * {@code receive(type, ...)} takes the first message of the queue when {@code type} is 0, the
 * first of exactly that type when it is positive, and the first of the lowest type not above
 * {@code |type|} when it is negative. {@link ReceiveFlag#EXCEPT} (Linux) takes the first message
 * <em>not</em> of that type; {@link ReceiveFlag#TRUNCATE} cuts a message longer than the buffer
 * instead of failing with {@code E2BIG}.
 *
 * <h2>Waiting</h2>
 * The blocking forms ({@link #send(long, ByteBuffer)}, {@link #receive(long, ByteBuffer)}) are one
 * untimed {@code msgsnd}/{@code msgrcv} without {@code IPC_NOWAIT}, so a peer's message or room
 * wakes them in the kernel at once, with no timer and no polling. System V itself wakes such a call
 * only for a message (or room), a signal or the queue's removal ({@code EIDRM}, reported as
 * {@link io.github.nativeipc.error.NotFoundException}); on Linux the library adds the signal
 * ({@link InterruptWatch}): {@link Thread#interrupt()} is answered within about
 * {@value Timeouts#SLICE_MILLIS} ms with {@link InterruptedException}, and {@link #close()} from
 * another thread at once with {@link io.github.nativeipc.error.ClosedException}. Either way nothing
 * was sent or received, and a thread interrupted before the call throws without making it. Other
 * calls interrupted by a signal ({@code EINTR}: System V calls are never restarted, whatever
 * {@code SA_RESTART} says) are retried. The {@code try} forms never wait ({@code IPC_NOWAIT}); the
 * timed forms (System V has no timed {@code msgsnd}/{@code msgrcv}) retry {@code IPC_NOWAIT} with
 * a pause growing from 20 µs to 1 ms, and answer interrupts and closing after at most one pause.
 *
 * <h2>Ownership</h2>
 * The queue has no descriptor: {@link #remove()} ({@code IPC_RMID}) destroys it and its messages
 * at once; {@link #close()} only does so with {@link CreateOptions#unlinkOnClose} for the creator.
 * The mode (default {@code 0600}) is the one given to {@code msgget}: the umask does not apply.
 *
 * <p>Payloads are copied once through a per-thread buffer (the kernel's message starts with the
 * type). Thread-safe.
 */
public final class SysVMessageQueue extends SysVObject {
    /** Options of a receive. */
    public enum ReceiveFlag {
        /** {@code MSG_NOERROR}: cut a message longer than the buffer instead of failing. */
        TRUNCATE,
        /** {@code MSG_EXCEPT} (Linux): take the first message whose type differs from the one given. */
        EXCEPT
    }

    private static final LibC C = Native.libc();
    private static final int EINTR = Errno.EINTR.value();
    private static final int EAGAIN = Errno.EAGAIN.value();
    private static final int ENOMSG = Errno.ENOMSG.value();
    private static final int E2BIG = Errno.E2BIG.value();
    private static final long MIN_PAUSE_NANOS = 20_000;
    private static final long MAX_PAUSE_NANOS = 1_000_000;


    private SysVMessageQueue(SysVKey key, SysVObjects.Id id, boolean removeOnClose) {
        super(key, id, removeOnClose);
    }

    /**
     * Creates a queue, mode {@code 0600}, failing if the key is taken: {@code msgget(key, IPC_CREAT|IPC_EXCL|0600)}.
     *
     * @throws io.github.nativeipc.error.AlreadyExistsException if a queue has this key
     * @throws io.github.nativeipc.error.LimitReachedException if {@code /proc/sys/kernel/msgmni} queues exist
     */
    public static SysVMessageQueue create(SysVKey key) throws IpcException {
        return create(key, CreateOptions.defaults());
    }

    public static SysVMessageQueue create(SysVKey key, CreateOptions options) throws IpcException {
        return new SysVMessageQueue(key, SysVObjects.get("msgget", key, "", SysVObjects.Disposition.CREATE,
                options.mode(), flags -> C.msgget(key.value(), flags)), options.unlinkOnClose());
    }

    /** Opens the queue with {@code key}: {@code msgget(key, 0)}. */
    public static SysVMessageQueue open(SysVKey key) throws IpcException {
        return new SysVMessageQueue(key, SysVObjects.get("msgget", key, "", SysVObjects.Disposition.OPEN, 0,
                flags -> C.msgget(key.value(), flags)), false);
    }

    /** Opens the queue with {@code key}, creating it if there is none. */
    public static SysVMessageQueue openOrCreate(SysVKey key, CreateOptions options) throws IpcException {
        return new SysVMessageQueue(key, SysVObjects.get("msgget", key, "", SysVObjects.Disposition.OPEN_OR_CREATE,
                options.mode(), flags -> C.msgget(key.value(), flags)), options.unlinkOnClose());
    }

    /** The queue with id {@code msqid} (as {@code ipcs -q} lists it); checked with {@code IPC_STAT}. */
    public static SysVMessageQueue byId(int msqid) throws IpcException {
        SysVMessageQueueStatus s = stat(msqid);
        return new SysVMessageQueue(s.permissions().key(), new SysVObjects.Id(msqid, false), false);
    }

    // ---------------------------------------------------------------- sending

    /**
     * Sends {@code payload}'s remaining bytes as a message of {@code type}, waiting while the queue
     * is full ({@code msgsnd}). The buffer's position reaches its limit.
     *
     * @param type positive message type
     * @throws io.github.nativeipc.error.InvalidArgumentException for a type below 1, or a payload above
     *         {@code /proc/sys/kernel/msgmax} ({@code EINVAL})
     * @throws io.github.nativeipc.error.NotFoundException if the queue is removed meanwhile ({@code EIDRM})
     * @throws io.github.nativeipc.error.ClosedException if this object is closed before or while waiting (nothing sent)
     * @throws InterruptedException if interrupted before or while waiting (nothing sent)
     */
    public void send(long type, ByteBuffer payload) throws IpcException, InterruptedException {
        send(type, payload, 0);
    }

    /** Sends if there is room now ({@code IPC_NOWAIT}); false (nothing sent) if the queue is full. */
    public boolean trySend(long type, ByteBuffer payload) throws IpcException {
        try {
            return send(type, payload, IPC_NOWAIT);
        } catch (InterruptedException e) {
            throw new AssertionError("a non-waiting msgsnd cannot be interrupted", e);
        }
    }

    /**
     * Sends, waiting at most {@code timeout} for room.
     *
     * @throws io.github.nativeipc.error.WouldBlockException if there was no room in time (nothing sent)
     * @throws InterruptedException if interrupted while waiting (nothing sent)
     */
    public void send(long type, ByteBuffer payload, Duration timeout) throws IpcException, InterruptedException {
        long deadline = System.nanoTime() + Timeouts.nanos(timeout);
        long pause = MIN_PAUSE_NANOS;
        while (!send(type, payload, IPC_NOWAIT)) {
            pause = pauseUntil(deadline, pause, "msgsnd(" + id() + ", type " + type + ", " + payload.remaining() + " bytes)");
        }
    }

    /**
     * One send: {@code flags} is {@code IPC_NOWAIT} or 0 (untimed; where {@link #WATCHED}, bracketed
     * by {@link #enterWait}/{@link #beforeBlocking} so that an interrupt or a close wakes it).
     */
    private boolean send(long type, ByteBuffer payload, int flags) throws IpcException, InterruptedException {
        Objects.requireNonNull(payload, "payload");
        checkOpen("msgsnd");
        if (type < 1) {
            throw Errors.invalidArgument("msgsnd(" + id() + ", type " + type + ")", describe(), "message types start at 1");
        }
        int length = payload.remaining();
        Syscalls.Scratch s = Syscalls.Scratch.get();
        ByteBuffer message = s.payload(8 + length);
        message.putLong(0, type).put(8, payload, payload.position(), length);
        long address = s.addressOf(message);
        boolean watched = WATCHED && (flags & IPC_NOWAIT) == 0;
        if (watched) {
            enterWait("msgsnd");
        }
        try {
            for (;;) {
                int r;
                if (watched) {
                    beforeBlocking(s, "msgsnd");
                    r = C.msgsnd(id(), address, length, flags);
                    s.blockedOn = null;
                } else {
                    r = C.msgsnd(id(), address, length, flags);
                }
                if (r == 0) {
                    payload.position(payload.limit());
                    return true;
                }
                int errno = Native.errno();
                if (errno == EINTR) {
                    continue;   // nothing was sent; an interrupt or a close is seen before the next call
                }
                if (errno == EAGAIN && (flags & IPC_NOWAIT) != 0) {
                    return false;
                }
                String call = "msgsnd(" + id() + ", type " + type + ", " + length + " bytes" + ((flags & IPC_NOWAIT) != 0 ? ", IPC_NOWAIT)" : ")");
                throw Syscalls.error(call, describe(), errno == Errno.EINVAL.value()
                        ? "a message may have at most " + sysctl("msgmax") + " bytes (/proc/sys/kernel/msgmax)" : null);
            }
        } finally {
            if (watched) {
                exitWait();
            }
        }
    }

    // ---------------------------------------------------------------- receiving

    /**
     * Receives a message selected by {@code type} (see the class notes) into {@code dst}, waiting
     * until there is one ({@code msgrcv}). Its bytes are written from {@code dst}'s position, which
     * advances by their count.
     *
     * @return the message's type
     * @throws io.github.nativeipc.error.LimitReachedException if it is longer than {@code dst.remaining()}
     *         ({@code E2BIG}; the message stays queued) and {@link ReceiveFlag#TRUNCATE} was not given
     * @throws io.github.nativeipc.error.NotFoundException if the queue is removed meanwhile ({@code EIDRM})
     * @throws io.github.nativeipc.error.ClosedException if this object is closed before or while waiting (nothing received)
     * @throws InterruptedException if interrupted before or while waiting (nothing received: the message stays queued)
     */
    public long receive(long type, ByteBuffer dst) throws IpcException, InterruptedException {
        return receive(type, dst, Set.of());
    }

    /** Like {@link #receive(long, ByteBuffer)} with flags. */
    public long receive(long type, ByteBuffer dst, Set<ReceiveFlag> flags) throws IpcException, InterruptedException {
        return receive(type, dst, flags, 0);
    }

    /** Receives a message if one is there now ({@code IPC_NOWAIT}); returns its type, or 0 if none. */
    public long tryReceive(long type, ByteBuffer dst) throws IpcException {
        return tryReceive(type, dst, Set.of());
    }

    /** Like {@link #tryReceive(long, ByteBuffer)} with flags. */
    public long tryReceive(long type, ByteBuffer dst, Set<ReceiveFlag> flags) throws IpcException {
        try {
            return receive(type, dst, flags, IPC_NOWAIT);
        } catch (InterruptedException e) {
            throw new AssertionError("a non-waiting msgrcv cannot be interrupted", e);
        }
    }

    /**
     * Receives, waiting at most {@code timeout}.
     *
     * @throws io.github.nativeipc.error.WouldBlockException if no message came in time
     * @throws InterruptedException if interrupted while waiting
     */
    public long receive(long type, ByteBuffer dst, Set<ReceiveFlag> flags, Duration timeout)
            throws IpcException, InterruptedException {
        long deadline = System.nanoTime() + Timeouts.nanos(timeout);
        long pause = MIN_PAUSE_NANOS;
        for (;;) {
            long got = receive(type, dst, flags, IPC_NOWAIT);
            if (got != 0) {
                return got;
            }
            pause = pauseUntil(deadline, pause, "msgrcv(" + id() + ", type " + type + ")");
        }
    }

    /**
     * One receive: {@code waitFlag} is {@code IPC_NOWAIT} or 0 (untimed; where {@link #WATCHED},
     * bracketed by {@link #enterWait}/{@link #beforeBlocking} so that an interrupt or a close wakes it).
     */
    private long receive(long type, ByteBuffer dst, Set<ReceiveFlag> flags, int waitFlag)
            throws IpcException, InterruptedException {
        Objects.requireNonNull(dst, "dst");
        checkOpen("msgrcv");
        if (dst.isReadOnly()) {
            throw Errors.invalidArgument("msgrcv(" + id() + ")", describe(), "the destination buffer is read-only");
        }
        int msgFlags = waitFlag | (flags.contains(ReceiveFlag.TRUNCATE) ? MSG_NOERROR : 0)
                | (flags.contains(ReceiveFlag.EXCEPT) ? MSG_EXCEPT : 0);
        int room = dst.remaining();
        Syscalls.Scratch s = Syscalls.Scratch.get();
        ByteBuffer message = s.payload(8 + room);
        long address = s.addressOf(message);
        boolean watched = WATCHED && waitFlag == 0;
        if (watched) {
            enterWait("msgrcv");
        }
        try {
            for (;;) {
                long n;
                if (watched) {
                    beforeBlocking(s, "msgrcv");
                    n = C.msgrcv(id(), address, room, type, msgFlags);
                    s.blockedOn = null;
                } else {
                    n = C.msgrcv(id(), address, room, type, msgFlags);
                }
                if (n >= 0) {
                    dst.put(dst.position(), message, 8, (int) n);
                    dst.position(dst.position() + (int) n);
                    return message.getLong(0);
                }
                int errno = Native.errno();
                if (errno == EINTR) {
                    continue;   // nothing was taken; an interrupt or a close is seen before the next call
                }
                if (errno == ENOMSG && waitFlag != 0) {
                    return 0;
                }
                String call = "msgrcv(" + id() + ", " + room + " bytes, type " + type + ")";
                throw Syscalls.error(call, describe(), errno == E2BIG
                        ? "the message is longer than the " + room + " bytes remaining in the buffer; it stays queued"
                                + " (ReceiveFlag.TRUNCATE cuts it instead)" : null);
            }
        } finally {
            if (watched) {
                exitWait();
            }
        }
    }

    // ---------------------------------------------------------------- control

    /** {@code msgctl(IPC_STAT)}. */
    public SysVMessageQueueStatus status() throws IpcException {
        checkOpen("msgctl");
        return stat(id());
    }

    private static SysVMessageQueueStatus stat(int msqid) throws IpcException {
        ByteBuffer ds = Native.scratch(SIZEOF_MSQID_DS);
        if (C.msgctl(msqid, IPC_STAT, Native.address(ds)) != 0) {
            throw SysVObjects.statError("msgctl(" + msqid + ", IPC_STAT)", "msqid " + msqid);
        }
        return new SysVMessageQueueStatus(msqid, IpcPermissions.read(ds), ds.getLong(MSQID_DS_CBYTES_OFFSET),
                ds.getLong(MSQID_DS_QNUM_OFFSET), ds.getLong(MSQID_DS_QBYTES_OFFSET),
                SysVObjects.time(ds.getLong(MSQID_DS_STIME_OFFSET)), SysVObjects.time(ds.getLong(MSQID_DS_RTIME_OFFSET)),
                SysVObjects.time(ds.getLong(MSQID_DS_CTIME_OFFSET)), ds.getInt(MSQID_DS_LSPID_OFFSET),
                ds.getInt(MSQID_DS_LRPID_OFFSET));
    }

    /** Removes the queue and its messages at once ({@code msgctl(IPC_RMID)}); waiters fail with {@code EIDRM}. */
    @Override
    public void remove() throws IpcException {
        if (C.msgctl(id(), IPC_RMID, 0) != 0) {
            throw Syscalls.error("msgctl(" + id() + ", IPC_RMID)", describe());
        }
    }

    // ---------------------------------------------------------------- internals

    @Override
    String describe() {
        return "msqid " + id();
    }

    /** Sleeps before the next {@code IPC_NOWAIT} attempt; the next pause; throws at the deadline. */
    private long pauseUntil(long deadline, long pause, String call) throws IpcException, InterruptedException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw Errors.timedOut(call, describe(), "nothing happened within the timeout");
        }
        LockSupport.parkNanos(Math.min(pause, left));
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted while waiting on " + describe());
        }
        checkOpen(call);
        return Math.min(pause * 2, MAX_PAUSE_NANOS);
    }

    static String sysctl(String file) {
        return ProcSys.read("kernel/" + file);
    }
}
