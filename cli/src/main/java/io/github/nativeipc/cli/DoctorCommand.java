package io.github.nativeipc.cli;

import io.github.nativeipc.posix.IpcEnvironment;
import io.github.nativeipc.posix.PosixIpcObjects;
import io.github.nativeipc.posix.SystemLimits;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code nipc doctor}: what this machine and IPC namespace support and their limits, through
 * {@link SystemLimits} and {@link IpcEnvironment}; each limit with where it is set.
 */
final class DoctorCommand {
    private DoctorCommand() {}

    static void run(List<String> args, Io io) throws UsageException {
        Args a = Args.parse("nipc doctor", args, Set.of(), Set.of("json"));
        a.atMost(0);
        Map<String, Object> report = report();
        if (a.flag("json")) {
            Payloads.printJson(io.out(), report);
        } else {
            print(io, report, "");
        }
    }

    static Map<String, Object> report() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("platform", IpcEnvironment.platform());
        r.put("ipcNamespace", IpcEnvironment.ipcNamespace().orElse(null));
        Optional<String> container = IpcEnvironment.container();
        r.put("container", container.isPresent());
        r.put("containerEvidence", container.orElse(null));

        IpcEnvironment.Support s = IpcEnvironment.support();
        Map<String, Object> support = new LinkedHashMap<>();
        support.put("posixSharedMemory", s.posixSharedMemory());
        support.put("posixSemaphores", s.posixSharedMemory());
        support.put("posixMessageQueues", s.posixMessageQueues());
        support.put("messageQueuesListable", s.messageQueuesListable());
        support.put("sysV", s.sysV());
        support.put("semClockwait", s.semClockwait());
        r.put("support", support);

        Map<String, Object> shm = new LinkedHashMap<>();
        IpcEnvironment.sharedMemorySpace().ifPresent(space -> {
            shm.put("path", space.mountPoint().toString());
            shm.put("type", space.type());
            shm.put("totalBytes", space.total());
            shm.put("freeBytes", space.free());
        });
        r.put("devShm", shm);

        Map<String, Object> mq = new LinkedHashMap<>();
        SystemLimits.MessageQueueLimits l = SystemLimits.messageQueues();
        mq.put("mount", PosixIpcObjects.messageQueueMount().map(Path::toString).orElse(null));
        mq.put("msg_max", value(l.msgMax()));
        mq.put("msgsize_max", value(l.msgsizeMax()));
        mq.put("queues_max", value(l.queuesMax()));
        mq.put("msg_default", value(l.msgDefault()));
        mq.put("msgsize_default", value(l.msgsizeDefault()));
        SystemLimits.ResourceLimit rl = SystemLimits.messageQueueBytes();
        mq.put("RLIMIT_MSGQUEUE", value(rl.soft()));
        mq.put("RLIMIT_MSGQUEUE_hard", value(rl.hard()));
        r.put("posixMessageQueues", mq);

        Map<String, Object> sysv = new LinkedHashMap<>();
        SystemLimits.SysVLimits v = SystemLimits.sysV();
        sysv.put("shmmax", value(v.shmmax()));
        sysv.put("shmall", value(v.shmall()));
        sysv.put("shmmni", value(v.shmmni()));
        sysv.put("msgmax", value(v.msgmax()));
        sysv.put("msgmnb", value(v.msgmnb()));
        sysv.put("msgmni", value(v.msgmni()));
        sysv.put("semmsl", value(v.semmsl()));
        sysv.put("semmns", value(v.semmns()));
        sysv.put("semopm", value(v.semopm()));
        sysv.put("semmni", value(v.semmni()));
        r.put("sysV", sysv);
        return r;
    }

    /** A limit for the report: null if unknown, "unlimited" beyond {@link Long#MAX_VALUE}. */
    private static Object value(long v) {
        if (v == SystemLimits.UNKNOWN) {
            return null;
        }
        return v == SystemLimits.UNLIMITED ? "unlimited" : (Object) v;
    }

    private static final Map<String, String> WHERE = Map.ofEntries(
            Map.entry("msg_max", "/proc/sys/fs/mqueue/msg_max"),
            Map.entry("msgsize_max", "/proc/sys/fs/mqueue/msgsize_max"),
            Map.entry("queues_max", "/proc/sys/fs/mqueue/queues_max"),
            Map.entry("msg_default", "/proc/sys/fs/mqueue/msg_default"),
            Map.entry("msgsize_default", "/proc/sys/fs/mqueue/msgsize_default"),
            Map.entry("RLIMIT_MSGQUEUE", "bytes per user; ulimit -q, limits.conf msgqueue"),
            Map.entry("RLIMIT_MSGQUEUE_hard", "ulimit -Hq"),
            Map.entry("shmmax", "bytes; /proc/sys/kernel/shmmax"),
            Map.entry("shmall", "pages; /proc/sys/kernel/shmall"),
            Map.entry("shmmni", "/proc/sys/kernel/shmmni"),
            Map.entry("msgmax", "bytes; /proc/sys/kernel/msgmax"),
            Map.entry("msgmnb", "bytes; /proc/sys/kernel/msgmnb"),
            Map.entry("msgmni", "/proc/sys/kernel/msgmni"),
            Map.entry("semmsl", "/proc/sys/kernel/sem, 1st"),
            Map.entry("semmns", "/proc/sys/kernel/sem, 2nd"),
            Map.entry("semopm", "/proc/sys/kernel/sem, 3rd"),
            Map.entry("semmni", "/proc/sys/kernel/sem, 4th"),
            Map.entry("mount", "mount -t mqueue none /dev/mqueue to list queues"));

    @SuppressWarnings("unchecked")
    private static void print(Io io, Map<String, Object> map, String indent) {
        int width = 0;
        for (String k : map.keySet()) {
            width = Math.max(width, k.length());
        }
        for (Map.Entry<String, Object> e : map.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Map) {
                io.out().println(indent + e.getKey() + ":");
                print(io, (Map<String, Object>) v, indent + "  ");
                continue;
            }
            String text = v == null ? "-" : v instanceof Boolean ? ((Boolean) v ? "yes" : "no") : v.toString();
            String where = WHERE.get(e.getKey());
            io.out().println(indent + e.getKey() + ":" + " ".repeat(width - e.getKey().length() + 1) + text
                    + (where == null ? "" : "   (" + where + ")"));
        }
        io.out().flush();
    }
}
