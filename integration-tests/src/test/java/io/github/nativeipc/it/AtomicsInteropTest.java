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
        try (PosixSharedMemory shm = PosixSharedMemory.create(shmName, ExchangeLayout.SIZE); MappedMemory block = shm.map()) {
            raceToTwoMillion(block, () -> CPeer.start("shm_peer", "counter", shmName, "1000000"));
        }
    }

    /**
     * Java adds 1 a million times with getAndAddLong while the C peer does the same with
     * atomic_fetch_add; every round must end at exactly 2,000,000. A round only proves atomicity if
     * the two really ran at the same time (C reports how often it saw Java's adds between its own);
     * on a busy 2-CPU machine one side may finish inside its time slice, so up to five rounds run
     * until one interleaves.
     */
    static void raceToTwoMillion(MappedMemory block, java.util.function.Supplier<CPeer> peers) throws Exception {
        int n = 1_000_000;
        long interleaved = 0;
        for (int round = 0; round < 5 && interleaved == 0; round++) {
            block.setLongVolatile(ExchangeLayout.COUNTER, 0);
            block.setIntVolatile(ExchangeLayout.START, 0);
            try (CPeer peer = peers.get()) {
                assertEquals("ready", peer.nextLine(TIMEOUT));
                block.setIntRelease(ExchangeLayout.START, 1);   // both sides start adding now
                for (int i = 0; i < n; i++) {
                    block.getAndAddLong(ExchangeLayout.COUNTER, 1);
                }
                List<String> out = peer.awaitSuccess(TIMEOUT);
                assertEquals(2L * n, block.getLongAcquire(ExchangeLayout.COUNTER), "round " + round);
                interleaved = interleavings(out);
            }
        }
        assertTrue(interleaved > 0, "in five rounds Java and C never added at the same time");
    }

    /** From the counter peer's "done N interleaved M": M, how often C saw Java's increments between its own. */
    static long interleavings(List<String> out) {
        String[] f = out.get(out.size() - 1).split(" ");
        assertEquals("done", f[0], out.toString());
        return Long.parseLong(f[3]);
    }

    @Test
    void releaseStoresAndAcquireLoadsPairWithC11() throws Exception {
        // Java writes a payload with plain stores, publishes an odd sequence number with a release
        // store; C acquires it, checks the payload, answers and publishes the even number. Both
        // sides spin, then yield between checks: with both processes on one CPU (a build under
        // taskset -c 1) a pure spinner holds the CPU for its whole time slice, a few ms per round
        // trip, and 100,000 of them did not end within the timeout.
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
                int spins = 0;
                while (block.getLongAcquire(ExchangeLayout.SEQ) != seq + 1) {
                    assertTrue(System.nanoTime() < deadline, "no answer to " + seq + "; " + peer.errors());
                    if (++spins > 100) {
                        Thread.yield();
                    } else {
                        Thread.onSpinWait();
                    }
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
