package io.github.nativeipc.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.error.ClosedException;
import io.github.nativeipc.error.InvalidArgumentException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventFdTest {

    @Test
    void inCounterModeAwaitTakesTheWholeSum() throws Exception {
        try (EventFd e = EventFd.create(2, false)) {
            e.signal(3);
            e.signal(5);
            assertEquals(10, e.await());
            assertEquals(0, e.tryAwait());
        }
    }

    @Test
    void inSemaphoreModeAwaitTakesOneAtATime() throws Exception {
        try (EventFd e = EventFd.create(0, true)) {
            e.signal(3);
            assertEquals(1, e.await());
            assertEquals(1, e.await());
            assertEquals(1, e.tryAwait());
            assertEquals(0, e.tryAwait());
        }
    }

    @Test
    void aTimedAwaitOnZeroReturnsZeroAfterTheTimeout() throws Exception {
        try (EventFd e = EventFd.create(0, false)) {
            long t0 = System.nanoTime();
            assertEquals(0, e.await(Duration.ofMillis(200)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 200 && ms < 1000, ms + " ms");
        }
    }

    @Test
    void aSignalFromAnotherThreadWakesAWaiter() throws Exception {
        try (EventFd e = EventFd.create(0, false)) {
            CompletableFuture<Long> got = CompletableFuture.supplyAsync(() -> {
                try {
                    return e.await();
                } catch (Exception x) {
                    throw new RuntimeException(x);
                }
            });
            Thread.sleep(100);
            assertFalse(got.isDone());
            e.signal(42);
            assertEquals(42, got.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void closeFromAnotherThreadFailsAWaiterWithClosed() throws Exception {
        EventFd e = EventFd.create(0, false);
        CompletableFuture<Long> got = CompletableFuture.supplyAsync(() -> {
            try {
                return e.await();
            } catch (Exception x) {
                throw new RuntimeException(x);
            }
        });
        Thread.sleep(100);
        long t0 = System.nanoTime();
        e.close();
        ExecutionException x = assertThrows(ExecutionException.class, () -> got.get(5, TimeUnit.SECONDS));
        assertInstanceOf(ClosedException.class, x.getCause().getCause());
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 1000);
    }

    @Test
    void aFullCounterRefusesTrySignal() throws Exception {
        try (EventFd e = EventFd.create(0, false)) {
            assertTrue(e.trySignal(EventFd.MAX_VALUE));
            assertFalse(e.trySignal(1));
            assertEquals(EventFd.MAX_VALUE, e.tryAwait());
            assertTrue(e.trySignal(1));
        }
    }

    @Test
    void signallingZeroIsRefused() throws Exception {
        try (EventFd e = EventFd.create(0, false)) {
            assertThrows(InvalidArgumentException.class, () -> e.signal(0));
            assertThrows(InvalidArgumentException.class, () -> e.signal(-1));   // 2^64-1 unsigned
        }
    }

    @Test
    void whenSignalledCompletesWithoutTakingTheValue() throws Exception {
        try (EventFd e = EventFd.create(0, false)) {
            CompletableFuture<Void> f = e.whenSignalled();
            e.signal(7);
            f.get(10, TimeUnit.SECONDS);
            assertEquals(7, e.tryAwait());
        }
    }
}
