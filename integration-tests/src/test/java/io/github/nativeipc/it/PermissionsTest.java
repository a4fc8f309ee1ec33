package io.github.nativeipc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.error.PermissionDeniedException;
import io.github.nativeipc.posix.BindOptions;
import io.github.nativeipc.posix.CreateOptions;
import io.github.nativeipc.posix.NamedSemaphore;
import io.github.nativeipc.posix.PosixSharedMemory;
import io.github.nativeipc.posix.UnixServerSocketChannel;
import io.github.nativeipc.posix.UnixSocketAddress;
import io.github.nativeipc.posix.UnixSocketChannel;
import io.github.nativeipc.posix.UnixSocketType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import jnr.ffi.LibraryLoader;
import io.github.nativeipc.posix.TestNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Objects are created {@code 0600}: another user is refused with {@link PermissionDeniedException}
 * naming EACCES. As root the "other user" is this test thread with its filesystem uid switched
 * to nobody ({@code setfsuid} acts on the calling thread only and drops the root overrides for
 * file access); otherwise an object with mode {@code 0000} refuses even its owner.
 */
class PermissionsTest {
    /** Test-only: the per-thread credential call, not part of the library. */
    public interface FsIds {
        int setfsuid(int uid);

        int geteuid();
    }

    private static final FsIds IDS = LibraryLoader.create(FsIds.class).load("c");
    private static final int NOBODY = 65534;
    private final TestNames names = new TestNames();

    @AfterEach
    void cleanUp() throws Exception {
        names.close();
    }

    private interface Attempt {
        void run() throws Exception;
    }

    /** Runs {@code attempt} as another user would. */
    private static void asAnotherUser(Attempt attempt) throws Exception {
        if (IDS.geteuid() != 0) {
            attempt.run();
            return;
        }
        int previous = IDS.setfsuid(NOBODY);
        try {
            assertEquals(NOBODY, IDS.setfsuid(-1), "setfsuid took effect on this thread");
            attempt.run();
        } finally {
            IDS.setfsuid(previous);
        }
    }

    private static CreateOptions refusing() {
        // For a non-root run: mode 0000 refuses the owner too. As root: the default 0600.
        return IDS.geteuid() == 0 ? CreateOptions.defaults() : CreateOptions.defaults().mode(0);
    }

    @Test
    void anotherUserCannotOpenSharedMemoryCreatedWithTheDefaultMode() throws Exception {
        String name = names.shm("perm");
        try (PosixSharedMemory shm = PosixSharedMemory.create(name, 4096, refusing())) {
            asAnotherUser(() -> {
                PermissionDeniedException e = assertThrows(PermissionDeniedException.class, () -> PosixSharedMemory.open(name));
                assertEquals("EACCES", e.errnoName());
                assertEquals("shm_open(\"" + name + "\", O_RDWR, 00): EACCES (13) Permission denied", e.getMessage());
            });
        }
    }

    @Test
    void anotherUserCannotOpenASemaphoreCreatedWithTheDefaultMode() throws Exception {
        String name = names.sem("perm");
        try (NamedSemaphore s = NamedSemaphore.create(name, 0, refusing())) {
            asAnotherUser(() -> {
                PermissionDeniedException e = assertThrows(PermissionDeniedException.class, () -> NamedSemaphore.open(name));
                assertEquals(13, e.errno());
            });
        }
    }

    @Test
    void anotherUserCannotConnectToASocketServerCreatedWithTheDefaultMode(@TempDir Path dir)
            throws Exception {
        // The directory lets anyone through, so only the socket file's own mode decides.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        UnixSocketAddress closed = UnixSocketAddress.of(dir.resolve("private.sock"));
        UnixSocketAddress open = UnixSocketAddress.of(dir.resolve("shared.sock"));
        BindOptions refusingSocket = IDS.geteuid() == 0
                ? BindOptions.defaults() : BindOptions.defaults().mode(0);
        try (UnixServerSocketChannel server = UnixServerSocketChannel.bind(closed,
                UnixSocketType.STREAM, refusingSocket);
                UnixServerSocketChannel everyone = UnixServerSocketChannel.bind(open,
                        UnixSocketType.STREAM, BindOptions.defaults().mode(0666))) {
            asAnotherUser(() -> {
                PermissionDeniedException e = assertThrows(PermissionDeniedException.class,
                        () -> UnixSocketChannel.connect(closed));
                assertEquals("EACCES", e.errnoName());
                assertTrue(e.getMessage().contains("write permission"), e.getMessage());
                UnixSocketChannel.connect(open).close();   // the same user may reach a 0666 socket
            });
        }
    }
}
