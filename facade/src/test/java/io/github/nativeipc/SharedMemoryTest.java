package io.github.nativeipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.error.AlreadyExistsException;
import io.github.nativeipc.error.NotFoundException;
import io.github.nativeipc.memory.MappedMemory;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The facade's shared memory, whatever backs it on this OS. */
class SharedMemoryTest {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private final IpcName name = uniqueName();

    static IpcName uniqueName() {
        try {
            return IpcName.of("nipc-f" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @AfterEach
    void removeLeftovers() {
        try {
            SharedMemory.remove(name);
        } catch (Exception alreadyGone) {
            // removed by the test itself
        }
    }

    @Test
    void whatOneHandleWritesAnotherHandleReads() throws Exception {
        try (SharedMemory a = SharedMemory.create(name, 4096); MappedMemory ma = a.map();
                SharedMemory b = SharedMemory.open(name); MappedMemory mb = b.map()) {
            assertTrue(a.created());
            assertFalse(b.created());
            assertEquals(4096, b.size(), "exact on POSIX; whole pages on Windows, and 4096 is one page");
            ma.putLong(8, 0x0102030405060708L);
            assertEquals(0x0102030405060708L, mb.getLong(8));
            assertEquals(1, mb.getAndAddLong(16, 1) + 1);
            assertEquals(1, ma.getLongAcquire(16));
        }
    }

    @Test
    void createIsExclusive() throws Exception {
        try (SharedMemory a = SharedMemory.create(name, 64)) {
            assertThrows(AlreadyExistsException.class, () -> SharedMemory.create(name, 64));
            try (SharedMemory b = SharedMemory.openOrCreate(name, 64)) {
                assertFalse(b.created());
            }
        }
    }

    @Test
    void openingAMissingObjectIsNotFound() {
        assertThrows(NotFoundException.class, () -> SharedMemory.open(name));
    }

    @Test
    void theObjectLivesAsLongAsItsOsSays() throws Exception {
        SharedMemory a = SharedMemory.create(name, 64);
        MappedMemory m = a.map();
        if (Capabilities.current().platform().os() == io.github.nativeipc.bindings.Platform.Os.WINDOWS) {
            a.remove();   // nothing to do: a section ends with its last handle and view
            try (SharedMemory b = SharedMemory.open(name)) {
                assertEquals(4096, b.size(), "a section opened by name: its 64 bytes rounded up to one page");
            }
            m.close();
            a.close();
            assertThrows(NotFoundException.class, () -> SharedMemory.open(name));
        } else {
            a.close();
            a = SharedMemory.open(name);   // a POSIX object outlives its handles
            a.remove();
            assertThrows(NotFoundException.class, () -> SharedMemory.open(name));
            m.putInt(0, 7);
            assertEquals(7, m.getInt(0), "the mapping outlives the name");
            m.close();
            a.close();
        }
    }
}
