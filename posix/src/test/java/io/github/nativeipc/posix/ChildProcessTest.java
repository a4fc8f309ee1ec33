package io.github.nativeipc.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.error.ClosedException;
import io.github.nativeipc.error.NotFoundException;
import io.github.nativeipc.memory.MappedMemory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Children started with posix_spawn: what they inherit, how they end. Output is captured in a memfd given as fd 1. */
class ChildProcessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    static String text(MemFd out) throws Exception {
        long size = out.size();
        if (size == 0) {
            return "";
        }
        try (MappedMemory m = out.map()) {
            byte[] b = new byte[(int) size];
            m.slice(0, (int) size).get(b);
            return new String(b, StandardCharsets.UTF_8);
        }
    }

    /** The shell lists its own descriptors through ls (a builtin loop with $(...) would add the substitution's pipe). */
    @Test
    void theChildHasExactlyTheStandardAndTheMappedDescriptors() throws Exception {
        try (MemFd out = MemFd.create("out", 0); MemFd three = MemFd.create("three", 4096); MemFd five = MemFd.create("five", 4096);
                ChildProcess child = ChildProcess.builder("/bin/sh", "-c", "ls /proc/$$/fd")
                        .descriptor(1, out).descriptor(3, three).descriptor(5, five).start()) {
            assertEquals(0, child.waitFor().exitCode());
            assertEquals(List.of("0", "1", "2", "3", "5"), List.of(text(out).split("\n")));
        }
    }

    @Test
    void aMappedDescriptorRefersToTheSameFileInTheChild() throws Exception {
        try (MemFd out = MemFd.create("out", 0); MemFd data = MemFd.create("data", 4096);
                ChildProcess child = ChildProcess.builder("/bin/sh", "-c", "readlink /proc/$$/fd/4").descriptor(1, out).descriptor(4, data).start()) {
            assertEquals(0, child.waitFor().exitCode());
            assertEquals("/memfd:data (deleted)\n", text(out));
        }
    }

    @Test
    void descriptorsMayBeMappedOntoEachOthersNumbers() throws Exception {
        // fd numbers in this process are arbitrary: swap two so each target is the other's source.
        try (MemFd out = MemFd.create("out", 0); MemFd a = MemFd.create("a", 1); MemFd b = MemFd.create("b", 1)) {
            int fdA = a.acquireDescriptor();
            int fdB = b.acquireDescriptor();
            try (ChildProcess child = ChildProcess.builder("/bin/sh", "-c", "readlink /proc/$$/fd/" + fdA + "; readlink /proc/$$/fd/" + fdB)
                    .descriptor(1, out).descriptor(fdA, b).descriptor(fdB, a).start()) {
                assertEquals(0, child.waitFor().exitCode());
                assertEquals("/memfd:b (deleted)\n/memfd:a (deleted)\n", text(out));
            } finally {
                a.releaseDescriptor();
                b.releaseDescriptor();
            }
        }
    }

    @Test
    void theExitCodeIsReported() throws Exception {
        try (ChildProcess child = ChildProcess.builder("/bin/sh", "-c", "exit 7").start()) {
            ExitStatus s = child.waitFor();
            assertTrue(s.exited());
            assertEquals(7, s.exitCode());
            assertEquals(7, s.shellStatus());
        }
    }

    @Test
    void aChildEndedByASignalReportsTheSignal() throws Exception {
        try (ChildProcess child = ChildProcess.builder("/bin/sleep", "30").start()) {
            assertTrue(child.isAlive());
            child.sendSignal(15);
            ExitStatus s = child.waitFor(TIMEOUT).orElseThrow();
            assertTrue(s.signaled());
            assertEquals(15, s.signalNumber());
            assertEquals(143, s.shellStatus());
        }
    }

    @Test
    void signallingAReapedChildIsNotFound() throws Exception {
        try (ChildProcess child = ChildProcess.builder("/bin/true").start()) {
            child.waitFor();
            assertThrows(NotFoundException.class, () -> child.sendSignal(15));
        }
    }

    @Test
    void aTimedWaitOnARunningChildReturnsEmptyAfterTheTimeout() throws Exception {
        try (ChildProcess child = ChildProcess.builder("/bin/sleep", "30").start()) {
            long t0 = System.nanoTime();
            assertTrue(child.waitFor(Duration.ofMillis(200)).isEmpty());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 200 && ms < 1000, ms + " ms");
            child.sendSignal(9);
            assertEquals(9, child.waitFor().signalNumber());
        }
    }

    @Test
    void onExitCompletesWithTheStatus() throws Exception {
        try (ChildProcess child = ChildProcess.builder("/bin/sh", "-c", "sleep 0.2; exit 3").start()) {
            assertEquals(3, child.onExit().get(20, TimeUnit.SECONDS).exitCode());
        }
    }

    @Test
    void theJdkProcessHandleSeesTheChildAndItsExit() throws Exception {
        try (ChildProcess child = ChildProcess.builder("/bin/sleep", "0.2").start()) {
            ProcessHandle h = child.toHandle().orElseThrow();
            assertEquals(child.pid(), h.pid());
            assertTrue(h.info().command().orElse("").endsWith("sleep"));
            h.onExit().get(20, TimeUnit.SECONDS);
            assertEquals(0, child.waitFor().exitCode());
        }
    }

    @Test
    void environmentAndDirectoryAreTheOnesGiven() throws Exception {
        try (MemFd out = MemFd.create("out", 0)) {
            ChildProcess.Builder b = ChildProcess.builder("sh", "-c", "echo \"$NIPC_TEST|$(pwd)\"").descriptor(1, out).directory(Path.of("/tmp"));
            b.environment().put("NIPC_TEST", "é value");
            try (ChildProcess child = b.start()) {
                assertEquals(0, child.waitFor().exitCode());
            }
            assertEquals("é value|/tmp\n", text(out));
        }
    }

    @Test
    void aNewProcessGroupIsLedByTheChild() throws Exception {
        try (ChildProcess child = ChildProcess.builder("/bin/sleep", "30").newProcessGroup().start()) {
            String stat = Files.readString(Path.of("/proc/" + child.pid() + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            assertEquals(Long.toString(child.pid()), fields[2], "pgrp field of " + stat);
            child.sendSignal(9);
            child.waitFor();
        }
    }

    @Test
    void aMissingProgramIsNotFoundNamingIt() {
        NotFoundException e = assertThrows(NotFoundException.class, () -> ChildProcess.builder("/nonexistent/prog", "x").start());
        assertEquals("ENOENT", e.errnoName());
        assertTrue(e.getMessage().contains("/nonexistent/prog"), e.getMessage());
    }

    @Test
    void aClosedDescriptorOwnerIsRefusedBeforeSpawning() throws Exception {
        MemFd gone = MemFd.create("gone", 1);
        gone.close();
        assertThrows(ClosedException.class, () -> ChildProcess.builder("/bin/true").descriptor(3, gone).start());
    }

    @Test
    void closingTheHandleLeavesTheChildRunning() throws Exception {
        ChildProcess child = ChildProcess.builder("/bin/sleep", "30").start();
        child.close();
        assertTrue(child.isAlive());
        assertFalse(child.pidFd().orElseThrow().isOpen());
        child.sendSignal(9);
        assertEquals(9, child.waitFor().signalNumber());
    }
}
