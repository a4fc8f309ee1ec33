package io.github.nativeipc.testing;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The file descriptors this process has open and what each refers to, read from
 * {@code /proc/self/fd} (Linux) or {@code /dev/fd} (macOS, where targets are unknown), and the
 * difference between two readings.
 *
 * <p>Immutable and thread-safe.
 */
public final class OpenDescriptors {
    private final Map<Integer, String> targets;

    private OpenDescriptors(Map<Integer, String> targets) {
        this.targets = targets;
    }

    /** What is open now. A descriptor closed while the directory is read is left out. */
    public static OpenDescriptors now() {
        Path dir = Files.isDirectory(Path.of("/proc/self/fd")) ? Path.of("/proc/self/fd") : Path.of("/dev/fd");
        Map<Integer, String> targets = new TreeMap<>();
        String self = "/proc/" + ProcessHandle.current().pid() + "/fd";
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                int fd = Integer.parseInt(e.getFileName().toString());
                try {
                    String target = Files.readSymbolicLink(e).toString();
                    if (!target.equals(self)) {      // the listing's own descriptor
                        targets.put(fd, target);
                    }
                } catch (IOException | UnsupportedOperationException gone) {
                    // closed meanwhile (such as the directory stream's own descriptor), or no link on this OS
                    if (Files.exists(e)) {
                        targets.put(fd, "?");
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot list " + dir, e);
        }
        return new OpenDescriptors(targets);
    }

    /**
     * What is open once garbage is gone: the JDK releases some descriptors only when their owner
     * is collected (the pipes of a finished {@code Process}, for one), so this collects until two
     * readings agree (at most about two seconds).
     */
    public static OpenDescriptors settled() {
        OpenDescriptors before = null;
        OpenDescriptors now = now();
        for (int i = 0; i < 20 && !now.equals(before); i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            before = now;
            now = now();
        }
        return now;
    }

    /** Descriptor number to target ({@code /dev/shm/x}, {@code pipe:[123]}, {@code socket:[456]}). */
    public Map<Integer, String> targets() {
        return java.util.Collections.unmodifiableMap(targets);
    }

    /**
     * The descriptors open here and not in {@code earlier} (or reused for another target), leaving
     * out the JDK's own lazily opened class files ({@code .jar}, {@code .jmod}, the {@code modules}
     * image), which stay open for the JVM's life by design.
     */
    public Map<Integer, String> openedSince(OpenDescriptors earlier) {
        Map<Integer, String> opened = new TreeMap<>();
        targets.forEach((fd, target) -> {
            if (!target.equals(earlier.targets.get(fd)) && !isClassFile(target)) {
                opened.put(fd, target);
            }
        });
        return opened;
    }

    /**
     * The descriptors open in {@code earlier} that are not open here any more (or now refer to
     * something else): what a double {@code close} of someone else's descriptor looks like.
     */
    public Map<Integer, String> closedSince(OpenDescriptors earlier) {
        Map<Integer, String> closed = new TreeMap<>();
        earlier.targets.forEach((fd, target) -> {
            if (!target.equals(targets.get(fd))) {
                closed.put(fd, target);
            }
        });
        return closed;
    }

    private static boolean isClassFile(String target) {
        return target.endsWith(".jar") || target.endsWith(".jmod") || target.endsWith("/lib/modules");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpenDescriptors d && d.targets.equals(targets);
    }

    @Override
    public int hashCode() {
        return targets.hashCode();
    }

    @Override
    public String toString() {
        return targets.toString();
    }
}
