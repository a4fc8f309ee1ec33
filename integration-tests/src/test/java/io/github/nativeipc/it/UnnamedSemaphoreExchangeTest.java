package io.github.nativeipc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.demo.CPeer;
import io.github.nativeipc.demo.ExchangeLayout;
import io.github.nativeipc.demo.Messages;
import io.github.nativeipc.memory.MappedMemory;
import io.github.nativeipc.posix.PosixSharedMemory;
import io.github.nativeipc.posix.UnnamedSemaphore;
import java.time.Duration;
import java.util.List;
import io.github.nativeipc.posix.TestNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Java and a C process exchange messages guarded by process-shared semaphores inside the object. */
class UnnamedSemaphoreExchangeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final TestNames names = new TestNames();

    @AfterEach
    void cleanUp() throws Exception {
        names.close();
    }

    @Test
    void semaphoresJavaInitialisesServeTheCPeer() throws Exception {
        String shmName = names.shm("unnamed");
        int count = 2000;
        try (PosixSharedMemory shm = PosixSharedMemory.create(shmName, ExchangeLayout.SIZE);
                MappedMemory block = shm.map();
                UnnamedSemaphore req = UnnamedSemaphore.init(block, ExchangeLayout.REQ_SEM, 0);
                UnnamedSemaphore resp = UnnamedSemaphore.init(block, ExchangeLayout.RESP_SEM, 0);
                CPeer peer = CPeer.start("shm_peer", "echo-unnamed", shmName, String.valueOf(count))) {
            for (int i = 0; i < count; i++) {
                String request = "unnamed " + i;
                Messages.write(block, request);
                req.post();
                assertTrue(resp.tryAcquire(TIMEOUT), "no reply to request " + i);
                assertEquals(Messages.cReply(request), Messages.read(block));
            }
            assertEquals(List.of("done " + count), peer.awaitSuccess(TIMEOUT));
            req.destroy();
            resp.destroy();
        }
    }

    @Test
    void semaphoresTheCPeerInitialisesServeJava() throws Exception {
        String shmName = names.shm("unnamed-c");
        int count = 2000;
        try (PosixSharedMemory shm = PosixSharedMemory.create(shmName, ExchangeLayout.SIZE);
                MappedMemory block = shm.map();
                CPeer peer = CPeer.start("shm_peer", "client-unnamed", shmName, String.valueOf(count))) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (block.getIntAcquire(ExchangeLayout.READY) == 0) {
                assertTrue(System.nanoTime() < deadline, "the C peer never initialised the semaphores");
                Thread.onSpinWait();
            }
            try (UnnamedSemaphore req = UnnamedSemaphore.attach(block, ExchangeLayout.REQ_SEM);
                    UnnamedSemaphore resp = UnnamedSemaphore.attach(block, ExchangeLayout.RESP_SEM)) {
                for (int i = 0; i < count; i++) {
                    assertTrue(req.tryAcquire(TIMEOUT), "no request " + i);
                    String request = Messages.read(block);
                    assertEquals("from-c-" + i, request);
                    Messages.write(block, Messages.javaReply(request));
                    resp.post();
                }
            }
            List<String> out = peer.awaitSuccess(TIMEOUT);
            assertEquals("c got: J:0-c-morf", out.get(0));
            assertEquals("done " + count, out.get(out.size() - 1));
        }
    }
}
