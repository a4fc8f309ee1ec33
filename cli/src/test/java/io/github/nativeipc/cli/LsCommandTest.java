package io.github.nativeipc.cli;

import static io.github.nativeipc.cli.Cli.c;
import static io.github.nativeipc.cli.Cli.nipc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.posix.CreateOptions;
import io.github.nativeipc.posix.MessageQueueAttributes;
import io.github.nativeipc.posix.PosixIpcObjects;
import io.github.nativeipc.posix.PosixMessageQueue;
import io.github.nativeipc.posix.PosixSharedMemory;
import io.github.nativeipc.posix.SysVKey;
import io.github.nativeipc.posix.TestNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class LsCommandTest {
    private final TestNames names = new TestNames();

    @AfterEach
    void cleanUp() throws Exception {
        names.close();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> ls(String... options) {
        String[] args = new String[options.length + 2];
        args[0] = "ls";
        args[1] = "--json";
        System.arraycopy(options, 0, args, 2, options.length);
        return MiniJson.array(nipc(args).ok()).stream().map(o -> (Map<String, Object>) o).collect(Collectors.toList());
    }

    private static Map<String, Object> find(List<Map<String, Object>> rows, String type, String field, Object value) {
        return rows.stream().filter(r -> r.get("type").equals(type) && value.equals(r.get(field))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " with " + field + "=" + value + " in " + rows));
    }

    @Test
    void listsObjectsACProgramAndTheLibraryMadeWithOwnerModeAndSize() throws Exception {
        String cShm = names.shm("c");
        String cSem = names.sem("c");
        SysVKey key = names.sysvKey();
        c("shm-create", cShm, "3000", "x");
        c("sem-create", cSem, "4");
        String shmId = c("sysv-shm-create", key.toString(), "8192", "y").trim();
        String msgId = c("sysv-msg-create", key.toString()).trim();
        c("sysv-msg-send", key.toString(), "1", "twelve bytes");
        String semId = c("sysv-sem-create", key.toString(), "5").trim();
        String libShm = names.shm("lib");
        PosixSharedMemory.create(libShm, 777, CreateOptions.defaults().mode(0640)).close();

        List<Map<String, Object>> rows = ls();
        long uid = Cli.uid();
        Map<String, Object> shm = find(rows, "shm", "name", cShm);
        assertEquals(3000L, shm.get("size"));
        assertEquals("0600", shm.get("mode"));
        assertEquals(uid, shm.get("uid"));
        assertNotNull(shm.get("owner"));
        assertEquals("0640", find(rows, "shm", "name", libShm).get("mode"));
        assertEquals(777L, find(rows, "shm", "name", libShm).get("size"));
        assertEquals(4L, find(rows, "sem", "name", cSem).get("value"));

        Map<String, Object> sysvShm = find(rows, "sysv-shm", "key", key.toString());
        assertEquals(Long.parseLong(shmId), sysvShm.get("id"));
        assertEquals(8192L, sysvShm.get("size"));
        assertEquals(uid, sysvShm.get("uid"));
        Map<String, Object> msg = find(rows, "sysv-msg", "key", key.toString());
        assertEquals(Long.parseLong(msgId), msg.get("id"));
        assertEquals(1L, msg.get("messages"));
        assertEquals(12L, msg.get("size"));
        Map<String, Object> sem = find(rows, "sysv-sem", "key", key.toString());
        assertEquals(Long.parseLong(semId), sem.get("id"));
        assertEquals(5L, sem.get("count"));

        String table = nipc("ls").ok();
        assertTrue(table.startsWith("TYPE"), table);
        assertTrue(table.contains(cShm) && table.contains(cSem) && table.contains(key.toString()), table);
        assertTrue(table.contains("value=4") && table.contains("messages=1") && table.contains("semaphores=5"), table);
    }

    @Test
    void listsSharedMemoryPythonsStandardLibraryMade() throws Exception {
        String name = names.shm("py");
        String script = "from multiprocessing import shared_memory, resource_tracker\n"
                + "s = shared_memory.SharedMemory(name='" + name.substring(1) + "', create=True, size=1000)\n"
                + "s.buf[:2] = b'py'\n"
                + "resource_tracker.unregister(s._name, 'shared_memory')\n"
                + "s.close()\n";
        Cli.Result py;
        try {
            py = Cli.run(List.of("python3", "-c", script), new byte[0]);
        } catch (java.io.IOException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("python3 is needed in CI (the polyglot image has it): " + e.getMessage(), e);
            }
            Assumptions.abort("python3 is not installed: " + e.getMessage());
            return;
        }
        assertEquals(0, py.code(), py.err());
        Map<String, Object> shm = find(ls("--type", "shm"), "shm", "name", name);
        assertTrue((Long) shm.get("size") >= 1000, shm.toString());
        assertEquals("7079\n", nipc("shm", "read", name, "--length", "2").ok());
    }

    @Test
    void filtersByType() throws Exception {
        String sem = names.sem("only");
        nipc("sem", "create", sem).ok();
        List<Map<String, Object>> rows = ls("--type", "sem");
        assertTrue(rows.stream().allMatch(r -> r.get("type").equals("sem")), rows.toString());
        find(rows, "sem", "name", sem);
        assertTrue(nipc("ls", "--type", "fifo").fails(2).contains("--type"));
        nipc("ls", "extra").fails(2);
    }

    @Test
    void saysHowToMountTheMqueueFileSystemWhenItIsNotMounted() {
        Assumptions.assumeTrue(PosixIpcObjects.messageQueueMount().isEmpty(), "an mqueue file system is mounted here");
        Cli.Result r = nipc("ls", "--type", "mq");
        assertEquals(0, r.code());
        assertTrue(r.err().contains("mount -t mqueue none /dev/mqueue"), r.err());
        assertEquals("TYPE  NAME/KEY  ID  OWNER  MODE  BYTES  DETAIL\n", r.out());
        Cli.Result all = nipc("ls", "--json");
        assertEquals(0, all.code(), "the rest is still listed");
        MiniJson.array(all.out());
    }

    @Test
    void listsQueuesWithMessagesWaitingWhenTheMqueueFileSystemIsMounted() throws Exception {
        Path mount = Files.createTempDirectory("nipc-t-mqueue");
        try {
            boolean mounted = PosixIpcObjects.messageQueueMount().isPresent();
            Assumptions.assumeTrue(mounted || run("mount", "-t", "mqueue", "none", mount.toString()),
                    "mounting an mqueue file system needs root (CAP_SYS_ADMIN)");
            try {
                String name = names.mq("ls");
                try (PosixMessageQueue q = PosixMessageQueue.create(name, MessageQueueAttributes.of(3, 64))) {
                    q.send(new byte[] {1, 2, 3, 4, 5, 6, 7}, 1);
                    q.send(new byte[] {8}, 1);
                    Map<String, Object> row = find(ls("--type", "mq"), "mq", "name", name);
                    assertEquals(2L, row.get("messages"));
                    assertEquals(8L, row.get("size"));
                    assertEquals(3L, row.get("maxMessages"));
                    assertEquals(64L, row.get("messageSize"));
                    assertEquals("0600", row.get("mode"));
                    assertTrue(nipc("ls", "--type", "mq").ok().contains("messages=2 max=3x64"));
                }
            } finally {
                if (!mounted) {
                    assertTrue(run("umount", mount.toString()), "umount " + mount);
                }
            }
        } finally {
            Files.delete(mount);
        }
    }

    private static boolean run(String... command) throws Exception {
        return Cli.run(List.of(command), new byte[0]).code() == 0;
    }
}
