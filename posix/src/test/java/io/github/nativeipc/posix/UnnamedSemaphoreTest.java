package io.github.nativeipc.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.error.ClosedException;
import io.github.nativeipc.error.InvalidArgumentException;
import io.github.nativeipc.memory.MappedMemory;
import java.time.Duration;
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

    /** A semaphore at offset 0 of a fresh 4 KiB object's mapping; closing it closes all three. */
    private record InMemory(PosixSharedMemory object, MappedMemory memory, UnnamedSemaphore sem) implements AutoCloseable {
        static InMemory init(TestNames names, String tag, int value) throws Exception {
            PosixSharedMemory object = PosixSharedMemory.create(names.shm(tag), 4096);
            MappedMemory memory = object.map();
            return new InMemory(object, memory, UnnamedSemaphore.init(memory, 0, value));
        }

        @Override
        public void close() throws Exception {
            sem.close();
            memory.close();
            object.close();
        }
    }

    @Test
    void closingTheMappingFailsABlockedAcquireWithClosedWithinASecond() throws Exception {
        try (InMemory in = InMemory.init(names, "unmap", 0)) {
            BlockedCall waiter = BlockedCall.start(in.sem()::acquire).then(in.memory()::close);
            assertInstanceOf(ClosedException.class, waiter.outcomeWithin(Duration.ofSeconds(1)));
            assertFalse(in.sem().isOpen());
            assertThrows(ClosedException.class, in.sem()::post);
        }
    }

    @Test
    void closeFromAnotherThreadFailsABlockedAcquireWithClosedWithinASecond() throws Exception {
        try (InMemory in = InMemory.init(names, "close", 0)) {
            BlockedCall waiter = BlockedCall.start(in.sem()::acquire).then(in.sem()::close);
            assertInstanceOf(ClosedException.class, waiter.outcomeWithin(Duration.ofSeconds(1)));
        }
    }

    @Test
    void anInterruptedBlockedAcquireThrowsWithinASecondAndTakesNothing() throws Exception {
        try (InMemory in = InMemory.init(names, "intr", 0)) {
            BlockedCall waiter = BlockedCall.start(in.sem()::acquire).interrupt();
            assertInstanceOf(InterruptedException.class, waiter.outcomeWithin(Duration.ofSeconds(1)));
            in.sem().post();
            assertEquals(1, in.sem().value(), "the interrupted acquire took nothing");
        }
    }

    @Test
    void anAlreadyInterruptedAcquireThrowsAtOnceEvenWithAUnitFree() throws Exception {
        try (InMemory in = InMemory.init(names, "preintr", 1)) {
            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, in.sem()::acquire);
            assertEquals(1, in.sem().value(), "nothing was taken");
        }
    }

    @Test
    void aBlockedAcquireIsWokenByAPostFromAnotherThread() throws Exception {
        try (InMemory in = InMemory.init(names, "post", 0)) {
            BlockedCall waiter = BlockedCall.start(in.sem()::acquire).then(in.sem()::post);
            assertNull(waiter.outcomeWithin(Duration.ofSeconds(1)));
            assertEquals(0, in.sem().value());
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
