package io.github.nativeipc.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.memory.MappedMemory;
import io.github.nativeipc.memory.MappingClosedException;
import io.github.nativeipc.memory.MappingTruncatedException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** {@link MappedMemory} over real POSIX shared memory: views, atomics, bounds, close and truncation. */
class MappedMemoryTest {
    private final TestNames names = new TestNames();

    @AfterEach
    void cleanUp() throws Exception {
        names.close();
    }

    private MappedMemory mapNew(long size) throws Exception {
        try (PosixSharedMemory shm = PosixSharedMemory.create(names.shm("mm"), size)) {
            return shm.map();
        }
    }

    @Test
    void slicesAreNativeOrderViewsOfTheSameBytes() throws Exception {
        try (MappedMemory m = mapNew(4096)) {
            ByteBuffer s = m.slice(128, 64);
            assertEquals(ByteOrder.nativeOrder(), s.order());
            assertEquals(64, s.remaining());
            s.putInt(4, 0xCAFEBABE);
            assertEquals(0xCAFEBABE, m.getInt(132));
            assertEquals(4096, m.asByteBuffer().capacity());
        }
    }

    @Test
    void accessesOutsideTheMappingThrowIndexOutOfBounds() throws Exception {
        try (MappedMemory m = mapNew(4096)) {
            assertThrows(IndexOutOfBoundsException.class, () -> m.getInt(4093));
            assertThrows(IndexOutOfBoundsException.class, () -> m.getLongAcquire(4096));
            assertThrows(IndexOutOfBoundsException.class, () -> m.get(-1));
            assertThrows(IndexOutOfBoundsException.class, () -> m.slice(4000, 97));
            assertThrows(IndexOutOfBoundsException.class, () -> m.put(4090, new byte[7], 0, 7));
        }
    }

    @Test
    void atomicAccessesNeedNaturalAlignment() throws Exception {
        try (MappedMemory m = mapNew(4096)) {
            assertThrows(IllegalArgumentException.class, () -> m.getIntAcquire(2));
            assertThrows(IllegalArgumentException.class, () -> m.compareAndSetLong(4, 0, 1));
            m.putInt(2, 5);
            assertEquals(5, m.getInt(2), "plain accesses may be unaligned");
        }
    }

    @Test
    void atomicOperationsHaveTheirDocumentedResults() throws Exception {
        try (MappedMemory m = mapNew(4096)) {
            assertEquals(0, m.getAndAddInt(0, 5));
            assertEquals(5, m.getIntVolatile(0));
            assertTrue(m.compareAndSetInt(0, 5, 9));
            assertFalse(m.compareAndSetInt(0, 5, 10));
            assertEquals(9, m.compareAndExchangeInt(0, 1, 2));
            assertEquals(9, m.getAndSetInt(0, 3));
            m.setIntRelease(0, 4);
            assertEquals(4, m.getIntAcquire(0));
            m.setIntVolatile(0, 6);
            assertEquals(6, m.getInt(0));

            assertEquals(0, m.getAndAddLong(8, 1L << 40));
            assertEquals(1L << 40, m.getLongVolatile(8));
            assertTrue(m.compareAndSetLong(8, 1L << 40, -1));
            assertEquals(-1, m.compareAndExchangeLong(8, 0, 0));
            assertEquals(-1, m.getAndSetLong(8, 7));
            m.setLongRelease(8, 8);
            assertEquals(8, m.getLongAcquire(8));
            m.setLongVolatile(8, 9);
            assertEquals(9, m.getLong(8));
        }
    }

    @Test
    void everyAccessAfterCloseThrowsMappingClosed() throws Exception {
        MappedMemory m = mapNew(4096);
        m.close();
        m.close();
        assertFalse(m.isOpen());
        assertThrows(MappingClosedException.class, () -> m.getInt(0));
        assertThrows(MappingClosedException.class, () -> m.putLong(0, 1));
        assertThrows(MappingClosedException.class, () -> m.getAndAddInt(0, 1));
        assertThrows(MappingClosedException.class, () -> m.slice(0, 1));
        assertThrows(MappingClosedException.class, () -> m.get(0, new byte[1], 0, 1));
        assertThrows(MappingClosedException.class, m::force);
    }

    @Test
    void aSliceUsedAfterCloseTouchesPrivateMemoryNotTheObject() throws Exception {
        String name = names.shm("stale");
        try (PosixSharedMemory shm = PosixSharedMemory.create(name, 4096); MappedMemory other = shm.map()) {
            MappedMemory m = shm.map();
            ByteBuffer stale = m.slice(0, 64);
            m.close();
            stale.putInt(0, 12345);                 // no crash: private zero page
            assertEquals(12345, stale.getInt(0));
            assertEquals(0, other.getInt(0), "the write did not reach the shared object");
        }
    }

    @Test
    void readModifyWriteAtomicsPastTheEndOfAShrunkObjectThrowMappingTruncated() throws Exception {
        String name = names.shm("shrunk-rmw");
        try (PosixSharedMemory shm = PosixSharedMemory.create(name, 16384); MappedMemory m = shm.map()) {
            shm.truncate(4096);
            for (Executable update : new Executable[] {
                    () -> m.getAndAddInt(8192, 1),
                    () -> m.compareAndSetInt(8192, 0, 1),
                    () -> m.compareAndExchangeInt(8192, 0, 1),
                    () -> m.getAndSetInt(8192, 1),
                    () -> m.getAndAddLong(12288, 1),
                    () -> m.compareAndSetLong(12288, 0, 1),
                    () -> m.compareAndExchangeLong(12288, 0, 1),
                    () -> m.getAndSetLong(12288, 1)}) {
                MappingTruncatedException e = assertThrows(MappingTruncatedException.class, update);
                assertEquals(4096, e.objectSize());
            }
            assertEquals(0, m.getAndAddInt(0, 1), "the part that still exists works");
        }
    }

    @Test
    void readsAndWritesPastTheEndOfAShrunkObjectAreReportedWithoutCrashingTheJvm() throws Exception {
        String name = names.shm("shrunk");
        try (PosixSharedMemory shm = PosixSharedMemory.create(name, 16384); MappedMemory m = shm.map()) {
            m.putInt(8192, 1);
            shm.truncate(4096);
            // An interpreted accessor reports MappingTruncatedException; a JIT-compiled one lets the JVM
            // raise its InternalError at the thread's next call into the VM runtime, which the array
            // allocation in this (interpreted) lambda is.
            for (Executable access : new Executable[] {
                    () -> m.getInt(8192),
                    () -> m.putLong(8192, 1),
                    () -> m.getLongAcquire(8192),
                    () -> m.setIntRelease(8192, 1),
                    () -> m.put(8192, new byte[16], 0, 16)}) {
                Throwable t = assertThrows(Throwable.class, () -> {
                    access.execute();
                    byte[] vmCall = new byte[0];
                });
                assertTrue(t instanceof MappingTruncatedException || t instanceof InternalError, t.toString());
            }
            MappingTruncatedException e = assertThrows(MappingTruncatedException.class, m::checkBacking);
            assertEquals(4096, e.objectSize());
            assertEquals(16384, e.mappedLength());
            m.putInt(0, 3);
            assertEquals(3, m.getInt(0), "the part that still exists works");
        }
    }

    @Test
    void atomicsCheckTheAlignmentOfTheAddressNotJustTheOffset() throws Exception {
        String name = names.shm("unaligned");
        try (PosixSharedMemory shm = PosixSharedMemory.create(name, 8192);
                MappedMemory m = shm.map(2, 4096, Access.READ_WRITE)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.getAndAddInt(0, 1));
            assertTrue(e.getMessage().contains("unaligned object offset"), e.getMessage());
            assertEquals(0, m.getAndAddInt(2, 1), "offset 2 of this view is object offset 4: aligned");
            assertThrows(io.github.nativeipc.error.InvalidArgumentException.class, () -> UnnamedSemaphore.init(m, 0, 0));
            try (UnnamedSemaphore s = UnnamedSemaphore.init(m, 6, 0)) {
                s.post();
                assertTrue(s.tryAcquire(java.time.Duration.ofMillis(100)));
            }
        }
    }

    @Test
    void anAccessStraddlingTheNewEndIsReportedAsTruncation() throws Exception {
        String name = names.shm("straddle");
        try (PosixSharedMemory shm = PosixSharedMemory.create(name, 16384); MappedMemory m = shm.map()) {
            shm.truncate(4096);
            Throwable t = assertThrows(Throwable.class, () -> {
                m.putLong(4092, 1);   // bytes 4092..4099: half of it is gone
                byte[] vmCall = new byte[0];
            });
            assertTrue(t instanceof MappingTruncatedException || t instanceof InternalError, t.toString());
            MappingTruncatedException e = assertThrows(MappingTruncatedException.class, () -> m.getAndAddLong(4088 + 8, 1));
            assertEquals(4096, e.offset());
        }
    }

    @Test
    void forceSucceedsOnAnOpenMapping() throws Exception {
        try (MappedMemory m = mapNew(4096)) {
            m.putInt(0, 1);
            m.force();
            m.checkBacking();
        }
    }

    @Test
    void mappingsBeyond2GiBAreAddressedWithLongOffsets() throws Exception {
        long size = 3L << 30;
        try (MappedMemory m = mapNew(size)) {
            long far = (5L << 29) + 8;   // 2.5 GiB + 8
            m.setLongRelease(far, 0x0102030405060708L);
            assertEquals(0x0102030405060708L, m.getLongAcquire(far));
            long last = size - 8;
            assertEquals(0, m.getAndAddLong(last, 5));
            assertEquals(5, m.getLong(last));
            // A slice crossing the 2 GiB line, and one longer than what is left of its chunk.
            ByteBuffer across = m.slice((2L << 30) - 4, 8);
            across.putLong(0, -2);
            assertEquals(-2, m.getLong((2L << 30) - 4));
            // Longer than what is left of its 1 GiB chunk: served by a root of its own.
            long start = (2L << 30) - 1;
            ByteBuffer big = m.slice(start, (1 << 30) + 1);   // up to the last byte of the 3 GiB
            big.put(1 << 30, (byte) 77);
            assertEquals(77, m.get(size - 1));
            m.put(start + 5, (byte) 9);
            assertEquals(9, big.get(5));
            assertThrows(UnsupportedOperationException.class, m::asByteBuffer);
            byte[] bytes = new byte[64];
            for (int i = 0; i < 64; i++) {
                m.put((1L << 30) - 32 + i, (byte) i);
            }
            m.get((1L << 30) - 32, bytes, 0, 64);   // bulk copy across a chunk start
            for (int i = 0; i < 64; i++) {
                assertEquals(i, bytes[i]);
            }
        }
    }
}
