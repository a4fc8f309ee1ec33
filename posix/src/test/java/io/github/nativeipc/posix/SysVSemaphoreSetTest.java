package io.github.nativeipc.posix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.error.AlreadyExistsException;
import io.github.nativeipc.error.ClosedException;
import io.github.nativeipc.error.InvalidArgumentException;
import io.github.nativeipc.error.LimitReachedException;
import io.github.nativeipc.error.NotFoundException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SysVSemaphoreSetTest {
    private final TestNames names = new TestNames();

    @AfterEach
    void cleanUp() throws Exception {
        names.close();
    }

    @Test
    void aNewSetHasCountSemaphoresAtZero() throws Exception {
        try (SysVSemaphoreSet set = SysVSemaphoreSet.create(names.sysvKey(), 3)) {
            assertEquals(3, set.count());
            assertArrayEquals(new int[] {0, 0, 0}, set.values());
            assertEquals(3, set.status().count());
            assertEquals(0600, set.status().permissions().mode());
        }
    }

    @Test
    void operationsApplyAllTogetherOrNotAtAll() throws Exception {
        try (SysVSemaphoreSet set = SysVSemaphoreSet.create(names.sysvKey(), 2)) {
            set.setValues(1, 0);
            // Taking both cannot succeed (the second is 0): neither is taken.
            assertFalse(set.tryApply(SemaphoreOperation.acquire(0), SemaphoreOperation.acquire(1)));
            assertArrayEquals(new int[] {1, 0}, set.values());
            set.setValue(1, 1);
            assertTrue(set.tryApply(SemaphoreOperation.acquire(0), SemaphoreOperation.acquire(1)));
            assertArrayEquals(new int[] {0, 0}, set.values());
            assertEquals(ProcessHandle.current().pid(), set.lastPid(0));
        }
    }

    @Test
    void aTimedApplyWaitsForItsTimeoutThenReturnsFalse() throws Exception {
        try (SysVSemaphoreSet set = SysVSemaphoreSet.create(names.sysvKey(), 1)) {
            long t0 = System.nanoTime();
            assertFalse(set.tryApply(Duration.ofMillis(200), SemaphoreOperation.acquire(0)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 200 && ms < 1000, ms + " ms");
        }
    }

    @Test
    void aWaiterIsWokenByARelease() throws Exception {
        try (SysVSemaphoreSet set = SysVSemaphoreSet.create(names.sysvKey(), 1)) {
            CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
                try {
                    set.apply(SemaphoreOperation.acquire(0));
                    return true;
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (set.waitingForIncrease(0) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(1, set.waitingForIncrease(0));
            set.apply(new SemaphoreOperation(0, 1, false));
            assertTrue(waiter.get(2, TimeUnit.SECONDS));
        }
    }

    @Test
    void anInterruptedBlockedApplyThrowsWithinASecondAndAppliesNothing() throws Exception {
        try (SysVSemaphoreSet set = SysVSemaphoreSet.create(names.sysvKey(), 2)) {
            BlockedCall waiter = BlockedCall.start(
                    () -> set.apply(SemaphoreOperation.acquire(0), new SemaphoreOperation(1, 1, false))).interrupt();
            assertInstanceOf(InterruptedException.class, waiter.outcomeWithin(Duration.ofSeconds(1)));
            assertEquals(0, set.waitingForIncrease(0), "the interrupted call waits no more");
            set.setValue(0, 1);
            assertArrayEquals(new int[] {1, 0}, set.values(), "nothing was applied");
        }
    }

    @Test
    void closeFromAnotherThreadFailsABlockedApplyWithClosedWithinASecond() throws Exception {
        SysVSemaphoreSet set = SysVSemaphoreSet.create(names.sysvKey(), 1);
        BlockedCall waiter = BlockedCall.start(() -> set.apply(SemaphoreOperation.acquire(0))).then(set::close);
        assertInstanceOf(ClosedException.class, waiter.outcomeWithin(Duration.ofSeconds(1)));
        assertEquals(0, SysVSemaphoreSet.byId(set.id()).waitingForIncrease(0), "the closed call waits no more");
    }

    @Test
    void anAlreadyInterruptedApplyThrowsAtOnceEvenWhenItCouldApply() throws Exception {
        try (SysVSemaphoreSet set = SysVSemaphoreSet.create(names.sysvKey(), 1)) {
            set.setValue(0, 1);
            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, () -> set.apply(SemaphoreOperation.acquire(0)));
            assertEquals(1, set.value(0), "nothing was applied");
        }
    }

    @Test
    void waitForZeroWaitsUntilTheValueIsZero() throws Exception {
        try (SysVSemaphoreSet set = SysVSemaphoreSet.create(names.sysvKey(), 1)) {
            set.setValue(0, 1);
            assertFalse(set.tryApply(SemaphoreOperation.waitForZero(0)));
            set.setValue(0, 0);
            assertTrue(set.tryApply(SemaphoreOperation.waitForZero(0)));
        }
    }

    @Test
    void valuesBeyondSemvmxAreRefused() throws Exception {
        try (SysVSemaphoreSet set = SysVSemaphoreSet.create(names.sysvKey(), 1)) {
            set.setValue(0, 32767);
            LimitReachedException e = assertThrows(LimitReachedException.class, () -> set.tryApply(new SemaphoreOperation(0, 1, false)));
            assertEquals("ERANGE", e.errnoName());
            assertThrows(InvalidArgumentException.class, () -> set.setValue(0, 32768));
            assertThrows(InvalidArgumentException.class, () -> set.value(1));
        }
    }

    @Test
    void removingTheSetFailsAWaiterWithNotFound() throws Exception {
        SysVSemaphoreSet set = SysVSemaphoreSet.create(names.sysvKey(), 1);
        CompletableFuture<Throwable> f = CompletableFuture.supplyAsync(() -> {
            try {
                set.apply(SemaphoreOperation.acquire(0));
                return null;
            } catch (Throwable e) {
                return e;
            }
        });
        Thread.sleep(100);
        set.remove();
        Throwable t = f.get(2, TimeUnit.SECONDS);
        assertInstanceOf(NotFoundException.class, t);
        // EIDRM if the removal fell inside the waiting call, EINVAL if between two calls (after a stray EINTR).
        assertTrue(java.util.Set.of("EIDRM", "EINVAL").contains(((NotFoundException) t).errnoName()), t.getMessage());
    }

    @Test
    void createOpenAndOpenOrCreateFollowTheOwnershipRules() throws Exception {
        io.github.nativeipc.posix.SysVKey key = names.sysvKey();
        assertThrows(NotFoundException.class, () -> SysVSemaphoreSet.open(key));
        try (SysVSemaphoreSet a = SysVSemaphoreSet.openOrCreate(key, 2, CreateOptions.defaults())) {
            assertTrue(a.created());
            assertThrows(AlreadyExistsException.class, () -> SysVSemaphoreSet.create(key, 2));
            SysVSemaphoreSet b = SysVSemaphoreSet.open(key);
            assertEquals(a.id(), b.id());
            assertEquals(2, b.count());
        }
    }
}
