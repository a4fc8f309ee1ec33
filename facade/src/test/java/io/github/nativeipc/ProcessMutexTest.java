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

    @Test
    void aTimedAwaitWithNoSignalReturnsFalseAfterTheTimeoutHoldingTheMutex() throws Exception {
        try (SharedMemory shm = SharedMemory.create(name, 4096); MappedMemory mem = shm.map();
                ProcessMutex m = ProcessMutex.init(mem, 0); ProcessCondition c = ProcessCondition.init(mem, ProcessMutex.SIZE)) {
            m.lock();
            long start = System.nanoTime();
            long deadline = start + Duration.ofMillis(200).toNanos();
            boolean signalled = true;
            while (signalled) {
                signalled = c.await(m, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            }
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(ms >= 200 && ms < 1000, ms + " ms");
            assertFalse(CompletableFuture.supplyAsync(() -> {
                try (ProcessMutex other = ProcessMutex.attach(mem, 0)) {
                    return other.tryLock();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }).get(10, TimeUnit.SECONDS), "await returned holding the mutex");
            m.unlock();
        }
    }

    @Test
    void signalAllWakesEveryWaiter() throws Exception {
        try (SharedMemory shm = SharedMemory.create(name, 4096); MappedMemory mem = shm.map();
                ProcessMutex m = ProcessMutex.init(mem, 0); ProcessCondition c = ProcessCondition.init(mem, ProcessMutex.SIZE)) {
            long data = ProcessMutex.SIZE + ProcessCondition.SIZE;
            java.util.List<CompletableFuture<Long>> waiters = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                waiters.add(CompletableFuture.supplyAsync(() -> {
                    try (ProcessMutex mine = ProcessMutex.attach(mem, 0);
                            ProcessCondition cond = ProcessCondition.attach(mem, ProcessMutex.SIZE)) {
                        mine.lock();
                        try {
                            while (mem.getLong(data) == 0) {
                                cond.await(mine, null);
                            }
                            return mem.getLong(data);
                        } finally {
                            mine.unlock();
                        }
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }, task -> {
                    Thread t = new Thread(task, "waiter");
                    t.setDaemon(true);
                    t.start();
                }));
            }
            Thread.sleep(200);   // the three are waiting by now (each in its own thread)
            m.lock();
            mem.putLong(data, 9);
            c.signalAll();
            m.unlock();
            for (CompletableFuture<Long> w : waiters) {
                assertEquals(9, w.get(10, TimeUnit.SECONDS));
            }
        }
    }

    @AfterEach
    void removeLeftovers() {
        try {
            SharedMemory.remove(name);
        } catch (Exception alreadyGone) {
            // removed by the test itself
        }
    }

    @Test
    void twoHandlesOnTheSameMemoryExcludeEachOther() throws Exception {
        try (SharedMemory shm = SharedMemory.create(name, 4096); MappedMemory mem = shm.map()) {
            try (ProcessMutex a = ProcessMutex.init(mem, 0)) {
                a.lock();
                boolean other = CompletableFuture.supplyAsync(() -> {
                    try (ProcessMutex b = ProcessMutex.attach(mem, 0)) {
                        return b.tryLock(Duration.ofMillis(100));
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }).get(10, TimeUnit.SECONDS);
                assertFalse(other, "held by the first thread");
                a.unlock();
            }
        }
    }

    @Test
    void aSignalledConditionWakesTheWaiterWithTheData() throws Exception {
        try (SharedMemory shm = SharedMemory.create(name, 4096); MappedMemory mem = shm.map()) {
            ProcessMutex m = ProcessMutex.init(mem, 0);
            ProcessCondition c = ProcessCondition.init(mem, ProcessMutex.SIZE);
            try {
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
            } finally {
                c.close();
                m.close();
            }
        }
    }
}
