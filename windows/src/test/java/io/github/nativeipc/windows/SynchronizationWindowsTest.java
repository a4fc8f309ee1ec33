package io.github.nativeipc.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.error.AlreadyExistsException;
import io.github.nativeipc.error.ClosedException;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.error.LimitReachedException;
import io.github.nativeipc.error.NotFoundException;
import io.github.nativeipc.error.OwnerDiedException;
import io.github.nativeipc.error.PermissionDeniedException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Semaphores, events and mutexes across real processes: the C peer opens the same names. Runs under Wine. */
class SynchronizationWindowsTest {

    @Test
    void semaphoreReleasedByTheCPeerIsAcquiredInJava() throws Exception {
        String name = WinPeer.objectName("sem");
        try (WindowsSemaphore sem = WindowsSemaphore.create(name, 0, 10)) {
            assertFalse(sem.tryAcquire());
            WinPeer.run("sem-release", name, "2");
            assertTrue(sem.tryAcquire(Duration.ofSeconds(5)));
            assertTrue(sem.tryAcquire());
            assertFalse(sem.tryAcquire());
        }
    }

    @Test
    void semaphoreReleasedInJavaIsAcquiredByTheCPeer() throws Exception {
        String name = WinPeer.objectName("sem");
        try (WindowsSemaphore sem = WindowsSemaphore.create(name, 0, 1)) {
            sem.release();
            assertEquals("acquired\n", WinPeer.run("sem-wait", name, "5000"));
            assertFalse(sem.tryAcquire());
        }
    }

    @Test
    void timedAcquireWaitsItsTimeoutThenReturnsFalse() throws Exception {
        try (WindowsSemaphore sem = WindowsSemaphore.create(WinPeer.objectName("sem"), 0, 1)) {
            long start = System.nanoTime();
            assertFalse(sem.tryAcquire(Duration.ofMillis(300)));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(ms >= 290 && ms < 2000, "waited " + ms + " ms");
        }
    }

    @Test
    void releasingPastTheMaximumIsLimitReached() throws Exception {
        try (WindowsSemaphore sem = WindowsSemaphore.create(WinPeer.objectName("sem"), 1, 1)) {
            LimitReachedException e = assertThrows(LimitReachedException.class, sem::release);
            assertEquals("ERROR_TOO_MANY_POSTS", e.errnoName());
            assertEquals(298, e.errno());
        }
    }

    @Test
    void createIsExclusiveAndOpenFindsTheSameObject() throws Exception {
        String name = WinPeer.objectName("sem");
        try (WindowsSemaphore first = WindowsSemaphore.create(name, 0, 5)) {
            AlreadyExistsException e = assertThrows(AlreadyExistsException.class, () -> WindowsSemaphore.create(name, 0, 5));
            assertTrue(e.getMessage().contains("ERROR_ALREADY_EXISTS (183)"), e.getMessage());
            assertTrue(e.getMessage().contains(name), e.getMessage());
            try (WindowsSemaphore second = WindowsSemaphore.open(name);
                 WindowsSemaphore third = WindowsSemaphore.openOrCreate(name, 0, 5)) {
                assertTrue(first.created());
                assertFalse(third.created());
                second.release();
                assertTrue(first.tryAcquire());
            }
        }
    }

    @Test
    void aGlobalNameIsSharedWithTheCPeerToo() throws Exception {
        String name = WinPeer.objectName("global").replace("Local\\", "Global\\");
        try (WindowsSemaphore sem = WindowsSemaphore.create(name, 0, 1)) {
            WinPeer.run("sem-release", name, "1");
            assertTrue(sem.tryAcquire(Duration.ofSeconds(5)));
        }
    }

    @Test
    void openingAMissingObjectIsNotFound() {
        String name = WinPeer.objectName("missing");
        NotFoundException e = assertThrows(NotFoundException.class, () -> WindowsEvent.open(name));
        assertEquals("ERROR_FILE_NOT_FOUND", e.errnoName());
        assertTrue(e.getMessage().startsWith("OpenEventW("), e.getMessage());
    }

    @Test
    void eventSetByTheCPeerWakesAJavaWaiter() throws Exception {
        String name = WinPeer.objectName("event");
        try (WindowsEvent event = WindowsEvent.create(name, EventReset.AUTO, false)) {
            CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
                try {
                    return event.await(Duration.ofSeconds(10));
                } catch (IpcException | InterruptedException e) {
                    throw new RuntimeException(e);
                }
            });
            WinPeer.run("event-set", name);
            assertTrue(waiter.get(15, TimeUnit.SECONDS));
            assertFalse(event.await(Duration.ZERO), "an auto-reset event resets after releasing one waiter");
        }
    }

    @Test
    void eventSetInJavaIsSeenByTheCPeer() throws Exception {
        String name = WinPeer.objectName("event");
        try (WindowsEvent event = WindowsEvent.create(name, EventReset.MANUAL, false)) {
            event.set();
            assertEquals("signalled\n", WinPeer.run("event-wait", name, "5000"));
            assertTrue(event.await(Duration.ZERO), "a manual-reset event stays signalled");
            event.reset();
            assertEquals("timeout\n", runExpectingFailure("event-wait", name, "100"));
        }
    }

    private static String runExpectingFailure(String... args) throws Exception {
        try (WinPeer peer = WinPeer.start(args)) {
            String out = peer.readLine() + "\n";
            assertTrue(peer.process().waitFor(30, TimeUnit.SECONDS));
            assertEquals(1, peer.process().exitValue());
            return out;
        }
    }

    @Test
    void mutexAbandonedByTheCPeerIsReportedAsOwnerDied() throws Exception {
        String name = WinPeer.objectName("mutex");
        try (WindowsMutex mutex = WindowsMutex.create(name)) {
            assertEquals("owned\n", WinPeer.run("mutex-abandon", name));
            OwnerDiedException e = assertThrows(OwnerDiedException.class, () -> mutex.tryLock(Duration.ofSeconds(5)));
            assertEquals("ERROR_ABANDONED_WAIT_0", e.errnoName());
            assertTrue(e.getMessage().contains(name), e.getMessage());
            mutex.unlock();   // the waiter owns it after an abandonment
            assertTrue(mutex.tryLock());
            mutex.unlock();
        }
    }

    @Test
    void unlockingAMutexThisThreadDoesNotOwnIsPermissionDenied() throws Exception {
        try (WindowsMutex mutex = WindowsMutex.createUnnamed()) {
            PermissionDeniedException e = assertThrows(PermissionDeniedException.class, mutex::unlock);
            assertEquals("ERROR_NOT_OWNER", e.errnoName());
        }
    }

    @Test
    void waitForMultipleObjectsReturnsTheIndexOfTheSignalledOne() throws Exception {
        try (WindowsEvent a = WindowsEvent.createUnnamed(EventReset.AUTO, false);
             WindowsSemaphore b = WindowsSemaphore.createUnnamed(0, 1);
             WindowsEvent c = WindowsEvent.createUnnamed(EventReset.MANUAL, false)) {
            assertEquals(-1, WindowsWaits.any(Duration.ofMillis(50), a, b, c));
            b.release();
            assertEquals(1, WindowsWaits.any(Duration.ofSeconds(1), a, b, c));
            assertFalse(WindowsWaits.all(Duration.ofMillis(20), a, c));
            a.set();
            c.set();
            assertTrue(WindowsWaits.all(Duration.ofSeconds(1), a, c));
            assertFalse(a.await(Duration.ZERO));
        }
    }

    @Test
    void anInterruptEndsAWaitWithinASlice() throws Exception {
        try (WindowsEvent event = WindowsEvent.createUnnamed(EventReset.MANUAL, false)) {
            Thread waiter = Thread.currentThread();
            CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
                waiter.interrupt();
            });
            long start = System.nanoTime();
            assertThrows(InterruptedException.class, () -> event.await(Duration.ofSeconds(30)));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(ms >= 150 && ms < 2000, "interrupted after " + ms + " ms");
            assertFalse(Thread.interrupted(), "the interrupt was consumed by the exception");
        }
    }

    @Test
    void closeFromAnotherThreadWakesAWaiter() throws Exception {
        WindowsSemaphore sem = WindowsSemaphore.createUnnamed(0, 1);
        CompletableFuture<Throwable> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                sem.acquire();
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        Thread.sleep(200);
        assertFalse(waiter.isDone());
        sem.close();
        assertInstanceOf(ClosedException.class, waiter.get(5, TimeUnit.SECONDS));
        assertThrows(ClosedException.class, sem::tryAcquire);
    }
}
