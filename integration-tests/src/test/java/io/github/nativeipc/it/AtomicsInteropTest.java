package io.github.nativeipc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.demo.CPeer;
import io.github.nativeipc.demo.ExchangeLayout;
import io.github.nativeipc.memory.MappedMemory;
import io.github.nativeipc.posix.PosixSharedMemory;
import java.time.Duration;
import java.util.List;
import io.github.nativeipc.posix.TestNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The atomic accessors of MappedMemory against C11 stdatomic.h on the same addresses. */
class AtomicsInteropTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final TestNames names = new TestNames();

    @AfterEach
    void cleanUp() throws Exception {
        names.close();
    }

    @Test
    void getAndAddRacingAtomicFetchAddCountsExactlyTwoMillion() throws Exception {
        String shmName = names.shm("counter");
        int n = 1_000_000;
        try (PosixSharedMemory shm = PosixSharedMemory.create(shmName, ExchangeLayout.SIZE);
                MappedMemory block = shm.map();
                CPeer peer = CPeer.start("shm_peer", "counter", shmName, String.valueOf(n))) {
            assertEquals("ready", peer.nextLine(TIMEOUT));
            block.setIntRelease(ExchangeLayout.START, 1);   // both sides start adding now
            for (int i = 0; i < n; i++) {
                block.getAndAddLong(ExchangeLayout.COUNTER, 1);
            }
            assertEquals(List.of("done " + n), peer.awaitSuccess(TIMEOUT));
            assertEquals(2_000_000L, block.getLongAcquire(ExchangeLayout.COUNTER));
        }
    }

    @Test
    void releaseStoresAndAcquireLoadsPairWithC11() throws Exception {
        // Java writes a payload with plain stores, publishes an odd sequence number with a release
        // store; C acquires it, checks the payload, answers and publishes the even number.
        String shmName = names.shm("seq");
        int count = 100_000;
        try (PosixSharedMemory shm = PosixSharedMemory.create(shmName, ExchangeLayout.SIZE);
                MappedMemory block = shm.map();
                CPeer peer = CPeer.start("shm_peer", "spin-echo", shmName, String.valueOf(count))) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            for (long i = 0; i < count; i++) {
                long seq = 2 * i + 1;
                block.putLong(ExchangeLayout.BUFFER, seq * 7);
                block.putLong(ExchangeLayout.BUFFER + 8, ~seq);
                block.setLongRelease(ExchangeLayout.SEQ, seq);
                while (block.getLongAcquire(ExchangeLayout.SEQ) != seq + 1) {
                    assertTrue(System.nanoTime() < deadline, "no answer to " + seq + "; " + peer.errors());
                    Thread.onSpinWait();
                }
                assertEquals(seq * 11, block.getLong(ExchangeLayout.BUFFER), "the C answer is visible after acquire");
            }
            assertEquals(List.of("done " + count), peer.awaitSuccess(TIMEOUT));
        }
    }

    @Test
    void objectsLargerThan2GiBAreSharedAtOffsetsBeyondTheIntRange() throws Exception {
        String shmName = names.shm("big");
        long size = 3L << 30;
        long far = (5L << 29) + 64;   // 2.5 GiB + 64
        long last = size - 8;
        try (PosixSharedMemory shm = PosixSharedMemory.create(shmName, size); MappedMemory m = shm.map()) {
            m.setLongRelease(far, 0x5EED_CAFE_F00DL);
            try (CPeer peer = CPeer.start("shm_peer", "peek64", shmName, String.valueOf(far))) {
                assertEquals(List.of(String.valueOf(0x5EED_CAFE_F00DL)), peer.awaitSuccess(TIMEOUT));
            }
            try (CPeer peer = CPeer.start("shm_peer", "poke64", shmName, String.valueOf(last), "-42")) {
                peer.awaitSuccess(TIMEOUT);
            }
            assertEquals(-42, m.getLongAcquire(last));
            assertEquals(-42, m.slice(last, 8).getLong(0));
        }
    }
}
