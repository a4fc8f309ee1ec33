package io.github.nativeipc.benchmarks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.IpcName;
import io.github.nativeipc.LocalServer;
import io.github.nativeipc.posix.PosixSharedMemory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run stopped before its cleanup leaves objects and socket files; the next run removes them, and never a live run's. */
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

    @Test
    void socketFilesOfADeadRunInTheRuntimeDirectoryAreRemovedAndALiveRunsAreKept() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path dead = LocalServer.socketPath(IpcName.of("nipc-b" + gone.pid() + "-7"));
        Path deadBound = Path.of(dead + ".new");
        Path live = LocalServer.socketPath(IpcName.of("nipc-b" + ProcessHandle.current().pid() + "-sweep"));
        Files.createFile(dead);
        Files.createFile(deadBound);
        Files.createFile(live);
        try {
            List<String> removed = BenchObjects.sweepLeftovers();
            assertTrue(removed.containsAll(List.of(dead.toString(), deadBound.toString())), removed.toString());
            assertFalse(Files.exists(dead));
            assertFalse(Files.exists(deadBound));
            assertTrue(Files.exists(live), "a live run's socket stays");
        } finally {
            Files.deleteIfExists(live);
            Files.deleteIfExists(dead);
            Files.deleteIfExists(deadBound);
        }
    }
}
