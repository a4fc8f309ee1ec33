package io.github.nativeipc.posix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.error.AlreadyExistsException;
import io.github.nativeipc.error.ClosedException;
import io.github.nativeipc.error.InvalidArgumentException;
import io.github.nativeipc.error.LimitReachedException;
import io.github.nativeipc.error.NotFoundException;
import io.github.nativeipc.error.PermissionDeniedException;
import io.github.nativeipc.memory.MappedMemory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PosixSharedMemoryTest {
    private final TestNames names = new TestNames();

    @AfterEach
    void cleanUp() throws Exception {
        names.close();
    }

    @Test
    void createMakesAnObjectOfTheRequestedSizeVisibleInDevShm() throws Exception {
        String name = names.shm("create");
        try (PosixSharedMemory shm = PosixSharedMemory.create(name, 12345)) {
            assertTrue(shm.created());
            assertEquals(12345, shm.size());
            assertEquals(12345, Files.size(Path.of("/dev/shm" + name)));
        }
    }

    /** Bytes of memory the tmpfs gave the object (st_blocks * 512, as coreutils' stat reports them). */
    private static long allocatedBytes(String name) throws Exception {
        Process p = new ProcessBuilder("stat", "-c", "%b %B", "/dev/shm" + name).start();
        String[] f = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim().split(" ");
        assertEquals(0, p.waitFor());
        return Long.parseLong(f[0]) * Long.parseLong(f[1]);
    }

    @Test
    void allocateMakesTheKernelBackEveryPageBeforeAnyIsTouched() throws Exception {
        String name = names.shm("allocate");
        try (PosixSharedMemory shm = PosixSharedMemory.create(name, 1 << 20)) {
            assertEquals(0, allocatedBytes(name), "ftruncate alone takes no memory");
            shm.allocate();
            assertEquals(1 << 20, allocatedBytes(name));
            assertEquals(1 << 20, shm.size(), "the size is unchanged");
        }
    }

    @Test
    void createAppliesMode0600ByDefault() throws Exception {
        String name = names.shm("mode");
        try (PosixSharedMemory shm = PosixSharedMemory.create(name, 1)) {
            assertEquals(0600, shm.status().mode());
        }
    }

    /** Test-only: the process umask, to prove modes do not depend on it. */
    public interface Umask {
        int umask(int mask);
    }

    @Test
    void createAppliesTheRequestedModeWhateverTheUmask() throws Exception {
        Umask u = jnr.ffi.LibraryLoader.create(Umask.class).load("c");
        String name = names.shm("mode666");
        int previous = u.umask(077);   // process-wide, for the one call below
        PosixSharedMemory created;
        try {
            created = PosixSharedMemory.create(name, 1, CreateOptions.defaults().mode(0666));
        } finally {
            u.umask(previous);
        }
        try (PosixSharedMemory shm = created) {
            assertEquals(0666, shm.status().mode());
            assertEquals("rw-rw-rw-", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(Path.of("/dev/shm" + name))));
        }
    }

    @Test
    void createFailsWithAlreadyExistsWhenTheNameIsTaken() throws Exception {
        String name = names.shm("exists");
        try (PosixSharedMemory first = PosixSharedMemory.create(name, 10)) {
            AlreadyExistsException e = assertThrows(AlreadyExistsException.class, () -> PosixSharedMemory.create(name, 10));
            assertEquals(17, e.errno());
            assertEquals("EEXIST", e.errnoName());
            assertEquals(name, e.object());
            assertEquals("shm_open(\"" + name + "\", O_CREAT|O_EXCL|O_RDWR, 0600): EEXIST (17) File exists", e.getMessage());
        }
    }

    @Test
    void openFailsWithNotFoundForAMissingName() {
        String name = names.shm("missing");
        NotFoundException e = assertThrows(NotFoundException.class, () -> PosixSharedMemory.open(name));
        assertEquals("ENOENT", e.errnoName());
        assertTrue(e.getMessage().startsWith("shm_open(\"" + name + "\", O_RDWR, 00): ENOENT (2) "), e.getMessage());
    }

    @Test
    void openSeesWhatTheCreatorWrote() throws Exception {
        String name = names.shm("share");
        try (PosixSharedMemory a = PosixSharedMemory.create(name, 4096);
                MappedMemory ma = a.map();
                PosixSharedMemory b = PosixSharedMemory.open(name);
                MappedMemory mb = b.map()) {
            assertFalse(b.created());
            ma.putLong(100, 0x1122334455667788L);
            assertEquals(0x1122334455667788L, mb.getLong(100));
        }
    }

    @Test
    void openOrCreateCreatesOnceThenOpens() throws Exception {
        String name = names.shm("ooc");
        try (PosixSharedMemory a = PosixSharedMemory.openOrCreate(name, 100);
                PosixSharedMemory b = PosixSharedMemory.openOrCreate(name, 999)) {
            assertTrue(a.created());
            assertFalse(b.created());
            assertEquals(100, b.size(), "an existing object keeps its size");
        }
    }

    @Test
    void readOnlyOpenMapsReadOnly() throws Exception {
        String name = names.shm("ro");
        try (PosixSharedMemory a = PosixSharedMemory.create(name, 4096);
                PosixSharedMemory ro = PosixSharedMemory.open(name, Access.READ_ONLY);
                MappedMemory m = ro.map()) {
            assertTrue(m.isReadOnly());
            assertThrows(java.nio.ReadOnlyBufferException.class, () -> m.putInt(0, 1));
            assertThrows(java.nio.ReadOnlyBufferException.class, () -> m.getAndAddInt(0, 1));
            assertTrue(m.slice(0, 16).isReadOnly());
        }
    }

    @Test
    void readWriteMappingOfAReadOnlyHandleIsPermissionDenied() throws Exception {
        String name = names.shm("rw-of-ro");
        try (PosixSharedMemory a = PosixSharedMemory.create(name, 4096);
                PosixSharedMemory ro = PosixSharedMemory.open(name, Access.READ_ONLY)) {
            PermissionDeniedException e = assertThrows(PermissionDeniedException.class, () -> ro.map(0, 4096, Access.READ_WRITE));
            assertEquals("EACCES", e.errnoName());
            assertTrue(e.getMessage().startsWith("mmap(NULL, 4096, PROT_READ|PROT_WRITE, MAP_SHARED, "), e.getMessage());
        }
    }

    @Test
    void mappingMoreAddressSpaceThanExistsIsLimitReached() throws Exception {
        String name = names.shm("huge");
        try (PosixSharedMemory shm = PosixSharedMemory.create(name, 1L << 62)) {
            LimitReachedException e = assertThrows(LimitReachedException.class, shm::map);
            assertEquals("ENOMEM", e.errnoName());
        }
    }

    @Test
    void mapAtAnUnalignedOffsetShowsTheBytesAtThatOffset() throws Exception {
        String name = names.shm("offset");
        try (PosixSharedMemory shm = PosixSharedMemory.create(name, 3 * 4096);
                MappedMemory whole = shm.map();
                MappedMemory part = shm.map(5000, 100, Access.READ_WRITE)) {
            whole.put(5000, (byte) 42);
            assertEquals(42, part.get(0));
            assertEquals(100, part.size());
            assertThrows(IndexOutOfBoundsException.class, () -> part.get(100));
        }
    }

    @Test
    void mapOutsideTheObjectIsAnInvalidArgument() throws Exception {
        String name = names.shm("outside");
        try (PosixSharedMemory shm = PosixSharedMemory.create(name, 4096)) {
            assertThrows(InvalidArgumentException.class, () -> shm.map(0, 4097, Access.READ_WRITE));
            assertThrows(InvalidArgumentException.class, () -> shm.map(-1, 10, Access.READ_WRITE));
        }
    }

    @Test
    void mapOfAnEmptyObjectIsAnInvalidArgument() throws Exception {
        String name = names.shm("empty");
        try (PosixSharedMemory shm = PosixSharedMemory.create(name, 0)) {
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class, shm::map);
            assertTrue(e.getMessage().contains("truncate it to a size first"), e.getMessage());
        }
    }

    @Test
    void truncateChangesTheSize() throws Exception {
        String name = names.shm("truncate");
        try (PosixSharedMemory shm = PosixSharedMemory.create(name, 10)) {
            shm.truncate(8192);
            assertEquals(8192, shm.size());
            assertThrows(InvalidArgumentException.class, () -> shm.truncate(-1));
        }
    }

    @Test
    void setModeChangesThePermissionBits() throws Exception {
        String name = names.shm("chmod");
        try (PosixSharedMemory shm = PosixSharedMemory.create(name, 10)) {
            shm.setMode(0640);
            assertEquals(0640, shm.status().mode());
        }
    }

    @Test
    void statusReportsTheOwner() throws Exception {
        String name = names.shm("owner");
        try (PosixSharedMemory shm = PosixSharedMemory.create(name, 10)) {
            Object uid = Files.getAttribute(Path.of("/dev/shm" + name), "unix:uid");
            assertEquals(uid, shm.status().uid());
        }
    }

    @Test
    void unlinkRemovesTheNameButKeepsTheMappingUsable() throws Exception {
        String name = names.shm("unlink");
        try (PosixSharedMemory shm = PosixSharedMemory.create(name, 4096); MappedMemory m = shm.map()) {
            shm.unlink();
            assertFalse(Files.exists(Path.of("/dev/shm" + name)));
            m.putInt(0, 7);
            assertEquals(7, m.getInt(0));
            assertThrows(NotFoundException.class, () -> PosixSharedMemory.open(name));
            assertThrows(NotFoundException.class, () -> PosixSharedMemory.unlink(name));
        }
    }

    @Test
    void unlinkOnCloseRemovesTheNameTheCreatorMade() throws Exception {
        String name = names.shm("uoc");
        PosixSharedMemory shm = PosixSharedMemory.create(name, 1, CreateOptions.defaults().unlinkOnClose(true));
        try (PosixSharedMemory other = PosixSharedMemory.open(name)) {
            shm.close();
            assertFalse(Files.exists(Path.of("/dev/shm" + name)));
            assertEquals(1, other.size());
        }
    }

    @Test
    void closeKeepsTheNameByDefault() throws Exception {
        String name = names.shm("keep");
        PosixSharedMemory.create(name, 1).close();
        assertTrue(Files.exists(Path.of("/dev/shm" + name)));
    }

    @Test
    void everyCallAfterCloseThrowsClosed() throws Exception {
        String name = names.shm("closed");
        PosixSharedMemory shm = PosixSharedMemory.create(name, 4096);
        shm.close();
        shm.close();
        assertFalse(shm.isOpen());
        assertThrows(ClosedException.class, shm::size);
        assertThrows(ClosedException.class, shm::map);
        assertThrows(ClosedException.class, () -> shm.truncate(1));
        assertThrows(ClosedException.class, () -> shm.setMode(0600));
    }

    @Test
    void mappingOutlivesTheHandle() throws Exception {
        String name = names.shm("outlive");
        MappedMemory m;
        try (PosixSharedMemory shm = PosixSharedMemory.create(name, 4096)) {
            m = shm.map();
        }
        try (m) {
            m.putLong(8, 99);
            assertEquals(99, m.getLong(8));
        }
    }

    @Test
    void invalidNamesAreRejectedBeforeAnyCall() {
        for (String bad : new String[] {"noslash", "/", "/a/b", "/.", "/..", "/nul\0x", "", "/" + "x".repeat(256)}) {
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                    () -> PosixSharedMemory.create(bad, 1), bad);
            assertEquals(0, e.errno(), "no system call was made for " + bad);
        }
        assertThrows(InvalidArgumentException.class, () -> PosixSharedMemory.open(null));
    }

    @Test
    void aNameOf255BytesAfterTheSlashIsAccepted() throws Exception {
        String name = names.shm("x");
        String longName = name + "y".repeat(255 - name.length() + 1);
        assertEquals(256, longName.length());
        try (PosixSharedMemory shm = PosixSharedMemory.create(longName, 1)) {
            assertTrue(shm.created());
        } finally {
            PosixSharedMemory.unlink(longName);
        }
    }

    @Test
    void negativeSizeIsAnInvalidArgument() {
        assertThrows(InvalidArgumentException.class, () -> PosixSharedMemory.create(names.shm("neg"), -1));
    }

    @Test
    void bulkCopiesRoundTrip() throws Exception {
        String name = names.shm("bulk");
        try (PosixSharedMemory shm = PosixSharedMemory.create(name, 8192); MappedMemory m = shm.map()) {
            byte[] data = new byte[3000];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i * 31);
            }
            m.put(4000, data, 0, data.length);
            byte[] back = new byte[data.length];
            m.get(4000, back, 0, back.length);
            assertArrayEquals(data, back);
            java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(3000);
            m.get(4000, direct);
            assertEquals(3000, direct.position());
            direct.flip();
            m.put(100, direct);
            assertEquals(data[2999], m.get(100 + 2999));
        }
    }

    @Test
    void aLentDescriptorStaysOpenUntilReleasedEvenWhenTheOwnerClosesMeanwhile() throws Exception {
        String name = names.shm("lend");
        PosixSharedMemory shm = PosixSharedMemory.create(name, 4096);
        int fd = shm.acquireDescriptor();
        Path link = Path.of("/proc/self/fd/" + fd);
        shm.close();
        assertEquals(Path.of("/dev/shm" + name), Files.readSymbolicLink(link));
        shm.releaseDescriptor();
        assertFalse(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void acquiringTheDescriptorOfAClosedObjectThrowsClosed() throws Exception {
        PosixSharedMemory shm = PosixSharedMemory.create(names.shm("lendclosed"), 4096);
        shm.close();
        assertThrows(ClosedException.class, shm::acquireDescriptor);
    }
}
