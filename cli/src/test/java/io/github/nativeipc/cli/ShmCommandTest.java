package io.github.nativeipc.cli;

import static io.github.nativeipc.cli.Cli.c;
import static io.github.nativeipc.cli.Cli.nipc;
import static io.github.nativeipc.cli.Cli.nipcWithInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.memory.MappedMemory;
import io.github.nativeipc.posix.Access;
import io.github.nativeipc.posix.PosixSharedMemory;
import io.github.nativeipc.posix.TestNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShmCommandTest {
    private final TestNames names = new TestNames();

    @AfterEach
    void cleanUp() throws Exception {
        names.close();
    }

    @Test
    void readsStatsAndWritesAnObjectACProgramMade() throws Exception {
        String name = names.shm("c");
        c("shm-create", name, "4096", "from C");

        assertEquals("from C\n", nipc("shm", "read", name, "--format", "text").ok());
        assertEquals("66726f6d2043\n", nipc("shm", "read", name, "--length", "6").ok());
        assertEquals("6d2043\n", nipc("shm", "read", name, "--offset", "3", "--length", "3").ok());

        Map<String, Object> stat = MiniJson.object(nipc("shm", "stat", name, "--json").ok());
        assertEquals(name, stat.get("name"));
        assertEquals(4096L, stat.get("size"));
        assertEquals("0600", stat.get("mode"));
        assertEquals((long) Cli.uid(), stat.get("uid"));

        nipc("shm", "write", name, "--offset", "5", "+java").ok();
        assertEquals("from +java\n", c("shm-read", name, "10"));
    }

    @Test
    void createsAnObjectACProgramReads() throws Exception {
        String name = names.shm("nipc");
        nipc("shm", "create", name.substring(1), "--size", "100", "--mode", "0640").ok();
        nipc("shm", "write", name, "hello").ok();
        assertEquals("hello\n", c("shm-read", name, "5"));
        try (PosixSharedMemory shm = PosixSharedMemory.open(name)) {
            assertEquals(100, shm.size());
            assertEquals(0640, shm.status().mode());
        }
    }

    @Test
    void writesAndReadsEveryByteValueThroughStandardInputAndFiles(@TempDir Path dir) throws Exception {
        String name = names.shm("bin");
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        nipc("shm", "create", name, "--size", "600").ok();
        nipcWithInput(all, "shm", "write", name, "-").ok();
        Path file = dir.resolve("data");
        Files.write(file, all);
        nipc("shm", "write", name, "--offset", "300", "--file", file.toString()).ok();

        assertArrayEquals(all, nipc("shm", "read", name, "--length", "256", "--format", "raw").stdout());
        assertArrayEquals(all, nipc("shm", "read", name, "--offset", "300", "--length", "256", "--format", "raw").stdout());
        try (PosixSharedMemory shm = PosixSharedMemory.open(name, Access.READ_ONLY); MappedMemory m = shm.map()) {
            assertEquals((byte) 255, m.get(555));
        }
    }

    @Test
    void removesAndThenReportsNotFound() throws Exception {
        String name = names.shm("rm");
        c("shm-create", name, "10", "x");
        nipc("shm", "rm", name).ok();
        assertFalse(Files.exists(Path.of("/dev/shm", name.substring(1))));
        assertTrue(nipc("shm", "rm", name).fails(3).contains("ENOENT"));
        assertTrue(nipc("shm", "read", name).fails(3).contains("shm_open"));
    }

    @Test
    void creatingAnExistingObjectExitsWithAlreadyExists() throws Exception {
        String name = names.shm("dup");
        nipc("shm", "create", name, "--size", "10").ok();
        assertTrue(nipc("shm", "create", name, "--size", "10").fails(4).contains("EEXIST"));
    }

    @Test
    void badInputIsAUsageError() throws Exception {
        String name = names.shm("bad");
        nipc("shm", "create", "--size", "10").fails(2);
        nipc("shm", "create", name).fails(2);
        assertTrue(nipc("shm", "create", name, "--size", "-5").fails(2).contains("must not be negative"));
        nipc("shm", "create", name, "--size", "ten").fails(2);
        nipc("shm", "create", name, "--size", "1", "--mode", "999").fails(2);
        nipc("shm", "create", "/a/b", "--size", "1").fails(2);
        nipc("shm", "create", name, "--size", "8").ok();
        nipc("shm", "write", name).fails(2);
        nipc("shm", "write", name, "x", "--file", "/nonexistent").fails(2);
        nipc("shm", "write", name, "--offset", "4", "too long").fails(2);
        nipc("shm", "read", name, "--offset", "20").fails(2);
        nipc("shm", "read", name, "--format", "octal").fails(2);
        nipc("shm", "frobnicate", name).fails(2);
        nipc("shm").fails(2);
        assertEquals("", nipc("shm", "read", name, "--format", "text").out().replace("\n", ""),
                "an all-zero object reads as empty text");
        nipcWithInput("hi".getBytes(StandardCharsets.UTF_8), "shm", "write", name, "-").ok();
        assertEquals("hi\n", nipc("shm", "read", name, "--format", "text").ok());
    }
}
