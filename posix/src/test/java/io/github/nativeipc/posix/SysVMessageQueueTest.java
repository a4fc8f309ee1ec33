package io.github.nativeipc.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.error.AlreadyExistsException;
import io.github.nativeipc.error.ClosedException;
import io.github.nativeipc.error.InvalidArgumentException;
import io.github.nativeipc.error.LimitReachedException;
import io.github.nativeipc.error.NotFoundException;
import io.github.nativeipc.error.WouldBlockException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SysVMessageQueueTest {
    private final TestNames names = new TestNames();

    @AfterEach
    void cleanUp() throws Exception {
        names.close();
    }

    private static ByteBuffer text(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(ByteBuffer b) {
        b.flip();
        return StandardCharsets.UTF_8.decode(b).toString();
    }

    private static void send(SysVMessageQueue q, long type, String s) throws Exception {
        q.send(type, text(s));
    }

    private static String receive(SysVMessageQueue q, long type) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(64);
        long got = q.tryReceive(type, b);
        return got == 0 ? null : got + ":" + text(b);
    }

    /** Fills {@code q} until a send would block. */
    private static void fill(SysVMessageQueue q) throws Exception {
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(q.status().maxBytes(), 8192));
        while (q.trySend(1, chunk.clear())) {
            // fill it
        }
    }

    @Test
    void typeSelectionFollowsMsgrcv() throws Exception {
        try (SysVMessageQueue q = SysVMessageQueue.create(names.sysvKey())) {
            send(q, 3, "c");
            send(q, 1, "a");
            send(q, 2, "b");
            send(q, 1, "a2");
            assertEquals("2:b", receive(q, 2), "type > 0: the first of that type");
            assertEquals("1:a", receive(q, -2), "type < 0: the first of the lowest type <= 2");
            assertEquals("3:c", receive(q, 0), "type 0: the first message");
            assertEquals("1:a2", receive(q, 0));
            assertEquals(null, receive(q, 0), "empty");
        }
    }

    @Test
    void exceptTakesTheFirstMessageOfAnotherType() throws Exception {
        try (SysVMessageQueue q = SysVMessageQueue.create(names.sysvKey())) {
            send(q, 5, "five");
            send(q, 6, "six");
            ByteBuffer b = ByteBuffer.allocate(16);
            assertEquals(6, q.tryReceive(5, b, EnumSet.of(SysVMessageQueue.ReceiveFlag.EXCEPT)));
            assertEquals("six", text(b));
        }
    }

    @Test
    void aMessageLongerThanTheBufferIsLimitReachedUnlessTruncating() throws Exception {
        try (SysVMessageQueue q = SysVMessageQueue.create(names.sysvKey())) {
            send(q, 1, "0123456789");
            LimitReachedException e = assertThrows(LimitReachedException.class, () -> q.tryReceive(0, ByteBuffer.allocate(4)));
            assertEquals("E2BIG", e.errnoName());
            assertTrue(e.getMessage().contains("it stays queued"), e.getMessage());
            assertEquals(1, q.status().messages());
            ByteBuffer small = ByteBuffer.allocate(4);
            assertEquals(1, q.tryReceive(0, small, EnumSet.of(SysVMessageQueue.ReceiveFlag.TRUNCATE)));
            assertEquals("0123", text(small));
        }
    }

    @Test
    void statusCountsMessagesAndBytes() throws Exception {
        try (SysVMessageQueue q = SysVMessageQueue.create(names.sysvKey(), CreateOptions.defaults().mode(0640))) {
            send(q, 1, "abc");
            send(q, 1, "defg");
            SysVMessageQueueStatus s = q.status();
            assertEquals(2, s.messages());
            assertEquals(7, s.bytes());
            assertEquals(0640, s.permissions().mode());
            assertEquals(ProcessHandle.current().pid(), s.lastSenderPid());
            assertTrue(s.maxBytes() > 0);
        }
    }

    @Test
    void aFullQueueRefusesTrySendAndTimesOutATimedSend() throws Exception {
        try (SysVMessageQueue q = SysVMessageQueue.create(names.sysvKey())) {
            fill(q);
            assertFalse(q.trySend(1, text("x")));
            long t0 = System.nanoTime();
            assertThrows(WouldBlockException.class, () -> q.send(1, text("x"), Duration.ofMillis(100)));
            assertTrue(System.nanoTime() - t0 >= 100_000_000L);
        }
    }

    @Test
    void aTimedReceiveOnAnEmptyQueueTimesOutAndAnswersInterrupt() throws Exception {
        try (SysVMessageQueue q = SysVMessageQueue.create(names.sysvKey())) {
            long t0 = System.nanoTime();
            assertThrows(WouldBlockException.class, () -> q.receive(0, ByteBuffer.allocate(8), EnumSet.noneOf(SysVMessageQueue.ReceiveFlag.class), Duration.ofMillis(200)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 200 && ms < 1000, ms + " ms");
            Thread[] t = new Thread[1];
            CompletableFuture<Throwable> f = CompletableFuture.supplyAsync(() -> {
                t[0] = Thread.currentThread();
                try {
                    q.receive(0, ByteBuffer.allocate(8), EnumSet.noneOf(SysVMessageQueue.ReceiveFlag.class), Duration.ofSeconds(30));
                    return null;
                } catch (Throwable e) {
                    return e;
                }
            });
            Thread.sleep(100);
            t[0].interrupt();
            assertTrue(f.get(2, TimeUnit.SECONDS) instanceof InterruptedException);
        }
    }

    @Test
    void anInterruptedBlockedReceiveThrowsWithinASecondAndTakesNoMessage() throws Exception {
        try (SysVMessageQueue q = SysVMessageQueue.create(names.sysvKey())) {
            BlockedCall receiver = BlockedCall.start(() -> q.receive(0, ByteBuffer.allocate(8))).interrupt();
            assertInstanceOf(InterruptedException.class, receiver.outcomeWithin(Duration.ofSeconds(1)));
            send(q, 1, "after");
            assertEquals("1:after", receive(q, 0), "the message sent afterwards is still there");
        }
    }

    @Test
    void anInterruptedBlockedSendThrowsWithinASecondAndSendsNothing() throws Exception {
        try (SysVMessageQueue q = SysVMessageQueue.create(names.sysvKey())) {
            fill(q);
            long messages = q.status().messages();
            BlockedCall sender = BlockedCall.start(() -> q.send(2, text("late"))).interrupt();
            assertInstanceOf(InterruptedException.class, sender.outcomeWithin(Duration.ofSeconds(1)));
            assertEquals(messages, q.status().messages());
            assertEquals(null, receive(q, 2), "nothing of type 2 was sent");
        }
    }

    @Test
    void closeFromAnotherThreadFailsABlockedReceiveWithClosedWithinASecond() throws Exception {
        SysVMessageQueue q = SysVMessageQueue.create(names.sysvKey());
        BlockedCall receiver = BlockedCall.start(() -> q.receive(0, ByteBuffer.allocate(8))).then(q::close);
        assertInstanceOf(ClosedException.class, receiver.outcomeWithin(Duration.ofSeconds(1)));
    }

    @Test
    void closeFromAnotherThreadFailsABlockedSendWithClosedWithinASecond() throws Exception {
        SysVMessageQueue q = SysVMessageQueue.create(names.sysvKey());
        fill(q);
        BlockedCall sender = BlockedCall.start(() -> q.send(2, text("late"))).then(q::close);
        assertInstanceOf(ClosedException.class, sender.outcomeWithin(Duration.ofSeconds(1)));
    }

    @Test
    void closeWithUnlinkOnCloseFailsABlockedReceiveWithClosedThenRemovesTheQueue() throws Exception {
        SysVKey key = names.sysvKey();
        SysVMessageQueue q = SysVMessageQueue.create(key, CreateOptions.defaults().unlinkOnClose(true));
        BlockedCall receiver = BlockedCall.start(() -> q.receive(0, ByteBuffer.allocate(8))).then(q::close);
        assertInstanceOf(ClosedException.class, receiver.outcomeWithin(Duration.ofSeconds(1)));
        assertThrows(NotFoundException.class, () -> SysVMessageQueue.open(key));
    }

    @Test
    void anAlreadyInterruptedReceiveThrowsAtOnceLeavingTheMessageQueued() throws Exception {
        try (SysVMessageQueue q = SysVMessageQueue.create(names.sysvKey())) {
            send(q, 1, "waiting");
            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, () -> q.receive(0, ByteBuffer.allocate(16)));
            assertEquals("1:waiting", receive(q, 0));
        }
    }

    @Test
    void aBlockedReceiveIsWokenByASendFromAnotherThread() throws Exception {
        try (SysVMessageQueue q = SysVMessageQueue.create(names.sysvKey())) {
            ByteBuffer b = ByteBuffer.allocate(16);
            BlockedCall receiver = BlockedCall.start(() -> q.receive(3, b)).then(() -> send(q, 3, "wake"));
            assertNull(receiver.outcomeWithin(Duration.ofSeconds(1)));
            assertEquals("wake", text(b));
        }
    }

    @Test
    void removingTheQueueFailsABlockedReceiverWithNotFound() throws Exception {
        SysVMessageQueue q = SysVMessageQueue.create(names.sysvKey());
        CompletableFuture<Long> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                return q.receive(0, ByteBuffer.allocate(8));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(100);
        q.remove();
        ExecutionException e = assertThrows(ExecutionException.class, () -> blocked.get(2, TimeUnit.SECONDS));
        NotFoundException nf = (NotFoundException) e.getCause().getCause();
        assertEquals("EIDRM", nf.errnoName());
    }

    @Test
    void invalidTypesAndMissingQueuesAreTyped() throws Exception {
        SysVKey key = names.sysvKey();
        assertThrows(NotFoundException.class, () -> SysVMessageQueue.open(key));
        try (SysVMessageQueue q = SysVMessageQueue.create(key)) {
            assertThrows(AlreadyExistsException.class, () -> SysVMessageQueue.create(key));
            assertThrows(InvalidArgumentException.class, () -> q.trySend(0, text("x")));
            long msgmax = Long.parseLong(SysVMessageQueue.sysctl("msgmax"));
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                    () -> q.trySend(1, ByteBuffer.allocate((int) msgmax + 1)));
            assertTrue(e.getMessage().contains("/proc/sys/kernel/msgmax"), e.getMessage());
        }
    }
}
