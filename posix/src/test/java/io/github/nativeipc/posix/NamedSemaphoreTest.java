package io.github.nativeipc.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.bindings.Errno;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.error.AlreadyExistsException;
import io.github.nativeipc.error.ClosedException;
import io.github.nativeipc.error.InvalidArgumentException;
import io.github.nativeipc.error.LimitReachedException;
import io.github.nativeipc.error.NotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NamedSemaphoreTest {
    private final TestNames names = new TestNames();

    @AfterEach
    void cleanUp() throws Exception {
        names.close();
    }

    @Test
    void createStartsAtTheInitialValue() throws Exception {
        try (NamedSemaphore s = NamedSemaphore.create(names.sem("init"), 3)) {
            assertTrue(s.created());
            assertEquals(3, s.value());
        }
    }

    @Test
    void createAppliesMode0600ByDefaultAndTheRequestedModeWhateverTheUmask() throws Exception {
        String a = names.sem("m600");
        String b = names.sem("m666");
        try (NamedSemaphore s = NamedSemaphore.create(a, 0);
                NamedSemaphore t = NamedSemaphore.create(b, 0, CreateOptions.defaults().mode(0666))) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of("/dev/shm/sem." + a.substring(1)))));
            assertEquals("rw-rw-rw-", PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of("/dev/shm/sem." + b.substring(1)))));
        }
    }

    @Test
    void createFailsWithAlreadyExistsWhenTheNameIsTaken() throws Exception {
        String name = names.sem("dup");
        try (NamedSemaphore s = NamedSemaphore.create(name, 0)) {
            AlreadyExistsException e = assertThrows(AlreadyExistsException.class, () -> NamedSemaphore.create(name, 0));
            assertEquals("sem_open(\"" + name + "\", O_CREAT|O_EXCL, 0600, 0): EEXIST (17) File exists", e.getMessage());
        }
    }

    @Test
    void openFailsWithNotFoundForAMissingName() {
        NotFoundException e = assertThrows(NotFoundException.class, () -> NamedSemaphore.open(names.sem("missing")));
        assertEquals(2, e.errno());
    }

    @Test
    void openOrCreateCreatesOnceThenOpensKeepingTheValue() throws Exception {
        String name = names.sem("ooc");
        try (NamedSemaphore a = NamedSemaphore.openOrCreate(name, 2); NamedSemaphore b = NamedSemaphore.openOrCreate(name, 9)) {
            assertTrue(a.created());
            assertFalse(b.created());
            assertEquals(2, b.value());
        }
    }

    @Test
    void postThroughOneHandleIsAcquiredThroughAnother() throws Exception {
        String name = names.sem("share");
        try (NamedSemaphore a = NamedSemaphore.create(name, 0); NamedSemaphore b = NamedSemaphore.open(name)) {
            a.post();
            assertTrue(b.tryAcquire());
            assertFalse(b.tryAcquire());
        }
    }

    @Test
    void tryAcquireWithTimeoutWaitsAboutThatLong() throws Exception {
        try (NamedSemaphore s = NamedSemaphore.create(names.sem("timeout"), 0)) {
            long t0 = System.nanoTime();
            assertFalse(s.tryAcquire(Duration.ofMillis(200)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 190 && ms < 2000, "waited " + ms + " ms");
            assertFalse(s.tryAcquire(Duration.ZERO));
            assertFalse(s.tryAcquire(Duration.ofMillis(-5)));
        }
    }

    @Test
    void tryAcquireWithTimeoutReturnsAsSoonAsAnotherThreadPosts() throws Exception {
        try (NamedSemaphore s = NamedSemaphore.create(names.sem("wake"), 0)) {
            CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
                try {
                    return s.tryAcquire(Duration.ofSeconds(30));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(100);
            s.post();
            assertTrue(waiter.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void anInterruptedBlockedAcquireThrowsWithinASecondAndTakesNothing() throws Exception {
        try (NamedSemaphore s = NamedSemaphore.create(names.sem("intr"), 0)) {
            BlockedCall waiter = BlockedCall.start(s::acquire).interrupt();
            assertInstanceOf(InterruptedException.class, waiter.outcomeWithin(Duration.ofSeconds(1)));
            s.post();
            assertEquals(1, s.value(), "the interrupted acquire took nothing");
            assertTrue(s.tryAcquire());
        }
    }

    @Test
    void closeFromAnotherThreadFailsABlockedAcquireWithClosedWithinASecond() throws Exception {
        NamedSemaphore s = NamedSemaphore.create(names.sem("closewait"), 0);
        BlockedCall waiter = BlockedCall.start(s::acquire).then(s::close);
        assertInstanceOf(ClosedException.class, waiter.outcomeWithin(Duration.ofSeconds(1)));
    }

    @Test
    void anAlreadyInterruptedAcquireThrowsAtOnceEvenWithAUnitFree() throws Exception {
        try (NamedSemaphore s = NamedSemaphore.create(names.sem("preintr"), 1)) {
            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, s::acquire);
            assertFalse(Thread.interrupted(), "the interrupt status was consumed");
            assertEquals(1, s.value(), "nothing was taken");
        }
    }

    @Test
    void aBlockedAcquireIsWokenByAPostFromAnotherThread() throws Exception {
        try (NamedSemaphore s = NamedSemaphore.create(names.sem("post"), 0)) {
            BlockedCall waiter = BlockedCall.start(s::acquire).then(s::post);
            assertNull(waiter.outcomeWithin(Duration.ofSeconds(1)));
            assertEquals(0, s.value());
        }
    }

    @Test
    void theWakeSignalMakesABlockedSemWaitReturnEintr() throws Exception {
        assertTrue(Threads.supported(), "the wake-up signal is installed (Linux)");
        try (NamedSemaphore s = NamedSemaphore.create(names.sem("eintr"), 0)) {
            AtomicIntegerArray tidResultErrno = new AtomicIntegerArray(3);
            BlockedCall waiter = BlockedCall.start(() -> {
                s.enter("sem_wait");   // the handle stays open under the call
                try {
                    tidResultErrno.set(0, Threads.gettid());
                    tidResultErrno.set(1, Native.libc().sem_wait(s.sem));   // the raw call: no retry, no watch
                    tidResultErrno.set(2, Native.errno());
                } finally {
                    s.guard.exit();
                }
            }).then(() -> Threads.wake(tidResultErrno.get(0)));
            assertNull(waiter.outcomeWithin(Duration.ofSeconds(1)));
            assertEquals(-1, tidResultErrno.get(1));
            assertEquals(Errno.EINTR.value(), tidResultErrno.get(2), "sem_wait is not restarted: the handler has no SA_RESTART");
            assertEquals(0, s.value());
        }
    }

    @Test
    void everyOperationAfterCloseThrowsClosed() throws Exception {
        NamedSemaphore s = NamedSemaphore.create(names.sem("closed"), 1);
        s.close();
        s.close();
        assertThrows(ClosedException.class, s::post);
        assertThrows(ClosedException.class, s::acquire);
        assertThrows(ClosedException.class, s::tryAcquire);
        assertThrows(ClosedException.class, () -> s.tryAcquire(Duration.ofSeconds(1)));
        assertThrows(ClosedException.class, s::value);
    }

    @Test
    void postBeyondSemValueMaxIsLimitReached() throws Exception {
        try (NamedSemaphore s = NamedSemaphore.create(names.sem("max"), Integer.MAX_VALUE)) {
            LimitReachedException e = assertThrows(LimitReachedException.class, s::post);
            assertEquals("EOVERFLOW", e.errnoName());
        }
    }

    @Test
    void initialValuesOutsideTheRangeAreInvalid() {
        assertThrows(InvalidArgumentException.class, () -> NamedSemaphore.create(names.sem("neg"), -1));
    }

    @Test
    void invalidNamesAreRejectedBeforeAnyCall() {
        for (String bad : new String[] {"x", "/", "/a/b", "/" + "s".repeat(252)}) {
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> NamedSemaphore.create(bad, 0), bad);
            assertEquals(0, e.errno());
        }
    }

    @Test
    void unlinkRemovesTheNameOnly() throws Exception {
        String name = names.sem("unlink");
        try (NamedSemaphore s = NamedSemaphore.create(name, 0)) {
            s.unlink();
            assertThrows(NotFoundException.class, () -> NamedSemaphore.open(name));
            s.post();
            assertEquals(1, s.value());
        }
    }

    @Test
    void unlinkOnCloseRemovesTheName() throws Exception {
        String name = names.sem("uoc");
        NamedSemaphore.create(name, 0, CreateOptions.defaults().unlinkOnClose(true)).close();
        assertThrows(NotFoundException.class, () -> NamedSemaphore.open(name));
    }

    @Test
    void concurrentPostsAndAcquiresBalance() throws Exception {
        try (NamedSemaphore s = NamedSemaphore.create(names.sem("balance"), 0)) {
            int n = 20_000;
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                Thread producer = new Thread(() -> {
                    try {
                        for (int i = 0; i < n; i++) {
                            s.post();
                        }
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
                producer.start();
                for (int i = 0; i < n; i++) {
                    s.acquire();
                }
                producer.join();
            });
            assertEquals(0, s.value());
        }
    }
}
