package io.github.nativeipc.cli;

import static io.github.nativeipc.cli.Cli.c;
import static io.github.nativeipc.cli.Cli.nipc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.posix.NamedSemaphore;
import io.github.nativeipc.posix.TestNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SemCommandTest {
    private final TestNames names = new TestNames();

    @AfterEach
    void cleanUp() throws Exception {
        names.close();
    }

    @Test
    void postsWaitsAndReadsASemaphoreACProgramMade() throws Exception {
        String name = names.sem("c");
        c("sem-create", name, "1");
        assertEquals("1\n", nipc("sem", "value", name).ok());
        nipc("sem", "post", name).ok();
        assertEquals("2\n", c("sem-value", name));
        nipc("sem", "wait", name).ok();
        nipc("sem", "wait", name, "--timeout", "1s").ok();
        assertEquals("0\n", c("sem-value", name));
    }

    @Test
    void createsASemaphoreACProgramSees() throws Exception {
        String name = names.sem("nipc");
        nipc("sem", "create", name, "--value", "3", "--mode", "0640").ok();
        assertEquals("3\n", c("sem-value", name));
        try (NamedSemaphore s = NamedSemaphore.open(name)) {
            assertEquals(3, s.value());
        }
        assertTrue(nipc("sem", "create", name).fails(4).contains("EEXIST"));
    }

    @Test
    void waitingOnZeroTimesOut() throws Exception {
        String name = names.sem("zero");
        nipc("sem", "create", name).ok();
        assertTrue(nipc("sem", "wait", name, "--timeout", "0").fails(6).contains("value is 0"));
        assertTrue(nipc("sem", "wait", name, "--timeout", "30ms").fails(6).contains("timed out"));
    }

    @Test
    void removesAndReportsNotFound() throws Exception {
        String name = names.sem("rm");
        c("sem-create", name, "0");
        nipc("sem", "rm", name).ok();
        assertTrue(nipc("sem", "rm", name).fails(3).contains("sem_unlink"));
        nipc("sem", "post", name).fails(3);
        nipc("sem", "value", name).fails(3);
    }

    @Test
    void badInputIsAUsageError() throws Exception {
        String name = names.sem("bad");
        nipc("sem", "post").fails(2);
        nipc("sem", "create", name, "--value", "-1").fails(2);
        nipc("sem", "wait", name, "--timeout", "2 s").fails(2);
        nipc("sem", "wait", name, "--timeout").fails(2);
        nipc("sem", "value", name, "--json").fails(2);
    }
}
