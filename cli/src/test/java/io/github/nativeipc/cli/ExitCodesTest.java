package io.github.nativeipc.cli;

import static io.github.nativeipc.cli.Cli.nipc;
import static io.github.nativeipc.cli.Cli.nipcProcess;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.posix.CreateOptions;
import io.github.nativeipc.posix.PosixSharedMemory;
import io.github.nativeipc.posix.TestNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Every exit status, in this JVM and from a real process (System.exit), and the help that documents them. */
class ExitCodesTest {
    private final TestNames names = new TestNames();
    private Path directory;

    @AfterEach
    void cleanUp() throws Exception {
        if (directory != null) {
            Files.deleteIfExists(directory);
        }
        names.close();
    }

    @Test
    void helpListsEveryExitStatus() {
        String help = nipc("--help").ok();
        for (ExitCode c : ExitCode.values()) {
            assertTrue(help.contains("  " + c.code() + "  " + c.meaning()), c.toString());
        }
        assertTrue(help.contains("nipc fifo send PATH"), "fifo commands are listed");
        assertTrue(help.contains("nipc signal send"), "signal commands are listed");
        assertTrue(help.contains("nipc socket send ADDR"), "socket commands are listed");
        assertEquals(help, nipc("shm", "--help").ok());
        nipc().fails(2);
        nipc("bogus").fails(2);
        assertTrue(nipc("socket", "listen", "/tmp/x").fails(2).contains("listen"));
    }

    @Test
    void eachClassOfErrorHasItsStatus() throws Exception {
        String name = names.shm("codes");
        String sem = names.sem("codes");
        String mq = names.mq("codes");
        assertEquals(0, nipc("shm", "create", name, "--size", "8").code());
        assertEquals(2, nipc("shm", "create", name, "--size", "x").code());
        assertEquals(3, nipc("shm", "stat", name + "-missing").code());
        assertEquals(4, nipc("shm", "create", name, "--size", "8").code());
        nipc("sem", "create", sem).ok();
        assertEquals(6, nipc("sem", "wait", sem, "--timeout", "0").code());
        nipc("mq", "create", mq, "--max-messages", "1", "--message-size", "1").ok();
        assertEquals(7, nipc("mq", "send", mq, "xx").code());
    }

    @Test
    void anOsErrorWithoutAClassExitsWithOne() throws Exception {
        // glibc's shm_open passes O_NOFOLLOW: a symbolic link in /dev/shm gives ELOOP, which has no class.
        String name = names.shm("link");
        directory = Path.of("/dev/shm", name.substring(1));
        Files.createSymbolicLink(directory, Path.of("/dev/null"));
        String err = nipc("shm", "write", name, "x").fails(1);
        assertTrue(err.contains("shm_open") && err.contains("40"), err);
    }

    @Test
    void permissionDeniedExitsWithFive() throws Exception {
        String name = names.shm("denied");
        PosixSharedMemory.create(name, 8, CreateOptions.defaults().mode(0)).close();
        if (Cli.uid() != 0) {
            assertTrue(nipc("shm", "read", name).fails(5).contains("EACCES"));
            return;
        }
        // root passes permission checks through CAP_DAC_OVERRIDE: run nipc without any capability.
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) is not installed");
        Cli.Result r = nipcProcess(List.of("/usr/bin/setpriv", "--bounding-set=-all"), new byte[0], "shm", "read", name);
        assertTrue(r.fails(5).contains("EACCES"), r.err());
    }

    @Test
    void aRealProcessExitsWithTheStatusAndTakesBinaryStandardInput() throws Exception {
        String name = names.shm("process");
        byte[] data = {0, (byte) 0xff, 10, 13, 26, 'x'};
        assertEquals(0, nipcProcess(List.of(), new byte[0], "shm", "create", name, "--size", "6").code());
        assertEquals(0, nipcProcess(List.of(), data, "shm", "write", name, "-").code());
        Cli.Result read = nipcProcess(List.of(), new byte[0], "shm", "read", name, "--format", "raw");
        assertEquals(0, read.code(), read.err());
        assertArrayEquals(data, read.stdout());
        nipcProcess(List.of(), new byte[0], "sem", "wait", name, "--timeout", "later").fails(2);
        nipcProcess(List.of(), new byte[0], "shm", "rm", name + "-missing").fails(3);
    }
}
