package io.github.nativeipc.cli;

import static io.github.nativeipc.cli.Cli.nipc;
import static io.github.nativeipc.cli.Cli.nipcWithInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nipc fifo against other programs on the same FIFO: the shell's cat and printf. */
class FifoCommandTest {
    @TempDir
    Path dir;

    private static String shell(Process p) throws Exception {
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the shell peer ended");
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void createMakesAFifoWithTheModeGiven() throws Exception {
        Path p = dir.resolve("f");
        nipc("fifo", "create", p.toString(), "--mode", "0640").ok();
        assertEquals(0010640, Files.getAttribute(p, "unix:mode"));
        nipc("fifo", "create", p.toString()).fails(4);
    }

    @Test
    void sendReachesAReadingShell() throws Exception {
        Path p = dir.resolve("f");
        nipc("fifo", "create", p.toString()).ok();
        Process cat = new ProcessBuilder("sh", "-c", "cat '" + p + "'").start();
        nipc("fifo", "send", p.toString(), "hello through a fifo", "--timeout", "10s").ok();
        assertEquals("hello through a fifo", shell(cat));
    }

    @Test
    void sendFromStandardInputIsBinarySafe() throws Exception {
        Path p = dir.resolve("f");
        nipc("fifo", "create", p.toString()).ok();
        Process od = new ProcessBuilder("sh", "-c", "od -An -tx1 '" + p + "'").start();
        nipcWithInput(new byte[] {0, (byte) 0xff, 10, 13}, "fifo", "send", p.toString(), "-").ok();
        assertEquals("00 ff 0a 0d", shell(od).trim());
    }

    @Test
    void receiveReadsWhatAShellWritesUntilItClosesItsEnd() throws Exception {
        Path p = dir.resolve("f");
        nipc("fifo", "create", p.toString()).ok();
        Process writer = new ProcessBuilder("sh", "-c", "printf 'one\\ntwo' > '" + p + "'").start();
        assertEquals("one\ntwo", nipc("fifo", "receive", p.toString(), "--timeout", "10s").ok());
        assertEquals("", shell(writer));
    }

    @Test
    void sendWithoutWaitingAndNoReaderExits6() throws Exception {
        Path p = dir.resolve("f");
        nipc("fifo", "create", p.toString()).ok();
        assertTrue(nipc("fifo", "send", p.toString(), "x", "--timeout", "0").fails(6).contains("ENXIO"));
    }

    @Test
    void receiveWithATimeoutAndNoWriterExits6AfterTheTimeout() throws Exception {
        Path p = dir.resolve("f");
        nipc("fifo", "create", p.toString()).ok();
        long t0 = System.nanoTime();
        String err = nipc("fifo", "receive", p.toString(), "--timeout", "200ms").fails(6);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 200 && ms < 2000, ms + " ms");
        assertTrue(err.contains("no writer opened the FIFO within 200 ms"), err);
    }

    @Test
    void aPathThatIsNotAFifoIsAUsageErrorAndAMissingOneNotFound() throws Exception {
        Path plain = Files.writeString(dir.resolve("plain"), "x");
        assertTrue(nipc("fifo", "send", plain.toString(), "x").fails(2).contains("is a regular file, not a FIFO"));
        nipc("fifo", "rm", dir.resolve("missing").toString()).fails(3);
    }

    @Test
    void rmRemovesTheFifo() throws Exception {
        Path p = dir.resolve("f");
        nipc("fifo", "create", p.toString()).ok();
        nipc("fifo", "rm", p.toString()).ok();
        assertTrue(Files.notExists(p));
    }
}
