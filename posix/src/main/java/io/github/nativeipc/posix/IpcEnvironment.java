package io.github.nativeipc.posix;

import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.bindings.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Facts about where this process runs that decide what IPC it can do and with whom: its IPC
 * namespace (only processes in the same one see its System V objects and POSIX message queues),
 * whether it runs inside a container (whose {@code /dev/shm} is usually private and small), the
 * space of {@code /dev/shm}, and which IPC facilities the kernel and C library offer.
 *
 * <p>Linux only; elsewhere the methods answer "unknown" (empty, false). Each call looks afresh.
 * Thread-safe (stateless).
 */
public final class IpcEnvironment {
    private IpcEnvironment() {}

    private static final String[] CONTAINER_MARKERS = {"docker", "kubepods", "containerd", "libpod", "lxc", "podman"};

    /**
     * Size and free space of a file system.
     *
     * @param mountPoint the directory asked about
     * @param type       the file-system type, such as {@code tmpfs}
     * @param total      bytes in all
     * @param free       bytes unprivileged processes may still use
     */
    public record Space(Path mountPoint, String type, long total, long free) {}

    /**
     * The IPC facilities found.
     *
     * @param posixSharedMemory      {@code /dev/shm} is a writable directory ({@code shm_open} and glibc's named semaphores live there)
     * @param posixMessageQueues     the kernel has POSIX message queues ({@code /proc/sys/fs/mqueue} exists)
     * @param messageQueuesListable  the mqueue file system is mounted, so queues can be listed
     * @param sysV                   the kernel has System V IPC ({@code /proc/sysvipc} exists)
     * @param semClockwait           the C library has {@code sem_clockwait} (glibc 2.30+; monotonic semaphore waits)
     */
    public record Support(boolean posixSharedMemory, boolean posixMessageQueues, boolean messageQueuesListable,
            boolean sysV, boolean semClockwait) {}

    /** The operating system and architecture the library's constants were chosen for, such as {@code linux x86_64}. */
    public static String platform() {
        Platform p = Platform.current();
        return p.os().name().toLowerCase(Locale.ROOT) + " " + p.arch();
    }

    /** The IPC namespace, {@code readlink /proc/self/ns/ipc}, such as {@code ipc:[4026531839]}. */
    public static Optional<String> ipcNamespace() {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc/self/ns/ipc")).toString());
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /**
     * Why this process seems to run in a container, or empty if nothing says so: {@code /.dockerenv}
     * (Docker), {@code /run/.containerenv} (Podman), or a container runtime named in
     * {@code /proc/1/cgroup}. A heuristic: a container may hide all three.
     */
    public static Optional<String> container() {
        if (Files.exists(Path.of("/.dockerenv"))) {
            return Optional.of("/.dockerenv exists");
        }
        if (Files.exists(Path.of("/run/.containerenv"))) {
            return Optional.of("/run/.containerenv exists");
        }
        return containerInCgroup(readText(Path.of("/proc/1/cgroup")));
    }

    /** The container runtime named in the text of {@code /proc/1/cgroup}, if any. */
    static Optional<String> containerInCgroup(String cgroup) {
        String lower = cgroup.toLowerCase(Locale.ROOT);
        for (String marker : CONTAINER_MARKERS) {
            if (lower.contains(marker)) {
                return Optional.of("/proc/1/cgroup names " + marker);
            }
        }
        return Optional.empty();
    }

    /** Size and free space of {@code /dev/shm} (all POSIX shared memory and named semaphores share it). */
    public static Optional<Space> sharedMemorySpace() {
        return space(PosixIpcObjects.SHM_DIR);
    }

    /** Size and free space of the file system holding {@code dir}; empty if it does not exist. */
    public static Optional<Space> space(Path dir) {
        try {
            FileStore store = Files.getFileStore(dir);
            return Optional.of(new Space(dir, store.type(), store.getTotalSpace(), store.getUsableSpace()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Which IPC facilities this machine offers (see {@link Support}). */
    public static Support support() {
        boolean linux = Platform.current().isLinux();
        Path shm = PosixIpcObjects.SHM_DIR;
        return new Support(linux && Files.isDirectory(shm) && Files.isWritable(shm),
                linux && Files.isDirectory(Path.of("/proc/sys/fs/mqueue")),
                linux && PosixIpcObjects.messageQueueMount().isPresent(),
                linux && Files.isDirectory(Path.of("/proc/sysvipc")),
                Native.hasSymbol("sem_clockwait"));
    }

    private static String readText(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
