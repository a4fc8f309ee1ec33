package io.github.nativeipc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.demo.CPeer;
import io.github.nativeipc.demo.ExchangeLayout;
import io.github.nativeipc.demo.Messages;
import io.github.nativeipc.memory.MappedMemory;
import io.github.nativeipc.posix.NamedSemaphore;
import io.github.nativeipc.posix.PosixSharedMemory;
import java.time.Duration;
import java.util.List;
import io.github.nativeipc.posix.TestNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Java and a C process exchange messages through shared memory guarded by named semaphores. */
class NamedSemaphoreExchangeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final TestNames names = new TestNames();

    @AfterEach
    void cleanUp() throws Exception {
        names.close();
    }

    @Test
    void javaRequestsAreAnsweredByTheCPeer() throws Exception {
        String shmName = names.shm("xchg");
        String reqName = names.sem("req");
        String respName = names.sem("resp");
        int count = 2000;
        try (PosixSharedMemory shm = PosixSharedMemory.create(shmName, ExchangeLayout.SIZE);
                MappedMemory block = shm.map();
                NamedSemaphore req = NamedSemaphore.create(reqName, 0);
                NamedSemaphore resp = NamedSemaphore.create(respName, 0);
                CPeer peer = CPeer.start("shm_peer", "echo-named", shmName, reqName, respName, String.valueOf(count))) {
            for (int i = 0; i < count; i++) {
                String request = "java message " + i + " " + "x".repeat(i % 100);
                Messages.write(block, request);
                req.post();
                assertTrue(resp.tryAcquire(TIMEOUT), "no reply to request " + i);
                assertEquals(Messages.cReply(request), Messages.read(block));
            }
            assertEquals(List.of("done " + count), peer.awaitSuccess(TIMEOUT));
        }
    }

    @Test
    void cRequestsAreAnsweredByJava() throws Exception {
        String shmName = names.shm("xchg");
        String reqName = names.sem("req");
        String respName = names.sem("resp");
        int count = 2000;
        try (PosixSharedMemory shm = PosixSharedMemory.create(shmName, ExchangeLayout.SIZE);
                MappedMemory block = shm.map();
                NamedSemaphore req = NamedSemaphore.create(reqName, 0);
                NamedSemaphore resp = NamedSemaphore.create(respName, 0);
                CPeer peer = CPeer.start("shm_peer", "client-named", shmName, reqName, respName, String.valueOf(count))) {
            for (int i = 0; i < count; i++) {
                assertTrue(req.tryAcquire(TIMEOUT), "no request " + i);
                String request = Messages.read(block);
                assertEquals("from-c-" + i, request);
                Messages.write(block, Messages.javaReply(request));
                resp.post();
            }
            List<String> out = peer.awaitSuccess(TIMEOUT);
            // The C peer checked every reply; it prints the first three and its count.
            assertEquals("c got: J:0-c-morf", out.get(0));
            assertEquals("done " + count, out.get(out.size() - 1));
        }
    }

    @Test
    void postsOfTheCPeerAreCountedByJava() throws Exception {
        String name = names.sem("count");
        try (NamedSemaphore s = NamedSemaphore.create(name, 0);
                CPeer peer = CPeer.start("shm_peer", "sempost", name, "5")) {
            peer.awaitSuccess(TIMEOUT);
            assertEquals(5, s.value());
            for (int i = 0; i < 5; i++) {
                assertTrue(s.tryAcquire());
            }
            assertFalse(s.tryAcquire());
        }
    }

    @Test
    void postsOfJavaAreSeenByTheCPeer() throws Exception {
        String name = names.sem("seen");
        try (NamedSemaphore s = NamedSemaphore.create(name, 1)) {
            s.post();
            s.post();
            try (CPeer peer = CPeer.start("shm_peer", "semvalue", name)) {
                assertEquals(List.of("3"), peer.awaitSuccess(TIMEOUT));
            }
        }
    }

    @Test
    void aJavaWaiterIsWokenByTheCPeersPost() throws Exception {
        String name = names.sem("wake");
        try (NamedSemaphore s = NamedSemaphore.create(name, 0)) {
            long t0 = System.nanoTime();
            try (CPeer peer = CPeer.start("shm_peer", "sempost", name, "1")) {
                s.acquire();
                peer.awaitSuccess(TIMEOUT);
            }
            assertTrue(System.nanoTime() - t0 < TIMEOUT.toNanos());
            assertEquals(0, s.value());
        }
    }
}
