package io.github.nativeipc.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.error.ClosedException;
import io.github.nativeipc.error.InvalidArgumentException;
import io.github.nativeipc.error.NotFoundException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PidFdTest {

    @Test
    void thisKernelHasPidfds() {
        assertTrue(PidFd.isSupported(), "Linux 5.3+ expected on the test machines");
    }

    @Test
    void aPidfdOfAProcessThatIsNotAChildSeesItsExit() throws Exception {
        // sleep is started by the JDK here: the pidfd does not need to be the parent's.
        Process p = new ProcessBuilder("/bin/sleep", "0.3").start();
        try (PidFd fd = PidFd.open(p.pid())) {
            assertFalse(fd.hasExited());
            assertTrue(fd.awaitExit(Duration.ofSeconds(20)));
            assertTrue(fd.hasExited());
        }
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
    }

    @Test
    void aSignalThroughThePidfdReachesTheProcess() throws Exception {
        Process p = new ProcessBuilder("/bin/sleep", "30").start();
        try (PidFd fd = PidFd.open(p.pid())) {
            fd.sendSignal(0);
            fd.sendSignal(15);
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            assertEquals(143, p.exitValue());
        }
    }

    @Test
    void aSignalToAnExitedProcessIsNotFoundEvenIfThePidWereReused() throws Exception {
        Process p = new ProcessBuilder("/bin/sleep", "0.2").start();
        try (PidFd fd = PidFd.open(p.pid())) {
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));   // reaped: the pid is free for reuse now
            NotFoundException e = assertThrows(NotFoundException.class, () -> fd.sendSignal(15));
            assertEquals("ESRCH", e.errnoName());
        }
    }

    @Test
    void onExitCompletesOnThePollThread() throws Exception {
        Process p = new ProcessBuilder("/bin/sleep", "0.2").start();
        try (PidFd fd = PidFd.open(p.pid())) {
            String[] thread = new String[1];
            fd.onExit().thenRun(() -> thread[0] = Thread.currentThread().getName()).get(20, TimeUnit.SECONDS);
            assertEquals("nipc-poller", thread[0]);
        }
        p.waitFor();
    }

    @Test
    void openingAPidThatDoesNotExistIsNotFound() {
        assertThrows(NotFoundException.class, () -> PidFd.open(Integer.MAX_VALUE - 1));
    }

    @Test
    void aNonPositivePidIsRefusedBeforeAnyCall() {
        assertThrows(InvalidArgumentException.class, () -> PidFd.open(0));
    }

    @Test
    void aClosedPidfdRefusesCalls() throws Exception {
        PidFd fd = PidFd.open(ProcessHandle.current().pid());
        fd.close();
        assertThrows(ClosedException.class, () -> fd.sendSignal(0));
    }
}
