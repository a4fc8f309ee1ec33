package io.github.nativeipc.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.error.AlreadyExistsException;
import io.github.nativeipc.error.InvalidArgumentException;
import io.github.nativeipc.error.LimitReachedException;
import io.github.nativeipc.error.NotFoundException;
import io.github.nativeipc.memory.MappedMemory;
import java.nio.ReadOnlyBufferException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SysVSharedMemoryTest {
    private final TestNames names = new TestNames();

    @AfterEach
    void cleanUp() throws Exception {
        names.close();
    }

    @Test
    void createMakesASegmentOfTheSizeWithMode0600() throws Exception {
        SysVKey key = names.sysvKey();
        try (SysVSharedMemory shm = SysVSharedMemory.create(key, 10_000)) {
            SysVSharedMemoryStatus s = shm.status();
            assertEquals(10_000, s.size());
            assertEquals(0600, s.permissions().mode());
            assertEquals(key, s.permissions().key());
            assertEquals(ProcessHandle.current().pid(), s.creatorPid());
            assertEquals(0, s.attachCount());
        }
    }

    @Test
    void createFailsWithAlreadyExistsAndOpenWithNotFound() throws Exception {
        SysVKey key = names.sysvKey();
        assertThrows(NotFoundException.class, () -> SysVSharedMemory.open(key));
        try (SysVSharedMemory shm = SysVSharedMemory.create(key, 4096)) {
            AlreadyExistsException e = assertThrows(AlreadyExistsException.class, () -> SysVSharedMemory.create(key, 4096));
            assertEquals("shmget(" + key + ", 4096, IPC_CREAT|IPC_EXCL|0600): EEXIST (17) File exists", e.getMessage());
            assertEquals(shm.id(), SysVSharedMemory.open(key).id());
        }
    }

    @Test
    void openOrCreateCreatesOnceThenOpens() throws Exception {
        SysVKey key = names.sysvKey();
        try (SysVSharedMemory a = SysVSharedMemory.openOrCreate(key, 4096, CreateOptions.defaults());
                SysVSharedMemory b = SysVSharedMemory.openOrCreate(key, 4096, CreateOptions.defaults())) {
            assertTrue(a.created());
            assertFalse(b.created());
            assertEquals(a.id(), b.id());
        }
    }

    @Test
    void privateKeysAlwaysCreateNewSegments() throws Exception {
        try (SysVSharedMemory a = SysVSharedMemory.create(SysVKey.PRIVATE, 4096);
                SysVSharedMemory b = SysVSharedMemory.create(SysVKey.PRIVATE, 4096)) {
            assertNotEquals(a.id(), b.id());
            assertThrows(InvalidArgumentException.class, () -> SysVSharedMemory.open(SysVKey.PRIVATE));
            a.remove();
            b.remove();
        }
    }

    @Test
    void twoAttachesShareTheBytesAndCountAsAttaches() throws Exception {
        SysVKey key = names.sysvKey();
        try (SysVSharedMemory shm = SysVSharedMemory.create(key, 8192);
                MappedMemory a = shm.attach();
                MappedMemory b = SysVSharedMemory.byId(shm.id()).attach()) {
            a.setLongRelease(4096, 77);
            assertEquals(77, b.getLongAcquire(4096));
            assertEquals(2, shm.status().attachCount());
            assertNotNull(shm.status().lastAttach());
        }
    }

    @Test
    void closingTheViewDetaches() throws Exception {
        try (SysVSharedMemory shm = SysVSharedMemory.create(names.sysvKey(), 4096)) {
            MappedMemory m = shm.attach();
            assertEquals(1, shm.status().attachCount());
            m.close();
            assertEquals(0, shm.status().attachCount());
        }
    }

    @Test
    void readOnlyAttachesRefuseWrites() throws Exception {
        try (SysVSharedMemory shm = SysVSharedMemory.create(names.sysvKey(), 4096); MappedMemory m = shm.attach(Access.READ_ONLY)) {
            assertTrue(m.isReadOnly());
            assertThrows(ReadOnlyBufferException.class, () -> m.putInt(0, 1));
            assertEquals(0, m.getInt(0));
        }
    }

    @Test
    void removeDestroysTheSegmentAfterTheLastDetach() throws Exception {
        SysVKey key = names.sysvKey();
        SysVSharedMemory shm = SysVSharedMemory.create(key, 4096);
        try (MappedMemory m = shm.attach()) {
            shm.remove();
            m.putInt(0, 5);   // still attached: still usable
            assertEquals(5, m.getInt(0));
            assertThrows(NotFoundException.class, () -> SysVSharedMemory.open(key), "the key is free at once");
        }
        assertThrows(io.github.nativeipc.error.IpcException.class, shm::status);
    }

    @Test
    void removeOnCloseRemovesWhatThisProcessCreated() throws Exception {
        SysVKey key = names.sysvKey();
        SysVSharedMemory.create(key, 4096, CreateOptions.defaults().unlinkOnClose(true)).close();
        assertThrows(NotFoundException.class, () -> SysVSharedMemory.open(key));
    }

    @Test
    void setModeChangesThePermissionBits() throws Exception {
        try (SysVSharedMemory shm = SysVSharedMemory.create(names.sysvKey(), 4096, CreateOptions.defaults().mode(0640))) {
            assertEquals(0640, shm.status().permissions().mode());
            shm.setMode(0600);
            assertEquals(0600, shm.status().permissions().mode());
        }
    }

    @Test
    void aSizeBeyondWhatTheSystemAllowsIsLimitReachedNamingTheLimit() {
        assertThrows(InvalidArgumentException.class, () -> SysVSharedMemory.create(names.sysvKey(), 0));
        // Modern kernels set shmmax and shmall near 2^64: the memory for the segment is what runs out.
        LimitReachedException e = assertThrows(LimitReachedException.class,
                () -> SysVSharedMemory.create(names.sysvKey(), Long.MAX_VALUE));
        assertEquals("ENOMEM", e.errnoName());
        assertTrue(e.getMessage().contains("no memory for a segment of this size"), e.getMessage());
    }

    @Test
    void anIdThatNamesNothingIsNotFound() throws Exception {
        SysVSharedMemory shm = SysVSharedMemory.create(SysVKey.PRIVATE, 4096);
        int id = shm.id();
        shm.remove();
        NotFoundException e = assertThrows(NotFoundException.class, () -> SysVSharedMemory.byId(id));
        assertTrue(e.getMessage().contains("no System V object has this id"), e.getMessage());
    }

    @Test
    void ftokGivesTheSameKeyForTheSameFileAndId() throws Exception {
        Path file = Files.createTempFile("nipc-ftok", ".key");
        try {
            assertEquals(SysVKey.ftok(file, 'A'), SysVKey.ftok(file, 'A'));
            assertNotEquals(SysVKey.ftok(file, 'A'), SysVKey.ftok(file, 'B'));
            assertThrows(NotFoundException.class, () -> SysVKey.ftok(Path.of("/nonexistent/nipc"), 1));
            assertThrows(InvalidArgumentException.class, () -> SysVKey.ftok(file, 0x100));
        } finally {
            Files.delete(file);
        }
    }
}
