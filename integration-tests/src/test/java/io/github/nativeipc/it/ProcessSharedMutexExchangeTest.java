package io.github.nativeipc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.demo.CPeer;
import io.github.nativeipc.error.OwnerDiedException;
import io.github.nativeipc.memory.MappedMemory;
import io.github.nativeipc.posix.PosixSharedMemory;
import io.github.nativeipc.posix.ProcessSharedCondition;
import io.github.nativeipc.posix.ProcessSharedMutex;
import io.github.nativeipc.posix.TestNames;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A robust pthread mutex and condition that Java initialises in shared memory, used by a C process with plain pthread calls. */
class ProcessSharedMutexExchangeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long MUTEX = 0;
    private static final long COND = 64;
    private static final long DATA = 128;

    private final TestNames names = new TestNames();

    @AfterEach
    void cleanUp() throws Exception {
        names.close();
    }

    @Test
    void aCProcessKilledHoldingTheMutexLeavesItToJavaAsOwnerDiedAndItRecovers() throws Exception {
        String name = names.shm("robust");
        try (PosixSharedMemory shm = PosixSharedMemory.create(name, 4096); MappedMemory mem = shm.map()) {
            ProcessSharedMutex m = ProcessSharedMutex.init(mem, MUTEX);
            try (CPeer peer = CPeer.start("mutex_peer", "hold", name, String.valueOf(MUTEX))) {
                assertEquals("locked", peer.nextLine(TIMEOUT));
                assertTrue(!m.tryLock(), "C holds it");
                ProcessHandle c = ProcessHandle.of(peer.pid()).orElseThrow();
                c.destroyForcibly();   // SIGKILL: no unlock, no cleanup
                c.onExit().get(30, TimeUnit.SECONDS);
                OwnerDiedException e = assertThrows(OwnerDiedException.class, () -> m.tryLock(TIMEOUT));
                assertEquals("EOWNERDEAD", e.errnoName());
                assertTrue(e.getMessage().contains("markConsistent"), e.getMessage());
                m.markConsistent();   // this thread holds it: repair, then mark and unlock
                m.unlock();
            }
            assertTrue(m.tryLock(), "usable again after markConsistent");
            m.unlock();
        }
    }

    @Test
    void javaAndCIncrementingUnderTheMutexEndExactlyAt200000() throws Exception {
        String name = names.shm("count");
        try (PosixSharedMemory shm = PosixSharedMemory.create(name, 4096); MappedMemory mem = shm.map()) {
            ProcessSharedMutex m = ProcessSharedMutex.init(mem, MUTEX);
            try (CPeer peer = CPeer.start("mutex_peer", "count", name, String.valueOf(MUTEX), String.valueOf(DATA), "100000")) {
                for (int i = 0; i < 100_000; i++) {
                    m.lock();
                    mem.putLong(DATA, mem.getLong(DATA) + 1);   // a plain read-modify-write: only the mutex makes it safe
                    m.unlock();
                }
                assertEquals("done", peer.nextLine(TIMEOUT));
                peer.awaitSuccess(TIMEOUT);
            }
            assertEquals(200_000, mem.getLong(DATA));
        }
    }

    @Test
    void aCWaiterIsWokenByJavasSignalAndAnswersThroughTheSameCondition() throws Exception {
        String name = names.shm("cond");
        try (PosixSharedMemory shm = PosixSharedMemory.create(name, 4096); MappedMemory mem = shm.map()) {
            ProcessSharedMutex m = ProcessSharedMutex.init(mem, MUTEX);
            ProcessSharedCondition c = ProcessSharedCondition.init(mem, COND);
            try (CPeer peer = CPeer.start("mutex_peer", "wait", name, String.valueOf(MUTEX), String.valueOf(COND), String.valueOf(DATA))) {
                assertEquals("waiting", peer.nextLine(TIMEOUT));
                m.lock();
                mem.putLong(DATA, 1);
                c.signalAll();
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                while (mem.getLong(DATA) != 2 && System.nanoTime() < deadline) {
                    c.await(m, Duration.ofNanos(deadline - System.nanoTime()));
                }
                assertEquals(2, mem.getLong(DATA), "C set the flag to 2 and broadcast");
                m.unlock();
                assertEquals("woken", peer.nextLine(TIMEOUT));
                peer.awaitSuccess(TIMEOUT);
            }
        }
    }

    @Test
    void aJavaWaiterIsWokenByACSignal() throws Exception {
        String name = names.shm("cond2");
        try (PosixSharedMemory shm = PosixSharedMemory.create(name, 4096); MappedMemory mem = shm.map()) {
            ProcessSharedMutex m = ProcessSharedMutex.init(mem, MUTEX);
            ProcessSharedCondition c = ProcessSharedCondition.init(mem, COND);
            m.lock();
            try (CPeer peer = CPeer.start("mutex_peer", "signal", name, String.valueOf(MUTEX), String.valueOf(COND), String.valueOf(DATA))) {
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                while (mem.getLong(DATA) != 1 && System.nanoTime() < deadline) {
                    c.await(m, Duration.ofNanos(deadline - System.nanoTime()));   // releases the mutex: C can take it
                }
                assertEquals(1, mem.getLong(DATA));
                m.unlock();
                assertEquals("signalled", peer.nextLine(TIMEOUT));
            }
        }
    }
}
