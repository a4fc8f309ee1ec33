package io.github.nativeipc.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SysVIpcObjectsTest {
    private final TestNames names = new TestNames();

    @AfterEach
    void cleanUp() throws Exception {
        names.close();
    }

    @Test
    void parsesSharedMemoryLinesByHeaderWithSignedKeysAndOctalPerms() {
        String text = "       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  cgid      atime      dtime      ctime                   rss                  swap\n"
                + "-1463721787   66650136  1640                  4096 26427     7      2  1000   100     0     0          0          0 1795425467                     0                     0\n";
        List<SysVSharedMemoryStatus> list = SysVIpcObjects.parseSharedMemory(text);
        assertEquals(1, list.size());
        SysVSharedMemoryStatus s = list.get(0);
        assertEquals(66650136, s.id());
        assertEquals(SysVKey.of(-1463721787), s.permissions().key());
        assertEquals(0640, s.permissions().mode(), "octal, SHM_DEST and other high bits dropped");
        assertEquals(1000, s.permissions().uid());
        assertEquals(100, s.permissions().gid());
        assertEquals(4096, s.size());
        assertEquals(2, s.attachCount());
        assertEquals(26427, s.creatorPid());
        assertEquals(7, s.lastPid());
        assertNull(s.lastAttach(), "0 means never");
        assertEquals(Instant.ofEpochSecond(1795425467), s.lastChange());
    }

    @Test
    void parsesMessageQueueAndSemaphoreLines() {
        String msg = "       key      msqid perms      cbytes       qnum lspid lrpid   uid   gid  cuid  cgid      stime      rtime      ctime\n"
                + " 982994114   66650114   644          12          3    55    66     0     0     0     0          5          0 1795425467\n";
        SysVMessageQueueStatus q = SysVIpcObjects.parseMessageQueues(msg).get(0);
        assertEquals(66650114, q.id());
        assertEquals(0644, q.permissions().mode());
        assertEquals(12, q.bytes());
        assertEquals(3, q.messages());
        assertEquals(-1, q.maxBytes(), "not in /proc/sysvipc/msg");
        assertEquals(55, q.lastSenderPid());
        assertEquals(66, q.lastReceiverPid());
        assertEquals(Instant.ofEpochSecond(5), q.lastSend());

        String sem = "       key      semid perms      nsems   uid   gid  cuid  cgid      otime      ctime\n"
                + " 983521174   66617401   600          3     0     0     0     0          0 1795425467\n";
        SysVSemaphoreSetStatus s = SysVIpcObjects.parseSemaphoreSets(sem).get(0);
        assertEquals(66617401, s.id());
        assertEquals(3, s.count());
        assertEquals(SysVKey.of(983521174), s.permissions().key());
        assertNull(s.lastOperation());
    }

    @Test
    void emptyOrHeaderOnlyTextGivesNoEntries() {
        assertTrue(SysVIpcObjects.parseSemaphoreSets("").isEmpty());
        assertTrue(SysVIpcObjects.parseSemaphoreSets("       key      semid perms      nsems\n").isEmpty());
    }

    @Test
    void listsLiveObjectsAsIpcStatReportsThem() throws Exception {
        SysVKey key = names.sysvKey();
        try (SysVSharedMemory shm = SysVSharedMemory.create(key, 8192, CreateOptions.defaults().mode(0640));
             SysVMessageQueue q = SysVMessageQueue.create(key);
             SysVSemaphoreSet set = SysVSemaphoreSet.create(key, 3)) {
            q.send(7, java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}));

            SysVSharedMemoryStatus s = SysVIpcObjects.sharedMemory().stream().filter(e -> e.id() == shm.id())
                    .findFirst().orElseThrow();
            assertEquals(shm.status().permissions(), s.permissions());
            assertEquals(8192, s.size());

            SysVMessageQueueStatus m = SysVIpcObjects.messageQueues().stream().filter(e -> e.id() == q.id())
                    .findFirst().orElseThrow();
            assertEquals(key, m.permissions().key());
            assertEquals(1, m.messages());
            assertEquals(3, m.bytes());

            SysVSemaphoreSetStatus e = SysVIpcObjects.semaphoreSets().stream().filter(x -> x.id() == set.id())
                    .findFirst().orElseThrow();
            assertEquals(3, e.count());
            assertEquals(0600, e.permissions().mode());
        }
    }
}
