package io.github.nativeipc.posix;

import io.github.nativeipc.error.IpcException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The POSIX IPC objects that exist now on this machine (in this IPC namespace), whoever created
 * them: a C program, Python's {@code multiprocessing.shared_memory}, this library. Linux keeps
 * them as files, which is how they are found:
 * <ul>
 *   <li>shared-memory objects are the files of {@code /dev/shm} (a tmpfs), {@code /NAME} being
 *       {@code /dev/shm/NAME};</li>
 *   <li>named semaphores are {@code /dev/shm/sem.NAME} (glibc's convention);</li>
 *   <li>message queues are the files of the {@code mqueue} file system, which is usually mounted at
 *       {@code /dev/mqueue} but need not be mounted at all ({@link #messageQueueMount()} tells);
 *       each file reads {@code QSIZE:... NOTIFY:... SIGNO:... NOTIFY_PID:...}.</li>
 * </ul>
 * Owner, mode and size come from the file ({@code stat}, no need to open the object). A
 * semaphore's value and a queue's attributes need the object opened ({@code sem_open},
 * {@code mq_open(O_RDONLY)}), which the mode may refuse: those fields are then empty. Objects
 * removed while the listing runs are left out. Entries are sorted by name.
 *
 * <p>Linux only. Thread-safe (stateless).
 */
public final class PosixIpcObjects {
    private PosixIpcObjects() {}

    /** Where Linux keeps POSIX shared-memory objects and named semaphores. */
    public static final Path SHM_DIR = Path.of("/dev/shm");
    /** Where the {@code mqueue} file system is conventionally mounted. */
    public static final Path MQUEUE_DIR = Path.of("/dev/mqueue");

    private static final String SEM_PREFIX = "sem.";

    /**
     * A shared-memory object.
     *
     * @param name   its name, such as {@code /orders}
     * @param status size, mode and owner (from the file)
     */
    public record SharedMemoryEntry(String name, FileStatus status) {}

    /**
     * A named semaphore.
     *
     * @param name   its name, such as {@code /ready}
     * @param status mode and owner (from {@code /dev/shm/sem.NAME})
     * @param value  its value ({@code sem_getvalue}), empty if it could not be opened
     */
    public record SemaphoreEntry(String name, FileStatus status, OptionalInt value) {}

    /**
     * A POSIX message queue.
     *
     * @param name        its name, such as {@code /jobs}
     * @param status      mode and owner (from the file in the mqueue file system)
     * @param queuedBytes bytes of messages waiting ({@code QSIZE} of the file), -1 if unreadable
     * @param attributes  {@code mq_getattr} (sizes and messages waiting), empty if it could not be opened
     */
    public record MessageQueueEntry(String name, FileStatus status, long queuedBytes,
            Optional<MessageQueueAttributes> attributes) {}

    /** The shared-memory objects: the regular files of {@link #SHM_DIR} other than semaphores. */
    public static List<SharedMemoryEntry> sharedMemory() {
        List<SharedMemoryEntry> result = new ArrayList<>();
        for (Path file : files(SHM_DIR)) {
            String fileName = file.getFileName().toString();
            if (!fileName.startsWith(SEM_PREFIX)) {
                stat(file).ifPresent(s -> result.add(new SharedMemoryEntry("/" + fileName, s)));
            }
        }
        result.sort(Comparator.comparing(SharedMemoryEntry::name));
        return result;
    }

    /** The named semaphores: {@code /dev/shm/sem.*}, each opened briefly to read its value. */
    public static List<SemaphoreEntry> semaphores() {
        List<SemaphoreEntry> result = new ArrayList<>();
        for (Path file : files(SHM_DIR)) {
            String fileName = file.getFileName().toString();
            if (fileName.startsWith(SEM_PREFIX) && fileName.length() > SEM_PREFIX.length()) {
                String name = "/" + fileName.substring(SEM_PREFIX.length());
                stat(file).ifPresent(s -> result.add(new SemaphoreEntry(name, s, semaphoreValue(name))));
            }
        }
        result.sort(Comparator.comparing(SemaphoreEntry::name));
        return result;
    }

    private static OptionalInt semaphoreValue(String name) {
        try (NamedSemaphore sem = NamedSemaphore.open(name)) {
            return OptionalInt.of(sem.value());
        } catch (IpcException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * Where the {@code mqueue} file system is mounted, from {@code /proc/self/mounts}: {@link #MQUEUE_DIR}
     * if it is mounted there, else the first mount point found; empty if it is not mounted (then
     * queues exist and work but cannot be listed; {@code mount -t mqueue none /dev/mqueue} mounts it).
     */
    public static Optional<Path> messageQueueMount() {
        String mounts;
        try (InputStream in = Files.newInputStream(Path.of("/proc/self/mounts"))) {
            mounts = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        return mqueueMountPoint(mounts);
    }

    /** The mqueue mount point in {@code mounts} (the text of {@code /proc/self/mounts}). */
    static Optional<Path> mqueueMountPoint(String mounts) {
        Path first = null;
        for (String line : mounts.split("\n")) {
            String[] f = line.split(" ");
            if (f.length >= 3 && f[2].equals("mqueue")) {
                Path point = Path.of(f[1].replace("\\040", " "));
                if (point.equals(MQUEUE_DIR)) {
                    return Optional.of(point);
                }
                if (first == null) {
                    first = point;
                }
            }
        }
        return Optional.ofNullable(first);
    }

    /**
     * The message queues in the mqueue file system mounted at {@code mountPoint} (see
     * {@link #messageQueueMount()}), each opened read-only briefly for its attributes.
     */
    public static List<MessageQueueEntry> messageQueues(Path mountPoint) {
        List<MessageQueueEntry> result = new ArrayList<>();
        for (Path file : files(mountPoint)) {
            String name = "/" + file.getFileName();
            stat(file).ifPresent(s -> result.add(new MessageQueueEntry(name, s, queuedBytes(file), attributes(name))));
        }
        result.sort(Comparator.comparing(MessageQueueEntry::name));
        return result;
    }

    private static long queuedBytes(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parseQueuedBytes(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return -1;
        }
    }

    /** {@code QSIZE} from a queue file's text ({@code QSIZE:12  NOTIFY:0 ...}), -1 if absent. */
    static long parseQueuedBytes(String text) {
        for (String field : text.trim().split("\\s+")) {
            if (field.startsWith("QSIZE:")) {
                return ProcSys.parseUnsigned(field.substring("QSIZE:".length()));
            }
        }
        return -1;
    }

    private static Optional<MessageQueueAttributes> attributes(String name) {
        try (PosixMessageQueue q = PosixMessageQueue.open(name, Access.READ_ONLY)) {
            return Optional.of(q.attributes());
        } catch (IpcException e) {
            return Optional.empty();
        }
    }

    /** The regular files of {@code dir}; none if it does not exist. */
    private static List<Path> files(Path dir) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(p);
                }
            }
        } catch (NoSuchFileException e) {
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return files;
    }

    /** The file's size, mode and owner ({@code lstat}); empty if it was removed meanwhile. */
    private static Optional<FileStatus> stat(Path file) {
        try {
            Map<String, Object> a = Files.readAttributes(file, "unix:size,mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
            return Optional.of(new FileStatus((Long) a.get("size"), (Integer) a.get("mode") & 07777,
                    (Integer) a.get("uid"), (Integer) a.get("gid")));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + file, e);
        }
    }
}
