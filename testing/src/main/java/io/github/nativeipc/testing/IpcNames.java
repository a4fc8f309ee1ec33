package io.github.nativeipc.testing;

import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.error.NotFoundException;
import io.github.nativeipc.posix.NamedSemaphore;
import io.github.nativeipc.posix.PosixIpcObjects;
import io.github.nativeipc.posix.PosixMessageQueue;
import io.github.nativeipc.posix.PosixSharedMemory;
import io.github.nativeipc.posix.SysVIpcObjects;
import io.github.nativeipc.posix.SysVKey;
import io.github.nativeipc.posix.SysVMessageQueue;
import io.github.nativeipc.posix.SysVSemaphoreSet;
import io.github.nativeipc.posix.SysVSharedMemory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The IPC names of one test: unique on the machine (the JVM's pid and a counter, so tests of
 * parallel builds never collide), and all removed by {@link #removeAll()}, which
 * {@link NativeIpcExtension} calls after the test, whether it passed or failed.
 *
 * <p>Every name starts with {@link #prefix()} ({@code /nipc-PID-N-}); a peer that derives names of
 * its own from the prefix has them removed too ({@link #removeAll()} also sweeps {@code /dev/shm}
 * and the mqueue file system for the prefix). System V keys are {@code 0x6e} followed by 24 bits
 * of pid and counter, skipping keys in use; each key's segment, queue and semaphore set are removed. Files
 * ({@link #fifo}, {@link #directory()}) live in one private directory per test, deleted with
 * everything in it.
 *
 * <p>Thread-safe: a test may hand out names from several threads.
 */
public final class IpcNames {
    private static final AtomicInteger TESTS = new AtomicInteger();
    private static final AtomicInteger KEYS = new AtomicInteger();
    private static final long PID = ProcessHandle.current().pid();

    private final String prefix;
    private final AtomicInteger counter = new AtomicInteger();
    private final Set<String> sharedMemory = new LinkedHashSet<>();
    private final Set<String> semaphores = new LinkedHashSet<>();
    private final Set<String> queues = new LinkedHashSet<>();
    private final Set<SysVKey> keys = new LinkedHashSet<>();
    private Path directory;

    /** Names for one more test of this JVM. */
    public IpcNames() {
        this.prefix = "/nipc-" + PID + "-" + TESTS.incrementAndGet() + "-";
    }

    /** What every POSIX name of this test starts with, such as {@code /nipc-4711-3-}. */
    public String prefix() {
        return prefix;
    }

    private String next(String tag) {
        if (tag.indexOf('/') >= 0 || tag.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a tag is part of a POSIX name: no '/' and no NUL, got \"" + tag + "\"");
        }
        return prefix + counter.incrementAndGet() + "-" + tag;
    }

    /** A fresh POSIX shared-memory name ({@code shm_open}), unlinked after the test. */
    public synchronized String sharedMemory(String tag) {
        String n = next(tag);
        sharedMemory.add(n);
        return n;
    }

    /** A fresh named-semaphore name ({@code sem_open}), unlinked after the test. */
    public synchronized String semaphore(String tag) {
        String n = next(tag);
        semaphores.add(n);
        return n;
    }

    /** A fresh POSIX message-queue name ({@code mq_open}), unlinked after the test. */
    public synchronized String messageQueue(String tag) {
        String n = next(tag);
        queues.add(n);
        return n;
    }

    /**
     * A System V key no other test uses; after the test, the segment, message queue and semaphore
     * set with this key are removed ({@code IPC_RMID}).
     */
    public synchronized SysVKey sysvKey() {
        for (int attempt = 0; ; attempt++) {
            int unique = (int) ((PID & 0xfff) << 12) | (KEYS.incrementAndGet() & 0xfff);
            SysVKey k = SysVKey.of(0x6e000000 | unique);
            // Pids equal in their low 12 bits share keys: skip a key some other process uses, so that
            // removeAll() can never remove an object that is not this test's.
            if (!inUse(k) || attempt == 4096) {
                keys.add(k);
                return k;
            }
        }
    }

    private static boolean inUse(SysVKey k) {
        int key = k.value();
        return SysVIpcObjects.messageQueues().stream().anyMatch(o -> o.permissions().key().value() == key)
                || SysVIpcObjects.sharedMemory().stream().anyMatch(o -> o.permissions().key().value() == key)
                || SysVIpcObjects.semaphoreSets().stream().anyMatch(o -> o.permissions().key().value() == key);
    }

    /**
     * This test's private directory (mode {@code 0700}, created on first use), for FIFOs, socket
     * files and anything a peer should find by path; deleted with its contents after the test.
     * Bind it into a container to share what is in it.
     */
    public synchronized Path directory() {
        if (directory == null) {
            try {
                directory = Files.createTempDirectory("nipc-" + PID + "-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the test's directory", e);
            }
        }
        return directory;
    }

    /** A path for a FIFO (or any file) in {@link #directory()}; nothing is created. */
    public Path fifo(String tag) {
        return directory().resolve(next(tag).substring(prefix.length()));
    }

    /**
     * Removes every object named by this instance, every POSIX object whose name starts with
     * {@link #prefix()} (whoever created it), the System V objects of its keys, and the directory.
     * Objects already gone are skipped.
     *
     * @return what was still there and is now removed, such as {@code "shm /nipc-4711-3-1-orders"}
     * @throws IpcException if an object exists but cannot be removed (after trying all the others)
     */
    public synchronized List<String> removeAll() throws IpcException {
        List<String> removed = new ArrayList<>();
        List<IpcException> failures = new ArrayList<>();
        Set<String> shm = new LinkedHashSet<>(sharedMemory);
        Set<String> sem = new LinkedHashSet<>(semaphores);
        Set<String> mq = new LinkedHashSet<>(queues);
        PosixIpcObjects.sharedMemory().forEach(e -> {
            if (e.name().startsWith(prefix)) {
                shm.add(e.name());
            }
        });
        PosixIpcObjects.semaphores().forEach(e -> {
            if (e.name().startsWith(prefix)) {
                sem.add(e.name());
            }
        });
        PosixIpcObjects.messageQueueMount().ifPresent(mount -> PosixIpcObjects.messageQueues(mount).forEach(e -> {
            if (e.name().startsWith(prefix)) {
                mq.add(e.name());
            }
        }));
        for (String n : shm) {
            remove(removed, failures, "shm " + n, () -> PosixSharedMemory.unlink(n));
        }
        for (String n : sem) {
            remove(removed, failures, "sem " + n, () -> NamedSemaphore.unlink(n));
        }
        for (String n : mq) {
            remove(removed, failures, "mq " + n, () -> PosixMessageQueue.unlink(n));
        }
        for (SysVKey k : keys) {
            remove(removed, failures, "sysv-shm " + k, () -> {
                try (SysVSharedMemory o = SysVSharedMemory.open(k)) {
                    o.remove();
                }
            });
            remove(removed, failures, "sysv-msg " + k, () -> {
                try (SysVMessageQueue o = SysVMessageQueue.open(k)) {
                    o.remove();
                }
            });
            remove(removed, failures, "sysv-sem " + k, () -> {
                try (SysVSemaphoreSet o = SysVSemaphoreSet.open(k)) {
                    o.remove();
                }
            });
        }
        if (directory != null) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    if (!p.equals(directory)) {
                        removed.add("file " + p);
                    }
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the test's directory " + directory, e);
            }
            directory = null;
        }
        if (!failures.isEmpty()) {
            IpcException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
        return removed;
    }

    private interface Removal {
        void run() throws IpcException;
    }

    private static void remove(List<String> removed, List<IpcException> failures, String what, Removal removal) {
        try {
            removal.run();
            removed.add(what);
        } catch (NotFoundException alreadyGone) {
            // removed by the test itself, or never created
        } catch (IpcException e) {
            failures.add(e);
        }
    }

    @Override
    public String toString() {
        return "IpcNames" + "[" + prefix + "]";
    }
}
