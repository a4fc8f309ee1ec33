package io.github.nativeipc.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.error.ClosedException;
import io.github.nativeipc.error.InvalidArgumentException;
import io.github.nativeipc.memory.MappedMemory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UnnamedSemaphoreTest {
    private final TestNames names = new TestNames();

    @AfterEach
    void cleanUp() throws Exception {
        names.close();
    }

    @Test
    void initialisedSemaphoreIsSharedThroughTwoMappings() throws Exception {
        String name = names.shm("unnamed");
        try (PosixSharedMemory a = PosixSharedMemory.create(name, 4096);
                MappedMemory ma = a.map();
                PosixSharedMemory b = PosixSharedMemory.open(name);
                MappedMemory mb = b.map();
                UnnamedSemaphore sa = UnnamedSemaphore.init(ma, 64, 2);
                UnnamedSemaphore sb = UnnamedSemaphore.attach(mb, 64)) {
            assertEquals(2, sb.value());
            sa.post();
            assertEquals(3, sb.value());
            assertTrue(sb.tryAcquire(Duration.ofMillis(10)));
            assertEquals(2, sa.value());
        }
    }

    @Test
    void misalignedOrOutOfRangeOffsetsAreInvalid() throws Exception {
        String name = names.shm("align");
        try (PosixSharedMemory a = PosixSharedMemory.create(name, 4096); MappedMemory m = a.map()) {
            assertThrows(InvalidArgumentException.class, () -> UnnamedSemaphore.init(m, 4, 0), "address not aligned to 8");
            assertThrows(InvalidArgumentException.class, () -> UnnamedSemaphore.init(m, 4096 - 8, 0));
            assertThrows(InvalidArgumentException.class, () -> UnnamedSemaphore.init(m, -8, 0));
            assertThrows(InvalidArgumentException.class, () -> UnnamedSemaphore.init(m, 0, -1));
        }
    }

    @Test
    void readOnlyMappingCannotHoldASemaphore() throws Exception {
        String name = names.shm("ro");
        try (PosixSharedMemory a = PosixSharedMemory.create(name, 4096);
                PosixSharedMemory ro = PosixSharedMemory.open(name, Access.READ_ONLY);
                MappedMemory m = ro.map()) {
            assertThrows(InvalidArgumentException.class, () -> UnnamedSemaphore.attach(m, 0));
        }
    }

    @Test
    void closingTheMappingClosesItsSemaphoresAndWakesWaiters() throws Exception {
        String name = names.shm("unmap");
        try (PosixSharedMemory a = PosixSharedMemory.create(name, 4096)) {
            MappedMemory m = a.map();
            UnnamedSemaphore s = UnnamedSemaphore.init(m, 0, 0);
            CompletableFuture<Throwable> waiter = CompletableFuture.supplyAsync(() -> {
                try {
                    s.acquire();
                    return null;
                } catch (Throwable e) {
                    return e;
                }
            });
            Thread.sleep(100);
            m.close();
            assertInstanceOf(ClosedException.class, waiter.get(2, TimeUnit.SECONDS));
            assertFalse(s.isOpen());
            assertThrows(ClosedException.class, s::post);
        }
    }

    @Test
    void destroyEndsTheSemaphore() throws Exception {
        String name = names.shm("destroy");
        try (PosixSharedMemory a = PosixSharedMemory.create(name, 4096); MappedMemory m = a.map()) {
            UnnamedSemaphore s = UnnamedSemaphore.init(m, 0, 1);
            s.destroy();
            assertFalse(s.isOpen());
            assertThrows(ClosedException.class, s::tryAcquire);
        }
    }
}
