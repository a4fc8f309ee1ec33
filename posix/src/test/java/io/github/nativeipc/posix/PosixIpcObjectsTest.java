package io.github.nativeipc.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class PosixIpcObjectsTest {
    private final TestNames names = new TestNames();

    @AfterEach
    void cleanUp() throws Exception {
        names.close();
    }

    @Test
    void listsSharedMemoryWithSizeModeAndOwner() throws Exception {
        String name = names.shm("ls");
        try (PosixSharedMemory shm = PosixSharedMemory.create(name, 5000, CreateOptions.defaults().mode(0640))) {
            PosixIpcObjects.SharedMemoryEntry e = PosixIpcObjects.sharedMemory().stream()
                    .filter(x -> x.name().equals(name)).findFirst().orElseThrow();
            assertEquals(shm.status(), e.status());
            assertEquals(5000, e.status().size());
            assertEquals(0640, e.status().mode());
        }
    }

    @Test
    void listsSemaphoresApartFromSharedMemoryWithTheirValue() throws Exception {
        String name = names.sem("ls");
        try (NamedSemaphore sem = NamedSemaphore.create(name, 3)) {
            PosixIpcObjects.SemaphoreEntry e = PosixIpcObjects.semaphores().stream()
                    .filter(x -> x.name().equals(name)).findFirst().orElseThrow();
            assertEquals(3, e.value().getAsInt());
            assertEquals(0600, e.status().mode());
            assertFalse(PosixIpcObjects.sharedMemory().stream().anyMatch(x -> x.name().contains(name.substring(1))),
                    "sem.NAME is not listed as shared memory");
        }
    }

    @Test
    void findsTheMqueueMountPointInMountsText() {
        String none = "tmpfs /dev/shm tmpfs rw 0 0\nproc /proc proc rw 0 0\n";
        assertEquals(Optional.empty(), PosixIpcObjects.mqueueMountPoint(none));
        String elsewhere = none + "none /mnt/mq mqueue rw 0 0\n";
        assertEquals(Optional.of(Path.of("/mnt/mq")), PosixIpcObjects.mqueueMountPoint(elsewhere));
        String both = elsewhere + "mqueue /dev/mqueue mqueue rw,relatime 0 0\n";
        assertEquals(Optional.of(Path.of("/dev/mqueue")), PosixIpcObjects.mqueueMountPoint(both));
    }

    @Test
    void readsQueuedBytesFromTheQueueFile() {
        assertEquals(42, PosixIpcObjects.parseQueuedBytes("QSIZE:42         NOTIFY:0     SIGNO:0     NOTIFY_PID:0     \n"));
        assertEquals(-1, PosixIpcObjects.parseQueuedBytes("garbage"));
    }

    @Test
    void listsQueuesWithMessagesWaitingWhereTheMqueueFileSystemIsMounted() throws Exception {
        Path mount = java.nio.file.Files.createTempDirectory("nipc-t-mqueue");
        try {
            Assumptions.assumeTrue(run("mount", "-t", "mqueue", "none", mount.toString()),
                    "mounting an mqueue file system needs root (CAP_SYS_ADMIN)");
            try {
                String name = names.mq("ls");
                try (PosixMessageQueue q = PosixMessageQueue.create(name, MessageQueueAttributes.of(4, 100))) {
                    q.send(new byte[] {1, 2, 3, 4, 5}, 1);
                    PosixIpcObjects.MessageQueueEntry e = PosixIpcObjects.messageQueues(mount).stream()
                            .filter(x -> x.name().equals(name)).findFirst().orElseThrow();
                    assertEquals(0600, e.status().mode());
                    assertEquals(5, e.queuedBytes());
                    MessageQueueAttributes a = e.attributes().orElseThrow();
                    assertEquals(1, a.currentMessages());
                    assertEquals(4, a.maxMessages());
                    assertEquals(100, a.messageSize());
                }
            } finally {
                assertTrue(run("umount", mount.toString()), "umount " + mount);
            }
        } finally {
            java.nio.file.Files.delete(mount);
        }
    }

    private static boolean run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    @Test
    void listsNoQueuesOfADirectoryThatDoesNotExist() {
        assertTrue(PosixIpcObjects.messageQueues(Path.of("/nonexistent-nipc-mqueue")).isEmpty());
    }
}
