package io.github.nativeipc.posix;

import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.bindings.PosixConstants;
import java.nio.ByteBuffer;

/**
 * The kernel limits that bound IPC objects on this machine (Linux), as the kernel reports them
 * now: the POSIX message-queue settings under {@code /proc/sys/fs/mqueue}, the System V settings
 * under {@code /proc/sys/kernel}, and the per-user message-queue memory {@code RLIMIT_MSGQUEUE}.
 * These are the numbers the library's error messages name when a limit is hit.
 *
 * <p>In every record, {@link #UNKNOWN} ({@code -1}) stands for a value that could not be read (no
 * such file, not Linux), and {@link #UNLIMITED} ({@link Long#MAX_VALUE}) for "no practical limit":
 * the kernel prints some defaults as unsigned numbers near 2^64, and {@code RLIM_INFINITY} is one.
 *
 * <p>Each method reads the files afresh (a few {@code read} calls, no IPC object is touched).
 * Thread-safe (stateless).
 */
public final class SystemLimits {
    private SystemLimits() {}

    private static final LibC C = Native.libc();

    /** A value that could not be read. */
    public static final long UNKNOWN = -1;
    /** A value beyond {@link Long#MAX_VALUE}, or {@code RLIM_INFINITY}: no practical limit. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    /**
     * The POSIX message-queue settings, {@code /proc/sys/fs/mqueue/*}.
     *
     * @param msgMax         {@code msg_max}: most messages per queue, for a process without {@code CAP_SYS_RESOURCE}
     * @param msgsizeMax     {@code msgsize_max}: largest message size, same
     * @param queuesMax      {@code queues_max}: queues on the system (per IPC namespace)
     * @param msgDefault     {@code msg_default}: {@code mq_maxmsg} of a queue created without attributes
     * @param msgsizeDefault {@code msgsize_default}: {@code mq_msgsize} of a queue created without attributes
     */
    public record MessageQueueLimits(long msgMax, long msgsizeMax, long queuesMax, long msgDefault,
            long msgsizeDefault) {}

    /**
     * The System V settings, {@code /proc/sys/kernel/*}.
     *
     * @param shmmax largest segment, bytes
     * @param shmall all segments together, pages
     * @param shmmni segments on the system
     * @param msgmax largest message, bytes
     * @param msgmnb default bytes a queue holds ({@code msg_qbytes})
     * @param msgmni queues on the system
     * @param semmsl semaphores per set (first field of {@code sem})
     * @param semmns semaphores on the system (second field)
     * @param semopm operations per {@code semop} call (third field)
     * @param semmni semaphore sets on the system (fourth field)
     */
    public record SysVLimits(long shmmax, long shmall, long shmmni, long msgmax, long msgmnb, long msgmni,
            long semmsl, long semmns, long semopm, long semmni) {}

    /**
     * A resource limit ({@code getrlimit}).
     *
     * @param soft the limit in force ({@link #UNLIMITED} for {@code RLIM_INFINITY})
     * @param hard the ceiling the soft limit may be raised to without privilege
     */
    public record ResourceLimit(long soft, long hard) {}

    /** Reads {@code /proc/sys/fs/mqueue/{msg_max,msgsize_max,queues_max,msg_default,msgsize_default}}. */
    public static MessageQueueLimits messageQueues() {
        return new MessageQueueLimits(ProcSys.readLong("fs/mqueue/msg_max"), ProcSys.readLong("fs/mqueue/msgsize_max"),
                ProcSys.readLong("fs/mqueue/queues_max"), ProcSys.readLong("fs/mqueue/msg_default"),
                ProcSys.readLong("fs/mqueue/msgsize_default"));
    }

    /** Reads {@code /proc/sys/kernel/{shmmax,shmall,shmmni,msgmax,msgmnb,msgmni,sem}}. */
    public static SysVLimits sysV() {
        long[] sem = semFields(ProcSys.read("kernel/sem"));
        return new SysVLimits(ProcSys.readLong("kernel/shmmax"), ProcSys.readLong("kernel/shmall"),
                ProcSys.readLong("kernel/shmmni"), ProcSys.readLong("kernel/msgmax"), ProcSys.readLong("kernel/msgmnb"),
                ProcSys.readLong("kernel/msgmni"), sem[0], sem[1], sem[2], sem[3]);
    }

    /** The four numbers of {@code /proc/sys/kernel/sem} ({@code SEMMSL SEMMNS SEMOPM SEMMNI}), {@link #UNKNOWN} where missing. */
    static long[] semFields(String text) {
        long[] values = {UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN};
        String[] fields = text.trim().split("\\s+");
        for (int i = 0; i < values.length && i < fields.length; i++) {
            values[i] = ProcSys.parseUnsigned(fields[i]);
        }
        return values;
    }

    /**
     * This process's {@code RLIMIT_MSGQUEUE} ({@code getrlimit}; {@code ulimit -q}): the bytes of
     * POSIX message queues its user may have allocated. {@link #UNKNOWN} for both if the call fails.
     */
    public static ResourceLimit messageQueueBytes() {
        ByteBuffer r = Native.scratch(PosixConstants.SIZEOF_RLIMIT);
        if (C.getrlimit(PosixConstants.RLIMIT_MSGQUEUE, Native.address(r)) != 0) {
            return new ResourceLimit(UNKNOWN, UNKNOWN);
        }
        return new ResourceLimit(rlim(r.getLong(0)), rlim(r.getLong(8)));
    }

    private static long rlim(long value) {
        return value == PosixConstants.RLIM_INFINITY || value < 0 ? UNLIMITED : value;
    }
}
