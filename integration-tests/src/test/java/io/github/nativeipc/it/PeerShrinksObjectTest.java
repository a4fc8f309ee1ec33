package io.github.nativeipc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.demo.CPeer;
import io.github.nativeipc.memory.MappedMemory;
import io.github.nativeipc.memory.MappingTruncatedException;
import io.github.nativeipc.posix.PosixSharedMemory;
import java.time.Duration;
import io.github.nativeipc.posix.TestNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A C process shrinks the object under Java's mapping: Java must not crash, and must say so.
 * If the JVM died, surefire would report the fork as crashed and the build would fail.
 */
class PeerShrinksObjectTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final TestNames names = new TestNames();

    @AfterEach
    void cleanUp() throws Exception {
        names.close();
    }

    private static void shrink(String name, long size) throws Exception {
        try (CPeer peer = CPeer.start("shm_peer", "shrink", name, String.valueOf(size))) {
            peer.awaitSuccess(TIMEOUT);
        }
    }

    @Test
    void updatesPastTheNewEndThrowMappingTruncatedWithTheSizeFstatReports() throws Exception {
        String name = names.shm("shrink");
        try (PosixSharedMemory shm = PosixSharedMemory.create(name, 64 * 1024); MappedMemory m = shm.map()) {
            m.setLongVolatile(40_000, 1);
            shrink(name, 4096);
            MappingTruncatedException e = assertThrows(MappingTruncatedException.class, () -> m.getAndAddLong(40_000, 1));
            assertEquals(4096, e.objectSize());
            assertEquals(40_000, e.offset());
            assertThrows(MappingTruncatedException.class, () -> m.compareAndSetInt(8192, 0, 1));
            assertThrows(MappingTruncatedException.class, m::checkBacking);
            assertEquals(0, m.getAndAddInt(100, 1), "what is left of the object still works");
        }
    }

    @Test
    void warmedUpAccessorsSurviveAShrinkWhateverTheJitDid() throws Exception {
        String name = names.shm("shrink-warm");
        try (PosixSharedMemory shm = PosixSharedMemory.create(name, 64 * 1024); MappedMemory m = shm.map()) {
            long sum = 0;
            for (int i = 0; i < 300_000; i++) {   // let the JIT compile every accessor used below
                int off = 8192 + (i & 1023) * 8;
                sum += m.getAndAddLong(off, 1) + m.getLongAcquire(off) + m.getInt(off);
                m.compareAndSetInt(off, 0, 0);
                m.setIntRelease(off, 0);
            }
            assertTrue(sum > 0);
            shrink(name, 4096);
            // Compiled accessors let the JVM raise its InternalError at the thread's next safepoint,
            // which may be anywhere in this loop: the loop as a whole must end with a report.
            Throwable t = assertThrows(Throwable.class, () -> {
                for (int i = 0; i < 10_000; i++) {
                    int off = 8192 + (i & 1023) * 8;
                    m.getAndAddLong(off, 1);
                    m.getLongAcquire(off);
                    m.compareAndSetInt(off, 0, 0);
                    m.setIntRelease(off, 0);
                }
            });
            assertTrue(t instanceof MappingTruncatedException || t instanceof InternalError, t.toString());
            assertThrows(MappingTruncatedException.class, m::checkBacking);
        }
    }
}
