package io.github.nativeipc.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.error.ClosedException;
import io.github.nativeipc.error.InvalidArgumentException;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.error.PermissionDeniedException;
import io.github.nativeipc.memory.MappedMemory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MemFdTest {

    @Test
    void createMakesAFileOfTheSizeWithTheLabelInProcFd() throws Exception {
        try (MemFd m = MemFd.create("orders", 8192)) {
            assertEquals(8192, m.size());
            int fd = m.acquireDescriptor();
            try {
                assertEquals("/memfd:orders (deleted)", Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString());
            } finally {
                m.releaseDescriptor();
            }
        }
    }

    @Test
    void twoMappingsOfOneMemFdShareTheBytes() throws Exception {
        try (MemFd m = MemFd.create("share", 4096);
                MappedMemory a = m.map();
                MappedMemory b = m.map(100, 8, Access.READ_ONLY)) {
            a.putLong(100, 0x1122334455667788L);
            assertEquals(0x1122334455667788L, b.getLong(0));
        }
    }

    @Test
    void aShrinkSealRefusesTruncationWithEperm() throws Exception {
        try (MemFd m = MemFd.create("shrink", 4096)) {
            m.addSeals(EnumSet.of(Seal.SHRINK));
            assertEquals(Set.of(Seal.SHRINK), m.seals());
            PermissionDeniedException e = assertThrows(PermissionDeniedException.class, () -> m.truncate(100));
            assertEquals("EPERM", e.errnoName());
            m.truncate(8192);   // growing is still allowed
            assertEquals(8192, m.size());
        }
    }

    @Test
    void aWriteSealOverALiveWritableMappingIsRefusedWithEbusy() throws Exception {
        try (MemFd m = MemFd.create("busy", 4096); MappedMemory rw = m.map()) {
            IpcException e = assertThrows(IpcException.class, () -> m.addSeals(EnumSet.of(Seal.WRITE)));
            assertEquals("EBUSY", e.errnoName());
            assertTrue(e.getMessage().startsWith("fcntl("), e.getMessage());
            assertTrue(e.getMessage().contains("F_ADD_SEALS, F_SEAL_WRITE"), e.getMessage());
        }
    }

    @Test
    void afterAWriteSealOnlyReadOnlyMappingsAreAllowed() throws Exception {
        try (MemFd m = MemFd.create("sealed", 4096)) {
            try (MappedMemory rw = m.map()) {
                rw.putInt(0, 42);
            }
            m.addSeals(EnumSet.of(Seal.WRITE, Seal.SHRINK, Seal.GROW, Seal.SEAL));
            assertThrows(PermissionDeniedException.class, () -> m.map(0, 4096, Access.READ_WRITE));
            try (MappedMemory ro = m.map(0, 4096, Access.READ_ONLY)) {
                assertEquals(42, ro.getInt(0));
            }
            assertThrows(PermissionDeniedException.class, () -> m.addSeals(EnumSet.of(Seal.FUTURE_WRITE)));
        }
    }

    @Test
    void aMemFdCreatedWithoutSealingRefusesSeals() throws Exception {
        try (MemFd m = MemFd.create("nosealing", 4096, false)) {
            assertEquals(Set.of(Seal.SEAL), m.seals());
            assertThrows(PermissionDeniedException.class, () -> m.addSeals(EnumSet.of(Seal.SHRINK)));
        }
    }

    @Test
    void aLabelLongerThan249BytesIsRefusedBeforeAnyCall() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> MemFd.create("é".repeat(125), 1));
        assertEquals(IpcException.NO_ERRNO, e.errno());
        assertTrue(e.getMessage().contains("249 bytes"), e.getMessage());
    }

    @Test
    void adoptingADescriptorThatIsNotOpenIsClosedException() {
        ClosedException e = assertThrows(ClosedException.class, () -> MemFd.adopt(999_999, Access.READ_WRITE, "received"));
        assertEquals("EBADF", e.errnoName());
    }

    @Test
    void anAdoptedDescriptorIsClosedWithTheObject() throws Exception {
        int dup;
        try (MemFd m = MemFd.create("adopt", 4096)) {
            int fd = m.acquireDescriptor();
            try {
                dup = io.github.nativeipc.bindings.Native.libc().fcntl(fd, io.github.nativeipc.bindings.PosixConstants.F_DUPFD_CLOEXEC, 0);
            } finally {
                m.releaseDescriptor();
            }
        }
        MemFd adopted = MemFd.adopt(dup, Access.READ_WRITE, "adopted");
        assertEquals(4096, adopted.size());
        adopted.close();
        assertInstanceOf(ClosedException.class, assertThrows(ClosedException.class, adopted::size));
        assertTrue(Files.notExists(Path.of("/proc/self/fd/" + dup)));
    }
}
