package io.github.nativeipc.cli;

import static io.github.nativeipc.cli.Cli.nipc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DoctorCommandTest {

    private static long proc(String path) throws Exception {
        try (InputStream in = new FileInputStream("/proc/sys/" + path)) {
            return Long.parseLong(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+")[0]);
        }
    }

    @SuppressWarnings("unchecked")
    @Test
    void reportsTheKernelsLimitsNamespaceAndSupportAsJson() throws Exception {
        Map<String, Object> r = MiniJson.object(nipc("doctor", "--json").ok());
        assertEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/ipc")).toString(), r.get("ipcNamespace"));
        assertEquals(Files.exists(Path.of("/.dockerenv")) || r.get("containerEvidence") != null, r.get("container"));

        Map<String, Object> mq = (Map<String, Object>) r.get("posixMessageQueues");
        assertEquals(proc("fs/mqueue/msg_max"), mq.get("msg_max"));
        assertEquals(proc("fs/mqueue/msgsize_max"), mq.get("msgsize_max"));
        assertEquals(proc("fs/mqueue/queues_max"), mq.get("queues_max"));
        assertTrue(mq.get("RLIMIT_MSGQUEUE") instanceof Long || "unlimited".equals(mq.get("RLIMIT_MSGQUEUE")));

        Map<String, Object> sysv = (Map<String, Object>) r.get("sysV");
        assertEquals(proc("kernel/msgmax"), sysv.get("msgmax"));
        assertEquals(proc("kernel/msgmnb"), sysv.get("msgmnb"));
        assertEquals(proc("kernel/shmmni"), sysv.get("shmmni"));
        assertEquals(proc("kernel/sem"), sysv.get("semmsl"));

        Map<String, Object> shm = (Map<String, Object>) r.get("devShm");
        assertTrue((Long) shm.get("totalBytes") >= (Long) shm.get("freeBytes"));
        Map<String, Object> support = (Map<String, Object>) r.get("support");
        assertEquals(Boolean.TRUE, support.get("posixSharedMemory"));
        assertEquals(Boolean.TRUE, support.get("sysV"));
    }

    @Test
    void printsTheSameForPeopleWithWhereEachLimitIsSet() {
        String text = nipc("doctor").ok();
        assertTrue(text.contains("/proc/sys/fs/mqueue/msg_max"), text);
        assertTrue(text.contains("ulimit -q"), text);
        assertTrue(text.contains("ipcNamespace:"), text);
        nipc("doctor", "--verbose").fails(2);
    }
}
