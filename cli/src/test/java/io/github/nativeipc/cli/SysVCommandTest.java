package io.github.nativeipc.cli;

import static io.github.nativeipc.cli.Cli.c;
import static io.github.nativeipc.cli.Cli.nipc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.posix.CreateOptions;
import io.github.nativeipc.posix.SysVKey;
import io.github.nativeipc.posix.SysVMessageQueue;
import io.github.nativeipc.posix.SysVSemaphoreSet;
import io.github.nativeipc.posix.SysVSharedMemory;
import io.github.nativeipc.posix.TestNames;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SysVCommandTest {
    private final TestNames names = new TestNames();

    @AfterEach
    void cleanUp() throws Exception {
        names.close();
    }

    @Test
    void readsAndWritesASegmentACProgramMadeByKeyAndById() throws Exception {
        String key = names.sysvKey().toString();
        String id = c("sysv-shm-create", key, "256", "segment").trim();
        assertEquals("segment\n", nipc("sysv", "shm", "read", key, "--format", "text").ok());
        assertEquals("6d656e74\n", nipc("sysv", "shm", "read", "--id", id, "--offset", "3", "--length", "4").ok());
        nipc("sysv", "shm", "write", "--id", id, "--offset", "7", "!!").ok();
        nipc("sysv", "shm", "write", key, "S").ok();
        assertEquals("Segment!!\n", c("sysv-shm-read", key, "9"));

        Map<String, Object> stat = MiniJson.object(nipc("sysv", "shm", "stat", key, "--json").ok());
        assertEquals(key, stat.get("key"));
        assertEquals(Long.parseLong(id), stat.get("id"));
        assertEquals(256L, stat.get("size"));
        assertEquals("0600", stat.get("mode"));
        nipc("sysv", "shm", "read", key, "--offset", "250", "--length", "10").fails(2);
    }

    @Test
    void createsSegmentsQueuesAndSetsTheLibraryAndCSee() throws Exception {
        SysVKey key = names.sysvKey();
        String shmId = nipc("sysv", "shm", "create", key.toString(), "--size", "64", "--mode", "0640").ok().trim();
        String msgId = nipc("sysv", "msg", "create", key.toString()).ok().trim();
        String semId = nipc("sysv", "sem", "create", key.toString(), "--count", "2").ok().trim();
        assertEquals(Integer.parseInt(shmId), SysVSharedMemory.open(key).id());
        assertEquals(0640, SysVSharedMemory.open(key).status().permissions().mode());
        assertEquals(Integer.parseInt(msgId), SysVMessageQueue.open(key).id());
        assertEquals(2, SysVSemaphoreSet.open(key).count());
        assertEquals(Integer.parseInt(semId), SysVSemaphoreSet.open(key).id());
        assertEquals("0 0\n", c("sysv-sem-values", key.toString()));
        assertTrue(nipc("sysv", "msg", "create", key.toString()).fails(4).contains("EEXIST"));
    }

    @Test
    void exchangesTypedMessagesWithACProgram() throws Exception {
        String key = names.sysvKey().toString();
        c("sysv-msg-create", key);
        c("sysv-msg-send", key, "5", "five");
        c("sysv-msg-send", key, "2", "two");
        List<Object> got = MiniJson.array(nipc("sysv", "msg", "receive", key, "--type", "5", "--json").ok());
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) got.get(0);
        assertEquals(5L, m.get("type"));
        assertEquals("five", m.get("text"));
        assertEquals("two\n", nipc("sysv", "msg", "receive", key, "--timeout", "1s").ok());
        assertTrue(nipc("sysv", "msg", "receive", key, "--timeout", "0").fails(6).contains("no message"));
        assertTrue(nipc("sysv", "msg", "receive", key, "--timeout", "20ms").fails(6).contains("msgrcv"));

        nipc("sysv", "msg", "send", key, "seven", "--type", "7").ok();
        nipc("sysv", "msg", "send", key, "one").ok();
        assertEquals("1 one\n", c("sysv-msg-receive", key, "-3"));
        assertEquals("7 seven\n", c("sysv-msg-receive", key, "0"));

        Map<String, Object> stat = MiniJson.object(nipc("sysv", "msg", "stat", key, "--json").ok());
        assertEquals(0L, stat.get("messages"));
        assertTrue((Long) stat.get("maxBytes") > 0);
    }

    @Test
    void setsOperatesOnAndReadsASemaphoreSetACProgramMade() throws Exception {
        String key = names.sysvKey().toString();
        String id = c("sysv-sem-create", key, "3").trim();
        nipc("sysv", "sem", "set", key, "1", "2", "3").ok();
        assertEquals("1 2 3\n", c("sysv-sem-values", key));
        nipc("sysv", "sem", "set", "--id", id, "--index", "2", "9").ok();
        nipc("sysv", "sem", "op", key, "0:-1", "1:+2").ok();
        assertEquals("0 4 9\n", c("sysv-sem-values", key));
        assertEquals(List.of(0L, 4L, 9L), MiniJson.parse(nipc("sysv", "sem", "get", key, "--json").ok()));
        assertEquals("4\n", nipc("sysv", "sem", "get", "--id", id, "--index", "1").ok());
        assertTrue(nipc("sysv", "sem", "op", key, "0:-1", "1:-1", "--timeout", "0").fails(6).contains("would have to wait"));
        assertEquals("0 4 9\n", c("sysv-sem-values", key), "all or nothing");
        nipc("sysv", "sem", "op", key, "0:-1", "--timeout", "20ms").fails(6);
        nipc("sysv", "sem", "op", key, "0:0", "--timeout", "1s").ok();
        Map<String, Object> stat = MiniJson.object(nipc("sysv", "sem", "stat", key, "--json").ok());
        assertEquals(3L, stat.get("count"));
        assertEquals(List.of(0L, 4L, 9L), stat.get("values"));
        assertTrue(nipc("sysv", "sem", "set", key, "--index", "0", "40000").fails(2).contains("0..32767"));
    }

    @Test
    void removesByKeyAndByIdAndReportsNotFound() throws Exception {
        SysVKey key = names.sysvKey();
        SysVSharedMemory shm = SysVSharedMemory.create(key, 16, CreateOptions.defaults());
        SysVMessageQueue q = SysVMessageQueue.create(key);
        q.send(1, ByteBuffer.wrap(new byte[] {1}));
        SysVSemaphoreSet.create(key, 1);
        nipc("sysv", "shm", "rm", "--id", Integer.toString(shm.id())).ok();
        nipc("sysv", "msg", "rm", key.toString()).ok();
        nipc("sysv", "sem", "rm", key.toString()).ok();
        assertTrue(nipc("sysv", "shm", "stat", key.toString()).fails(3).contains("shmget"));
        assertTrue(nipc("sysv", "msg", "stat", "--id", Integer.toString(q.id())).fails(3).contains("msgctl"));
        nipc("sysv", "sem", "rm", key.toString()).fails(3);
        assertEquals(2, Cli.cResult("sysv-msg-receive", key.toString(), "0").code(), "gone for C too");
    }

    @Test
    void badInputIsAUsageError() throws Exception {
        String key = names.sysvKey().toString();
        nipc("sysv").fails(2);
        nipc("sysv", "pipe", "stat", key).fails(2);
        nipc("sysv", "shm", "stat").fails(2);
        nipc("sysv", "shm", "stat", "0xnothex").fails(2);
        nipc("sysv", "shm", "create", key).fails(2);
        nipc("sysv", "shm", "create", key, "--size", "0").fails(2);
        nipc("sysv", "msg", "send", key, "x", "--type", "0").fails(2);
        nipc("sysv", "sem", "create", key).fails(2);
        nipc("sysv", "sem", "op", key, "1").fails(2);
        nipc("sysv", "sem", "op", key, "a:b").fails(2);
        nipc("sysv", "sem", "op", key).fails(2);
        nipc("sysv", "shm", "stat", "--id", "-4").fails(2);
    }
}
