package io.github.nativeipc.posix;

import static io.github.nativeipc.posix.TestBuffers.direct;
import static io.github.nativeipc.posix.TestBuffers.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.bindings.PosixConstants;
import io.github.nativeipc.error.AlreadyExistsException;
import io.github.nativeipc.error.ClosedException;
import io.github.nativeipc.error.InvalidArgumentException;
import io.github.nativeipc.error.LimitReachedException;
import io.github.nativeipc.error.NotFoundException;
import io.github.nativeipc.error.WouldBlockException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PosixMessageQueueTest {
    private final TestNames names = new TestNames();

    @AfterEach
    void cleanUp() throws Exception {
        names.close();
    }

    @Test
    void createUsesTheRequestedAttributes() throws Exception {
        try (PosixMessageQueue q = PosixMessageQueue.create(names.mq("attrs"), MessageQueueAttributes.of(5, 128))) {
            assertTrue(q.created());
            MessageQueueAttributes a = q.attributes();
            assertEquals(5, a.maxMessages());
            assertEquals(128, a.messageSize());
            assertEquals(0, a.currentMessages());
            assertFalse(a.nonBlocking());
        }
    }

    @Test
    void nullAttributesMeanTheSystemDefaults() throws Exception {
        long msgDefault = Long.parseLong(PosixMessageQueue.sysctl("msg_default"));
        long sizeDefault = Long.parseLong(PosixMessageQueue.sysctl("msgsize_default"));
        try (PosixMessageQueue q = PosixMessageQueue.create(names.mq("defaults"), null)) {
            assertEquals(msgDefault, q.maxMessages());
            assertEquals(sizeDefault, q.messageSize());
        }
    }

    @Test
    void createAppliesMode0600ByDefaultAndTheRequestedModeWhateverTheUmask() throws Exception {
        try (PosixMessageQueue a = PosixMessageQueue.create(names.mq("m600"), MessageQueueAttributes.of(1, 8));
                PosixMessageQueue b = PosixMessageQueue.create(names.mq("m666"), MessageQueueAttributes.of(1, 8),
                        Access.READ_WRITE, CreateOptions.defaults().mode(0666))) {
            assertEquals(0600, a.status().mode());
            assertEquals(0666, b.status().mode());
        }
    }

    @Test
    void createFailsWithAlreadyExistsAndOpenWithNotFound() throws Exception {
        String name = names.mq("exists");
        try (PosixMessageQueue q = PosixMessageQueue.create(name, MessageQueueAttributes.of(2, 16))) {
            AlreadyExistsException e = assertThrows(AlreadyExistsException.class,
                    () -> PosixMessageQueue.create(name, MessageQueueAttributes.of(2, 16)));
            assertEquals("mq_open(\"" + name + "\", O_CREAT|O_EXCL|O_RDWR, 0600, {mq_maxmsg=2, mq_msgsize=16}): EEXIST (17) File exists",
                    e.getMessage());
        }
        PosixMessageQueue.unlink(name);
        assertThrows(NotFoundException.class, () -> PosixMessageQueue.open(name));
    }

    @Test
    void openOrCreateCreatesOnceThenOpensKeepingTheAttributes() throws Exception {
        String name = names.mq("ooc");
        try (PosixMessageQueue a = PosixMessageQueue.openOrCreate(name, MessageQueueAttributes.of(3, 32));
                PosixMessageQueue b = PosixMessageQueue.openOrCreate(name, MessageQueueAttributes.of(9, 64))) {
            assertTrue(a.created());
            assertFalse(b.created());
            assertEquals(32, b.messageSize());
        }
    }

    @Test
    void aMessageSentIsReceivedWithItsPriorityAndLength() throws Exception {
        try (PosixMessageQueue q = PosixMessageQueue.create(names.mq("roundtrip"), MessageQueueAttributes.of(4, 64))) {
            ByteBuffer payload = direct("hello");
            q.send(payload, 7);
            assertEquals(0, payload.remaining(), "the payload was consumed");
            ByteBuffer dst = ByteBuffer.allocateDirect(64);
            assertEquals(7, q.receive(dst));
            assertEquals("hello", text(dst));
        }
    }

    @Test
    void higherPrioritiesAreReceivedFirstAndEqualOnesInOrder() throws Exception {
        try (PosixMessageQueue q = PosixMessageQueue.create(names.mq("prio"), MessageQueueAttributes.of(8, 16))) {
            q.send("low-1".getBytes(StandardCharsets.UTF_8), 1);
            q.send("high".getBytes(StandardCharsets.UTF_8), 30);
            q.send("low-2".getBytes(StandardCharsets.UTF_8), 1);
            q.send("mid".getBytes(StandardCharsets.UTF_8), 5);
            String[] expected = {"high", "mid", "low-1", "low-2"};
            int[] prios = {30, 5, 1, 1};
            for (int i = 0; i < expected.length; i++) {
                PosixMessageQueue.Message m = q.receive();
                assertEquals(expected[i], new String(m.payload(), StandardCharsets.UTF_8));
                assertEquals(prios[i], m.priority());
            }
        }
    }

    @Test
    void heapBuffersAndArraysWorkLikeDirectBuffers() throws Exception {
        try (PosixMessageQueue q = PosixMessageQueue.create(names.mq("heap"), MessageQueueAttributes.of(2, 32))) {
            ByteBuffer heap = ByteBuffer.wrap("xxabcxx".getBytes(StandardCharsets.UTF_8), 2, 3);
            q.send(heap, 0);
            ByteBuffer dst = ByteBuffer.allocate(40);
            dst.position(4);
            assertEquals(0, q.receive(dst));
            assertEquals(7, dst.position());
            assertArrayEquals("abc".getBytes(StandardCharsets.UTF_8), java.util.Arrays.copyOfRange(dst.array(), 4, 7));
        }
    }

    @Test
    void tryReceiveOnAnEmptyQueueReturnsMinusOneAndTrySendOnAFullOneFalse() throws Exception {
        try (PosixMessageQueue q = PosixMessageQueue.create(names.mq("try"), MessageQueueAttributes.of(1, 8))) {
            ByteBuffer dst = ByteBuffer.allocateDirect(8);
            assertEquals(-1, q.tryReceive(dst));
            assertEquals(0, dst.position());
            assertTrue(q.trySend(direct("a"), 0));
            ByteBuffer second = direct("b");
            assertFalse(q.trySend(second, 0));
            assertEquals(1, second.remaining(), "nothing was sent");
            assertEquals(1, q.attributes().currentMessages());
        }
    }

    @Test
    void aTimedReceiveOnAnEmptyQueueTimesOutAfterItsTimeout() throws Exception {
        try (PosixMessageQueue q = PosixMessageQueue.create(names.mq("timeout"), MessageQueueAttributes.of(1, 8))) {
            long t0 = System.nanoTime();
            WouldBlockException e = assertThrows(WouldBlockException.class,
                    () -> q.receive(ByteBuffer.allocateDirect(8), Duration.ofMillis(200)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 200 && ms < 1000, "returned after " + ms + " ms");
            assertEquals("ETIMEDOUT", e.errnoName());
            assertThrows(WouldBlockException.class, () -> q.receive(Duration.ZERO));
        }
    }

    @Test
    void aTimedSendOnAFullQueueTimesOut() throws Exception {
        try (PosixMessageQueue q = PosixMessageQueue.create(names.mq("full"), MessageQueueAttributes.of(1, 8))) {
            q.send(direct("a"), 0);
            assertThrows(WouldBlockException.class, () -> q.send(direct("b"), 0, Duration.ofMillis(50)));
        }
    }

    @Test
    void aPayloadLargerThanTheMessageSizeIsLimitReachedNamingTheLimit() throws Exception {
        try (PosixMessageQueue q = PosixMessageQueue.create(names.mq("big"), MessageQueueAttributes.of(2, 16))) {
            LimitReachedException e = assertThrows(LimitReachedException.class, () -> q.send(new byte[17], 0));
            assertEquals("EMSGSIZE", e.errnoName());
            assertTrue(e.getMessage().contains("at most 16 (mq_msgsize"), e.getMessage());
        }
    }

    @Test
    void aReceiveBufferSmallerThanTheMessageSizeIsLimitReachedNamingTheLimit() throws Exception {
        try (PosixMessageQueue q = PosixMessageQueue.create(names.mq("small"), MessageQueueAttributes.of(2, 64))) {
            q.send(new byte[3], 0);
            LimitReachedException e = assertThrows(LimitReachedException.class, () -> q.receive(ByteBuffer.allocateDirect(10)));
            assertEquals("EMSGSIZE", e.errnoName());
            assertTrue(e.getMessage().contains("needs the queue's message size, 64 bytes"), e.getMessage());
            assertEquals(1, q.attributes().currentMessages(), "the message is still there");
        }
    }

    @Test
    void attributesBeyondTheHardLimitsAreInvalidNamingTheLimits() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> PosixMessageQueue.create(names.mq("huge"), MessageQueueAttributes.of(1_000_000, 8)));
        assertEquals("EINVAL", e.errnoName());
        assertTrue(e.getMessage().contains("/proc/sys/fs/mqueue/msg_max"), e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> PosixMessageQueue.create(names.mq("zero"), MessageQueueAttributes.of(0, 8)));
    }

    @Test
    void exhaustingRlimitMsgqueueIsLimitReachedNamingIt() throws Exception {
        ByteBuffer saved = Native.scratch(PosixConstants.SIZEOF_RLIMIT);
        assertEquals(0, Native.libc().getrlimit(PosixConstants.RLIMIT_MSGQUEUE, Native.address(saved)));
        ByteBuffer tiny = Native.scratch(PosixConstants.SIZEOF_RLIMIT);
        tiny.putLong(0, 1024).putLong(8, saved.getLong(8));
        assertEquals(0, Native.libc().setrlimit(PosixConstants.RLIMIT_MSGQUEUE, Native.address(tiny)));
        try {
            LimitReachedException e = assertThrows(LimitReachedException.class,
                    () -> PosixMessageQueue.create(names.mq("rlimit"), MessageQueueAttributes.of(10, 8192)));
            assertEquals("EMFILE", e.errnoName());
            assertTrue(e.getMessage().contains("RLIMIT_MSGQUEUE (ulimit -q, now 1024 bytes)"), e.getMessage());
        } finally {
            assertEquals(0, Native.libc().setrlimit(PosixConstants.RLIMIT_MSGQUEUE, Native.address(saved)));
        }
    }

    @Test
    void accessModesAreEnforcedBeforeAnyCall() throws Exception {
        String name = names.mq("access");
        try (PosixMessageQueue q = PosixMessageQueue.create(name, MessageQueueAttributes.of(2, 8));
                PosixMessageQueue ro = PosixMessageQueue.open(name, Access.READ_ONLY);
                PosixMessageQueue wo = PosixMessageQueue.open(name, Access.WRITE_ONLY)) {
            assertThrows(InvalidArgumentException.class, () -> ro.trySend(direct("x"), 0));
            assertThrows(InvalidArgumentException.class, () -> wo.tryReceive(ByteBuffer.allocateDirect(8)));
            assertTrue(wo.trySend(direct("x"), 0));
            assertEquals(0, ro.tryReceive(ByteBuffer.allocateDirect(8)));
        }
    }

    @Test
    void invalidPrioritiesAreRejected() throws Exception {
        try (PosixMessageQueue q = PosixMessageQueue.create(names.mq("badprio"), MessageQueueAttributes.of(2, 8))) {
            assertThrows(InvalidArgumentException.class, () -> q.trySend(direct("x"), -1));
            assertThrows(InvalidArgumentException.class, () -> q.trySend(direct("x"), 32768));
            assertTrue(q.trySend(direct("x"), 32767));
        }
    }

    @Test
    void nonBlockingModeMakesTheBlockingFormsThrowWouldBlock() throws Exception {
        try (PosixMessageQueue q = PosixMessageQueue.create(names.mq("nonblock"), MessageQueueAttributes.of(1, 8))) {
            q.setNonBlocking(true);
            assertTrue(q.attributes().nonBlocking());
            WouldBlockException e = assertThrows(WouldBlockException.class, () -> q.receive(ByteBuffer.allocateDirect(8)));
            assertEquals("EAGAIN", e.errnoName());
            assertEquals(-1, q.tryReceive(ByteBuffer.allocateDirect(8)));
            q.setNonBlocking(false);
            assertFalse(q.attributes().nonBlocking());
        }
    }

    @Test
    void aBlockedReceiveAnswersInterruptAndClose() throws Exception {
        PosixMessageQueue q = PosixMessageQueue.create(names.mq("block"), MessageQueueAttributes.of(1, 8));
        Throwable interrupted = BlockedCall.start(() -> q.receive(ByteBuffer.allocateDirect(8))).interrupt()
                .outcomeWithin(Duration.ofSeconds(1));
        assertInstanceOf(InterruptedException.class, interrupted);
        Throwable closed = BlockedCall.start(() -> q.receive(ByteBuffer.allocateDirect(8))).then(q::close)
                .outcomeWithin(Duration.ofSeconds(1));
        assertInstanceOf(ClosedException.class, closed);
        assertThrows(ClosedException.class, () -> q.trySend(direct("x"), 0));
    }

    @Test
    void aSendBlockedOnAFullQueueAnswersInterruptAndClose() throws Exception {
        PosixMessageQueue q = PosixMessageQueue.create(names.mq("full"), MessageQueueAttributes.of(1, 8));
        q.send(direct("first"), 0);   // the queue holds one message: the next send blocks
        Throwable interrupted = BlockedCall.start(() -> q.send(direct("second"), 0)).interrupt()
                .outcomeWithin(Duration.ofSeconds(1));
        assertInstanceOf(InterruptedException.class, interrupted);
        Throwable closed = BlockedCall.start(() -> q.send(direct("third"), 0)).then(q::close)
                .outcomeWithin(Duration.ofSeconds(1));   // close waited for the blocked sender to leave, briefly
        assertInstanceOf(ClosedException.class, closed);
    }

    @Test
    void whenReadableCompletesOnceAMessageArrivesAndFailsOnClose() throws Exception {
        try (PosixMessageQueue q = PosixMessageQueue.create(names.mq("notify"), MessageQueueAttributes.of(2, 8))) {
            CompletableFuture<Void> ready = q.whenReadable();
            Thread.sleep(100);
            assertFalse(ready.isDone());
            try (PosixMessageQueue sender = PosixMessageQueue.open(q.name(), Access.WRITE_ONLY)) {
                sender.send(direct("ping"), 3);
            }
            ready.get(2, TimeUnit.SECONDS);
            assertEquals(3, q.tryReceive(ByteBuffer.allocateDirect(8)));
            CompletableFuture<Void> never = q.whenReadable();
            q.close();
            ExecutionException e = assertThrows(ExecutionException.class, () -> never.get(2, TimeUnit.SECONDS));
            assertInstanceOf(ClosedException.class, e.getCause());
        }
    }

    @Test
    void unlinkOnCloseRemovesTheQueue() throws Exception {
        String name = names.mq("uoc");
        PosixMessageQueue.create(name, MessageQueueAttributes.of(1, 8), Access.READ_WRITE,
                CreateOptions.defaults().unlinkOnClose(true)).close();
        assertThrows(NotFoundException.class, () -> PosixMessageQueue.open(name));
    }

    @Test
    void invalidNamesAreRejectedBeforeAnyCall() {
        for (String bad : new String[] {"q", "/", "/a/b", "/" + "q".repeat(256)}) {
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> PosixMessageQueue.open(bad), bad);
            assertEquals(0, e.errno());
        }
    }
}
