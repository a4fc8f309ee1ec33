package io.github.nativeipc.cli;

import io.github.nativeipc.posix.FileStatus;
import io.github.nativeipc.posix.IpcPermissions;
import io.github.nativeipc.posix.MessageQueueAttributes;
import io.github.nativeipc.posix.PosixIpcObjects;
import io.github.nativeipc.posix.SysVIpcObjects;
import io.github.nativeipc.posix.SysVMessageQueueStatus;
import io.github.nativeipc.posix.SysVSemaphoreSetStatus;
import io.github.nativeipc.posix.SysVSharedMemoryStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code nipc ls}: every IPC object of this IPC namespace, whoever created it, through
 * {@link PosixIpcObjects} and {@link SysVIpcObjects}. One row per object: type, name or key, id,
 * owner, mode, size in bytes and a type-specific detail (messages waiting, semaphore value, ...).
 */
final class LsCommand {
    private LsCommand() {}

    static final List<String> TYPES = List.of("shm", "mq", "sem", "sysv-shm", "sysv-msg", "sysv-sem");

    static void run(List<String> args, Io io) throws UsageException {
        Args a = Args.parse("nipc ls", args, Set.of("type"), Set.of("json"));
        a.atMost(0);
        String only = a.value("type");
        if (only != null && !TYPES.contains(only)) {
            throw new UsageException("nipc ls: --type must be one of " + String.join(", ", TYPES) + ", not '" + only + "'");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        if (wanted(only, "shm")) {
            for (PosixIpcObjects.SharedMemoryEntry e : PosixIpcObjects.sharedMemory()) {
                Map<String, Object> m = posix("shm", e.name(), e.status());
                m.put("size", e.status().size());
                rows.add(m);
            }
        }
        if (wanted(only, "mq")) {
            Optional<Path> mount = PosixIpcObjects.messageQueueMount();
            if (mount.isEmpty()) {
                io.err().println("nipc ls: POSIX message queues not listed: the mqueue file system is not mounted"
                        + " (as root: mkdir -p /dev/mqueue && mount -t mqueue none /dev/mqueue)");
            } else {
                for (PosixIpcObjects.MessageQueueEntry e : PosixIpcObjects.messageQueues(mount.get())) {
                    Map<String, Object> m = posix("mq", e.name(), e.status());
                    m.put("size", e.queuedBytes() < 0 ? null : e.queuedBytes());
                    MessageQueueAttributes attr = e.attributes().orElse(null);
                    m.put("messages", attr == null ? null : attr.currentMessages());
                    m.put("maxMessages", attr == null ? null : attr.maxMessages());
                    m.put("messageSize", attr == null ? null : attr.messageSize());
                    rows.add(m);
                }
            }
        }
        if (wanted(only, "sem")) {
            for (PosixIpcObjects.SemaphoreEntry e : PosixIpcObjects.semaphores()) {
                Map<String, Object> m = posix("sem", e.name(), e.status());
                m.put("value", e.value().isPresent() ? e.value().getAsInt() : null);
                rows.add(m);
            }
        }
        if (wanted(only, "sysv-shm")) {
            for (SysVSharedMemoryStatus s : SysVIpcObjects.sharedMemory()) {
                Map<String, Object> m = sysv("sysv-shm", s.id(), s.permissions());
                m.put("size", s.size());
                m.put("attached", s.attachCount());
                rows.add(m);
            }
        }
        if (wanted(only, "sysv-msg")) {
            for (SysVMessageQueueStatus s : SysVIpcObjects.messageQueues()) {
                Map<String, Object> m = sysv("sysv-msg", s.id(), s.permissions());
                m.put("size", s.bytes());
                m.put("messages", s.messages());
                rows.add(m);
            }
        }
        if (wanted(only, "sysv-sem")) {
            for (SysVSemaphoreSetStatus s : SysVIpcObjects.semaphoreSets()) {
                Map<String, Object> m = sysv("sysv-sem", s.id(), s.permissions());
                m.put("count", s.count());
                rows.add(m);
            }
        }
        if (a.flag("json")) {
            Payloads.printJson(io.out(), rows);
            return;
        }
        Table table = new Table("TYPE", "NAME/KEY", "ID", "OWNER", "MODE", "BYTES", "DETAIL");
        for (Map<String, Object> m : rows) {
            table.add(m.get("type"), m.containsKey("name") ? m.get("name") : m.get("key"), m.get("id"), m.get("owner"),
                    m.get("mode"), m.get("size"), detail(m));
        }
        table.print(io.out());
    }

    private static boolean wanted(String only, String type) {
        return only == null || only.equals(type);
    }

    private static Map<String, Object> posix(String type, String name, FileStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("name", name);
        Stat.owner(m, s.mode(), s.uid(), s.gid());
        return m;
    }

    private static Map<String, Object> sysv(String type, int id, IpcPermissions p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("key", p.key().toString());
        m.put("id", id);
        Stat.owner(m, p.mode(), p.uid(), p.gid());
        return m;
    }

    private static String detail(Map<String, Object> m) {
        switch ((String) m.get("type")) {
            case "mq":
                return m.get("messages") == null ? "messages=?" : "messages=" + m.get("messages") + " max="
                        + m.get("maxMessages") + "x" + m.get("messageSize");
            case "sem":
                return "value=" + (m.get("value") == null ? "?" : m.get("value"));
            case "sysv-shm":
                return "attached=" + m.get("attached");
            case "sysv-msg":
                return "messages=" + m.get("messages");
            case "sysv-sem":
                return "semaphores=" + m.get("count");
            default:
                return "";
        }
    }
}
