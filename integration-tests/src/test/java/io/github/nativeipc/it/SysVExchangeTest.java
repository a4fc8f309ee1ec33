package io.github.nativeipc.it;

import static io.github.nativeipc.posix.TestBuffers.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.demo.CPeer;
import io.github.nativeipc.demo.ExchangeLayout;
import io.github.nativeipc.demo.Messages;
import io.github.nativeipc.memory.MappedMemory;
import io.github.nativeipc.posix.CreateOptions;
import io.github.nativeipc.posix.SemaphoreOperation;
import io.github.nativeipc.posix.SysVKey;
import io.github.nativeipc.posix.SysVMessageQueue;
import io.github.nativeipc.posix.SysVSemaphoreSet;
import io.github.nativeipc.posix.SysVSharedMemory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import io.github.nativeipc.posix.TestNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Java and C processes sharing System V message queues, shared memory and semaphore sets. */
class SysVExchangeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final TestNames names = new TestNames();

    @AfterEach
    void cleanUp() throws Exception {
        names.close();
    }

    @Test
    void typedMessagesOfTheCPeerAreSelectedByTypeInJava() throws Exception {
        SysVKey key = names.sysvKey();
        try (SysVMessageQueue q = SysVMessageQueue.create(key);
                CPeer peer = CPeer.start("sysv_peer", "msg-send", key.toString(), "3", "three", "1", "one", "2", "two", "1", "uno")) {
            peer.awaitSuccess(TIMEOUT);
            ByteBuffer b = ByteBuffer.allocate(64);
            assertEquals(2, q.receive(2, b));
            assertEquals("two", text(b));
            b.clear();
            assertEquals(1, q.receive(-3, b), "lowest type first");
            assertEquals("one", text(b));
            b.clear();
            assertEquals(3, q.receive(0, b), "then the oldest");
            assertEquals("three", text(b));
            b.clear();
            assertEquals(1, q.receive(0, b));
            assertEquals("uno", text(b));
        }
    }

    @Test
    void typedMessagesOfJavaAreSelectedByTypeInTheCPeer() throws Exception {
        SysVKey key = names.sysvKey();
        try (SysVMessageQueue q = SysVMessageQueue.create(key)) {
            q.send(7, ByteBuffer.wrap("seven".getBytes(StandardCharsets.UTF_8)));
            q.send(4, ByteBuffer.wrap("four".getBytes(StandardCharsets.UTF_8)));
            q.send(7, ByteBuffer.wrap("seven-again".getBytes(StandardCharsets.UTF_8)));
            try (CPeer peer = CPeer.start("sysv_peer", "msg-receive", key.toString(), "7", "2")) {
                assertEquals(List.of("7 seven", "7 seven-again", "done 2"), peer.awaitSuccess(TIMEOUT));
            }
            assertEquals(1, q.status().messages(), "the type-4 message is left");
        }
    }

    @Test
    void requestsAreEchoedByTheCPeerOnOneQueueWithTwoTypes() throws Exception {
        SysVKey key = names.sysvKey();
        int count = 2000;
        try (SysVMessageQueue q = SysVMessageQueue.create(key);
                CPeer peer = CPeer.start("sysv_peer", "msg-echo", key.toString(), String.valueOf(count))) {
            ByteBuffer out = ByteBuffer.allocateDirect(256);
            ByteBuffer in = ByteBuffer.allocateDirect(256);
            for (int i = 0; i < count; i++) {
                String request = "sysv " + i;
                out.clear();
                out.put(request.getBytes(StandardCharsets.UTF_8)).flip();
                q.send(1, out);
                in.clear();
                assertEquals(2, q.receive(2, in));
                assertEquals(Messages.cReply(request), text(in));
            }
            assertEquals(List.of("done " + count), peer.awaitSuccess(TIMEOUT));
        }
    }

    @Test
    void getAndAddRacingAtomicFetchAddInASysVSegmentCountsExactlyTwoMillion() throws Exception {
        SysVKey key = names.sysvKey();
        try (SysVSharedMemory shm = SysVSharedMemory.create(key, ExchangeLayout.SIZE); MappedMemory m = shm.attach()) {
            AtomicsInteropTest.raceToTwoMillion(m, () -> CPeer.start("sysv_peer", "shm-counter", key.toString(), "1000000"));
            assertEquals(1, shm.status().attachCount(), "the C peers detached");
        }
    }

    @Test
    void aSemaphoreHeldWithSemUndoByAKilledProcessIsReleasedToAJavaApplyBlockedOnIt() throws Exception {
        SysVKey key = names.sysvKey();
        try (SysVSemaphoreSet set = SysVSemaphoreSet.create(key, 1)) {
            set.setValue(0, 1);
            try (CPeer peer = CPeer.start("sysv_peer", "sem-hold", key.toString())) {
                assertEquals("held", peer.nextLine(TIMEOUT));
                assertEquals(0, set.value(0));
                assertFalse(set.tryApply(Duration.ofMillis(100), SemaphoreOperation.acquire(0)), "the C process holds it");
                CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
                    try {
                        set.apply(SemaphoreOperation.acquire(0));   // one untimed semop
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                });
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                while (set.waitingForIncrease(0) == 0) {
                    assertTrue(System.nanoTime() < deadline, "the Java apply never blocked");
                    Thread.sleep(5);
                }
                ProcessHandle.of(peer.pid()).orElseThrow().destroyForcibly();   // SIGKILL: no chance to release
                peer.waitFor(TIMEOUT);
                blocked.get(5, TimeUnit.SECONDS);   // the kernel undid the hold and woke the Java waiter
            }
            assertEquals(0, set.value(0), "the Java apply took the unit");
        }
    }

    @Test
    void ipcsListsTheObjectsJavaCreatedWithTheirKeyOwnerAndMode() throws Exception {
        SysVKey shmKey = names.sysvKey();
        SysVKey msgKey = names.sysvKey();
        SysVKey semKey = names.sysvKey();
        try (SysVSharedMemory shm = SysVSharedMemory.create(shmKey, 4096, CreateOptions.defaults().mode(0640));
                SysVMessageQueue q = SysVMessageQueue.create(msgKey);
                SysVSemaphoreSet set = SysVSemaphoreSet.create(semKey, 3, CreateOptions.defaults().mode(0660))) {
            String user = System.getProperty("user.name");
            List<String> lines = ipcs();
            assertTrue(lines.contains(String.join(" ", shmKey.toString(), String.valueOf(shm.id()), user, "640", "4096", "0")),
                    "ipcs -m shows " + shmKey + ": " + lines);
            assertTrue(lines.contains(String.join(" ", msgKey.toString(), String.valueOf(q.id()), user, "600", "0", "0")),
                    "ipcs -q shows " + msgKey + ": " + lines);
            assertTrue(lines.contains(String.join(" ", semKey.toString(), String.valueOf(set.id()), user, "660", "3")),
                    "ipcs -s shows " + semKey + ": " + lines);
        }
    }

    /** {@code ipcs} output, one object a line, columns separated by one space. */
    private static List<String> ipcs() throws Exception {
        Process p = new ProcessBuilder("ipcs").redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> lines = r.lines().map(l -> l.trim().replaceAll("\\s+", " ")).collect(Collectors.toList());
            assertEquals(0, p.waitFor());
            return lines;
        }
    }
}
