package io.github.nativeipc.windows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.error.AlreadyExistsException;
import io.github.nativeipc.error.InvalidArgumentException;
import io.github.nativeipc.error.NotFoundException;
import io.github.nativeipc.memory.MappedMemory;
import io.github.nativeipc.memory.MappingClosedException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** File mappings shared with a C process, through the same MappedMemory as POSIX shared memory. Runs under Wine. */
class FileMappingWindowsTest {
    private static final int ROUNDS = 100_000;

    @Test
    void dataCrossesBothWaysAndInterlockedAndJavaAtomicAddsMeetAtExactly200000() throws Exception {
        String name = WinPeer.objectName("map");
        try (FileMapping mapping = FileMapping.create(name, 4096);
             MappedMemory mem = mapping.map(MappingAccess.READ_WRITE)) {
            byte[] text = "hello from Java\0".getBytes(StandardCharsets.US_ASCII);
            mem.put(0, text, 0, text.length);
            try (WinPeer peer = WinPeer.start("mapping", name, "4096", Integer.toString(ROUNDS))) {
                assertEquals("java wrote: hello from Java", peer.readLine());
                mem.getAndAddInt(512, 1);                    // the barrier: both sides start adding together
                while (mem.getIntVolatile(512) < 2) {
                    Thread.onSpinWait();
                }
                for (int i = 0; i < ROUNDS; i++) {
                    mem.getAndAddLong(1024, 1);
                }
                assertEquals("added " + ROUNDS + "\n", peer.finish());
            }
            assertEquals(2L * ROUNDS, mem.getLongVolatile(1024));
            byte[] fromC = new byte[12];
            mem.get(256, fromC, 0, 12);
            assertEquals("hello from C", new String(fromC, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aSecondProcessViewOfTheSameNameSeesTheSameBytes() throws Exception {
        String name = WinPeer.objectName("map");
        try (FileMapping a = FileMapping.create(name, 100_000);
             FileMapping b = FileMapping.open(name, MappingAccess.READ_ONLY);
             MappedMemory wa = a.map(MappingAccess.READ_WRITE);
             MappedMemory rb = b.map(MappingAccess.READ_ONLY)) {
            assertEquals(-1, b.size());
            assertTrue(rb.size() >= 100_000, "an opened section maps whole pages: " + rb.size());
            wa.setLongRelease(99_992, 0x1122334455667788L);
            assertEquals(0x1122334455667788L, rb.getLongAcquire(99_992));
            assertThrows(ReadOnlyBufferException.class, () -> rb.putLong(0, 1));
        }
    }

    @Test
    void aViewAtAnOffsetStartsThere() throws Exception {
        try (FileMapping m = FileMapping.createUnnamed(200_000);
             MappedMemory whole = m.map(MappingAccess.READ_WRITE);
             MappedMemory part = m.map(MappingAccess.READ_WRITE, 70_000, 1000)) {
            whole.putInt(70_004, 42);
            assertEquals(42, part.getInt(4));
            assertEquals(1000, part.size());
            assertThrows(IndexOutOfBoundsException.class, () -> part.getInt(998));
        }
    }

    @Test
    void createIsExclusive() throws Exception {
        String name = WinPeer.objectName("map");
        try (FileMapping first = FileMapping.create(name, 4096)) {
            AlreadyExistsException e = assertThrows(AlreadyExistsException.class, () -> FileMapping.create(name, 4096));
            assertEquals("ERROR_ALREADY_EXISTS", e.errnoName());
            try (FileMapping again = FileMapping.openOrCreate(name, 4096)) {
                assertFalse(again.created());
            }
        }
    }

    @Test
    void openingAMissingSectionIsNotFound() {
        assertThrows(NotFoundException.class, () -> FileMapping.open(WinPeer.objectName("none"), MappingAccess.READ_ONLY));
    }

    @Test
    void aRangeOutsideTheSectionIsRefusedBeforeAnyCall() throws Exception {
        try (FileMapping m = FileMapping.createUnnamed(4096)) {
            assertThrows(InvalidArgumentException.class, () -> m.map(MappingAccess.READ_WRITE, 4000, 200));
        }
    }

    @Test
    void aFileBackedMappingWritesThroughToTheFile() throws Exception {
        // Not @TempDir: Windows refuses to delete a file while a view of it is mapped, and a closed
        // MappedMemory's view is unmapped only once its buffers are unreachable (see MappedMemory).
        Path file = Files.createTempFile("nipc-map", ".bin");
        file.toFile().deleteOnExit();
        Files.delete(file);
        try (FileMapping m = FileMapping.ofFile(file, MappingAccess.READ_WRITE, 8192, null);
             MappedMemory mem = m.map(MappingAccess.READ_WRITE)) {
            mem.put(4096, "persisted".getBytes(StandardCharsets.US_ASCII), 0, 9);
            mem.force();
        }
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(8192, bytes.length);
        assertArrayEquals("persisted".getBytes(StandardCharsets.US_ASCII), java.util.Arrays.copyOfRange(bytes, 4096, 4105));
        try (FileMapping ro = FileMapping.ofFile(file, MappingAccess.READ_ONLY, 0, null);
             MappedMemory mem = ro.map(MappingAccess.READ_ONLY)) {
            assertEquals(8192, mem.size());
            assertEquals('p', mem.get(4096));
            assertThrows(InvalidArgumentException.class, () -> ro.map(MappingAccess.READ_WRITE));
        }
    }

    @Test
    void accessorsThrowAfterCloseAndSlicesStayMemorySafe() throws Exception {
        ByteBuffer slice;
        try (FileMapping m = FileMapping.createUnnamed(4096)) {
            MappedMemory mem = m.map(MappingAccess.READ_WRITE);
            slice = mem.slice(0, 16);
            mem.close();
            assertThrows(MappingClosedException.class, () -> mem.getInt(0));
        }
        slice.putInt(0, 7);   // the view stays mapped while a slice is reachable
        assertEquals(7, slice.getInt(0));
    }
}
