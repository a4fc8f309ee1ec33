package io.github.nativeipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.error.AlreadyExistsException;
import io.github.nativeipc.error.ClosedException;
import io.github.nativeipc.error.NotFoundException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The facade's named semaphore, whatever backs it on this OS. */
class NamedSemaphoreTest {
    private final IpcName name = SharedMemoryTest.uniqueName();

    @AfterEach
    void removeLeftovers() {
        try {
            NamedSemaphore.remove(name);
        } catch (Exception alreadyGone) {
            // removed by the test itself
        }
    }

    @Test
    void aReleaseIsSeenByAnotherHandle() throws Exception {
        try (NamedSemaphore a = NamedSemaphore.create(name, 0); NamedSemaphore b = NamedSemaphore.open(name)) {
            assertFalse(b.tryAcquire());
            a.release();
            assertTrue(b.tryAcquire(Duration.ofSeconds(5)));
            assertFalse(a.tryAcquire(), "the one permit was taken");
        }
    }

    @Test
    void createIsExclusiveAndOpenNeedsTheName() throws Exception {
        assertThrows(NotFoundException.class, () -> NamedSemaphore.open(name));
        try (NamedSemaphore a = NamedSemaphore.create(name, 2)) {
            assertThrows(AlreadyExistsException.class, () -> NamedSemaphore.create(name, 0));
            try (NamedSemaphore b = NamedSemaphore.openOrCreate(name, 0)) {
                assertTrue(b.tryAcquire() && b.tryAcquire() && !b.tryAcquire(), "the existing semaphore's two permits");
            }
        }
    }

    @Test
    void aTimedAcquireWithNothingToTakeReturnsFalseAfterTheTimeout() throws Exception {
        try (NamedSemaphore s = NamedSemaphore.create(name, 0)) {
            long start = System.nanoTime();
            assertFalse(s.tryAcquire(Duration.ofMillis(200)));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(ms >= 200 && ms < 1000, ms + " ms");
        }
    }

    @Test
    void closingFromAnotherThreadReleasesAWaiter() throws Exception {
        NamedSemaphore s = NamedSemaphore.create(name, 0);
        CompletableFuture<Throwable> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                s.acquire();
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        Thread.sleep(100);
        s.close();
        assertInstanceOf(ClosedException.class, waiter.get(5, TimeUnit.SECONDS));
    }
}
