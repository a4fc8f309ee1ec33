package io.github.nativeipc.benchmarks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.posix.PosixSharedMemory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run stopped before its cleanup leaves objects; the next run removes them, and never a live run's. */
class BenchObjectsSweepTest {
    @Test
    void objectsOfADeadRunAreRemovedAndALiveRunsAreKept() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String dead = "/nipc-b" + gone.pid() + "-1";
        String live = "/nipc-b" + ProcessHandle.current().pid() + "-sweep";
        PosixSharedMemory.create(dead, 4096).close();
        PosixSharedMemory.create(live, 4096).close();
        try {
            List<String> removed = BenchObjects.sweepLeftovers();
            assertTrue(removed.contains(dead), removed.toString());
            assertFalse(Files.exists(Path.of("/dev/shm" + dead)));
            assertTrue(Files.exists(Path.of("/dev/shm" + live)), "a live run's object stays");
        } finally {
            PosixSharedMemory.unlink(live);
            if (Files.exists(Path.of("/dev/shm" + dead))) {
                PosixSharedMemory.unlink(dead);
            }
        }
    }
}
