package io.github.nativeipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.memory.MappedMemory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The facade's mutex and condition in shared memory, whatever backs them on this OS. */
class ProcessMutexTest {
    private final IpcName name = SharedMemoryTest.uniqueName();

    @AfterEach
    void removeLeftovers() {
        try {
            SharedMemory.remove(name);
        } catch (Exception alreadyGone) {
            // removed by the test itself
        }
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.WINDOWS)
    void onWindowsTheMutexSaysItsBackendIsMissing() throws Exception {
        try (SharedMemory shm = SharedMemory.create(name, 4096); MappedMemory mem = shm.map()) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(io.github.nativeipc.error.NotSupportedException.class,
                    () -> ProcessMutex.init(mem, 0));
            assertTrue(e.getMessage().contains("robust process-shared mutexes"), e.getMessage());
        }
    }

    @Test
    @org.junit.jupiter.api.condition.DisabledOnOs(value = org.junit.jupiter.api.condition.OS.WINDOWS,
            disabledReason = "the facade's Windows mutex backend is not there yet; the test above checks it says so")
    void twoHandlesOnTheSameMemoryExcludeEachOther() throws Exception {
        try (SharedMemory shm = SharedMemory.create(name, 4096); MappedMemory mem = shm.map()) {
            ProcessMutex a = ProcessMutex.init(mem, 0);
            a.lock();
            boolean other = CompletableFuture.supplyAsync(() -> {
                try {
                    return ProcessMutex.attach(mem, 0).tryLock(Duration.ofMillis(100));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }).get(10, TimeUnit.SECONDS);
            assertFalse(other, "held by the first thread");
            a.unlock();
        }
    }

    @Test
    @org.junit.jupiter.api.condition.DisabledOnOs(value = org.junit.jupiter.api.condition.OS.WINDOWS,
            disabledReason = "the facade's Windows condition backend is not there yet")
    void aSignalledConditionWakesTheWaiterWithTheData() throws Exception {
        try (SharedMemory shm = SharedMemory.create(name, 4096); MappedMemory mem = shm.map()) {
            ProcessMutex m = ProcessMutex.init(mem, 0);
            ProcessCondition c = ProcessCondition.init(mem, ProcessMutex.SIZE);
            long data = ProcessMutex.SIZE + ProcessCondition.SIZE;
            CompletableFuture<Long> waiter = CompletableFuture.supplyAsync(() -> {
                try {
                    m.lock();
                    try {
                        while (mem.getLong(data) == 0) {
                            c.await(m, null);
                        }
                        return mem.getLong(data);
                    } finally {
                        m.unlock();
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(100);
            m.lock();
            mem.putLong(data, 7);
            c.signal();
            m.unlock();
            assertEquals(7, waiter.get(10, TimeUnit.SECONDS));
            assertTrue(ProcessMutex.SIZE >= io.github.nativeipc.posix.ProcessSharedMutex.SIZE);
        }
    }
}
