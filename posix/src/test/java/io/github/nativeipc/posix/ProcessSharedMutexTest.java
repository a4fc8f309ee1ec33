package io.github.nativeipc.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.error.ClosedException;
import io.github.nativeipc.error.InvalidArgumentException;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.error.PermissionDeniedException;
import io.github.nativeipc.memory.MappedMemory;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The robust process-shared mutex and condition between threads of this process (the C peers are in the integration tests). */
class ProcessSharedMutexTest {
    private final TestNames names = new TestNames();

    @AfterEach
    void cleanUp() throws Exception {
        names.close();
    }

    private MappedMemory memory() throws Exception {
        PosixSharedMemory shm = PosixSharedMemory.create(names.shm("mutex"), 4096);
        MappedMemory m = shm.map();
        shm.close();
        return m;
    }

    @Test
    void aSecondThreadWaitsUntilTheOwnerUnlocks() throws Exception {
        try (MappedMemory mem = memory()) {
            ProcessSharedMutex m = ProcessSharedMutex.init(mem, 0);
            m.lock();
            CompletableFuture<Boolean> other = CompletableFuture.supplyAsync(() -> {
                try {
                    boolean free = ProcessSharedMutex.attach(mem, 0).tryLock();
                    boolean later = ProcessSharedMutex.attach(mem, 0).tryLock(Duration.ofSeconds(10));
                    ProcessSharedMutex.attach(mem, 0).unlock();
                    return !free && later;
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(100);
            assertFalse(other.isDone());
            m.unlock();
            assertTrue(other.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aTimedLockGivesUpAfterTheTimeout() throws Exception {
        try (MappedMemory mem = memory()) {
            ProcessSharedMutex m = ProcessSharedMutex.init(mem, 0);
            m.lock();
            long took = CompletableFuture.supplyAsync(() -> {
                long start = System.nanoTime();
                try {
                    assertFalse(ProcessSharedMutex.attach(mem, 0).tryLock(Duration.ofMillis(200)));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            }).get(10, TimeUnit.SECONDS);
            assertTrue(took >= 200 && took < 1000, took + " ms");
            m.unlock();
        }
    }

    @Test
    void relockingOnTheOwningThreadIsEdeadlkNotAHang() throws Exception {
        try (MappedMemory mem = memory()) {
            ProcessSharedMutex m = ProcessSharedMutex.init(mem, 64);
            m.lock();
            IpcException e = assertThrows(IpcException.class, m::lock);
            assertEquals("EDEADLK", e.errnoName());
            m.unlock();
        }
    }

    @Test
    void unlockingFromAThreadThatDoesNotHoldItIsRefused() throws Exception {
        try (MappedMemory mem = memory()) {
            ProcessSharedMutex m = ProcessSharedMutex.init(mem, 0);
            m.lock();
            Throwable t = CompletableFuture.supplyAsync(() -> {
                try {
                    m.unlock();
                    return null;
                } catch (Throwable e) {
                    return e;
                }
            }).get(10, TimeUnit.SECONDS);
            assertInstanceOf(PermissionDeniedException.class, t);
            m.unlock();
        }
    }

    @Test
    void anInterruptedWaitThrowsWithoutTheLock() throws Exception {
        try (MappedMemory mem = memory()) {
            ProcessSharedMutex m = ProcessSharedMutex.init(mem, 0);
            m.lock();
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    ProcessSharedMutex.attach(mem, 0).lock();
                    outcome.complete(null);
                } catch (Throwable e) {
                    outcome.complete(e);
                }
            });
            t.start();
            Thread.sleep(100);
            t.interrupt();
            assertInstanceOf(InterruptedIOException.class, outcome.get(5, TimeUnit.SECONDS));
            m.unlock();
        }
    }

    @Test
    void aMisalignedOrOutOfRangeOffsetIsRefusedBeforeAnyCall() throws Exception {
        try (MappedMemory mem = memory()) {
            assertThrows(InvalidArgumentException.class, () -> ProcessSharedMutex.init(mem, 3));
            assertThrows(InvalidArgumentException.class, () -> ProcessSharedMutex.init(mem, 4096 - 8));
            assertThrows(InvalidArgumentException.class, () -> ProcessSharedCondition.init(mem, -8));
        }
    }

    @Test
    void afterTheMappingClosesEveryCallIsClosed() throws Exception {
        MappedMemory mem = memory();
        ProcessSharedMutex m = ProcessSharedMutex.init(mem, 0);
        mem.close();
        assertThrows(ClosedException.class, m::tryLock);
    }

    @Test
    void aWaiterIsWokenWhenTheOtherThreadChangesTheDataAndSignals() throws Exception {
        try (MappedMemory mem = memory()) {
            ProcessSharedMutex m = ProcessSharedMutex.init(mem, 0);
            ProcessSharedCondition c = ProcessSharedCondition.init(mem, 64);
            CompletableFuture<Long> waiter = CompletableFuture.supplyAsync(() -> {
                try {
                    m.lock();
                    try {
                        while (mem.getLong(128) == 0) {
                            c.await(m, null);
                        }
                        return mem.getLong(128);
                    } finally {
                        m.unlock();
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(100);
            m.lock();
            mem.putLong(128, 42);
            c.signalAll();
            m.unlock();
            assertEquals(42, waiter.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aTimedAwaitWithNoSignalReturnsFalseAfterTheTimeout() throws Exception {
        try (MappedMemory mem = memory()) {
            ProcessSharedMutex m = ProcessSharedMutex.init(mem, 0);
            ProcessSharedCondition c = ProcessSharedCondition.init(mem, 64);
            m.lock();
            long start = System.nanoTime();
            long deadline = start + Duration.ofMillis(200).toNanos();
            boolean signalled = true;
            while (signalled && mem.getLong(128) == 0) {
                signalled = c.await(m, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            }
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            m.unlock();
            assertFalse(signalled);
            assertTrue(took >= 200 && took < 1000, took + " ms");
        }
    }
}
