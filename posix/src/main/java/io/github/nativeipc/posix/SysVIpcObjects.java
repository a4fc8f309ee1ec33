package io.github.nativeipc.posix;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The System V objects that exist now in this IPC namespace, whoever created them (what
 * {@code ipcs} shows), read from {@code /proc/sysvipc/shm}, {@code msg} and {@code sem}: one line
 * per object, no permission needed, no object touched. Columns are found by their header, so an
 * added column does not shift the others.
 *
 * <p>The entries are the same records {@code IPC_STAT} gives ({@link SysVSharedMemory#status()}
 * and its siblings), with one field the file lacks: {@link SysVMessageQueueStatus#maxBytes()} is
 * -1 here ({@code msg_qbytes} is not in {@code /proc/sysvipc/msg}; {@link SysVMessageQueue#byId}
 * then {@code status()} reads it). Entries are in the kernel's order (by id). An unreadable file
 * (not Linux, no System V IPC in the kernel) gives an empty list.
 *
 * <p>Thread-safe (stateless).
 */
public final class SysVIpcObjects {
    private SysVIpcObjects() {}

    /** The segments, from {@code /proc/sysvipc/shm}. */
    public static List<SysVSharedMemoryStatus> sharedMemory() {
        return parseSharedMemory(read("shm"));
    }

    /** The message queues, from {@code /proc/sysvipc/msg}. */
    public static List<SysVMessageQueueStatus> messageQueues() {
        return parseMessageQueues(read("msg"));
    }

    /** The semaphore sets, from {@code /proc/sysvipc/sem}. */
    public static List<SysVSemaphoreSetStatus> semaphoreSets() {
        return parseSemaphoreSets(read("sem"));
    }

    static List<SysVSharedMemoryStatus> parseSharedMemory(String text) {
        List<SysVSharedMemoryStatus> result = new ArrayList<>();
        for (Row r : rows(text)) {
            result.add(new SysVSharedMemoryStatus(r.integer("shmid"), r.permissions(), r.number("size"),
                    r.number("nattch"), SysVObjects.time(r.number("atime")), SysVObjects.time(r.number("dtime")),
                    SysVObjects.time(r.number("ctime")), r.integer("cpid"), r.integer("lpid")));
        }
        return result;
    }

    static List<SysVMessageQueueStatus> parseMessageQueues(String text) {
        List<SysVMessageQueueStatus> result = new ArrayList<>();
        for (Row r : rows(text)) {
            result.add(new SysVMessageQueueStatus(r.integer("msqid"), r.permissions(), r.number("cbytes"),
                    r.number("qnum"), -1, SysVObjects.time(r.number("stime")), SysVObjects.time(r.number("rtime")),
                    SysVObjects.time(r.number("ctime")), r.integer("lspid"), r.integer("lrpid")));
        }
        return result;
    }

    static List<SysVSemaphoreSetStatus> parseSemaphoreSets(String text) {
        List<SysVSemaphoreSetStatus> result = new ArrayList<>();
        for (Row r : rows(text)) {
            result.add(new SysVSemaphoreSetStatus(r.integer("semid"), r.permissions(), r.number("nsems"),
                    SysVObjects.time(r.number("otime")), SysVObjects.time(r.number("ctime"))));
        }
        return result;
    }

    /** One line of a {@code /proc/sysvipc} file, its fields by column name. */
    private record Row(Map<String, String> fields) {
        long number(String column) {
            String v = fields.get(column);
            if (v == null) {
                throw new IllegalStateException("/proc/sysvipc has no column " + column);
            }
            return Long.parseLong(v);
        }

        int integer(String column) {
            return (int) number(column);
        }

        /** {@code key} is printed as a signed decimal, {@code perms} in octal (with the mode's high bits). */
        IpcPermissions permissions() {
            return new IpcPermissions(SysVKey.of(integer("key")), integer("uid"), integer("gid"), integer("cuid"),
                    integer("cgid"), Integer.parseInt(fields.get("perms"), 8) & 0777);
        }
    }

    private static List<Row> rows(String text) {
        List<Row> rows = new ArrayList<>();
        String[] lines = text.split("\n");
        if (lines.length < 2) {
            return rows;
        }
        String[] header = lines[0].trim().split("\\s+");
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] values = line.split("\\s+");
            Map<String, String> fields = new HashMap<>();
            for (int c = 0; c < header.length && c < values.length; c++) {
                fields.put(header[c], values[c]);
            }
            rows.add(new Row(fields));
        }
        return rows;
    }

    /** The text of {@code /proc/sysvipc/<file>} (read with a stream: the file reports size 0), or "". */
    private static String read(String file) {
        try (InputStream in = new FileInputStream("/proc/sysvipc/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return "";
        }
    }
}
