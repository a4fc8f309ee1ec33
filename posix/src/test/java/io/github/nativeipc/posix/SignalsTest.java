package io.github.nativeipc.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.bindings.Platform;
import io.github.nativeipc.error.InvalidArgumentException;
import io.github.nativeipc.error.NotFoundException;
import io.github.nativeipc.error.PermissionDeniedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import jnr.ffi.LibraryLoader;
import org.junit.jupiter.api.Test;

class SignalsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Test
    void signalsAreNamedAndNumberedAsOnLinux() {
        assertEquals(1, Signal.HUP.number());
        assertEquals(10, Signal.USR1.number());
        assertEquals(30, Signal.USR1.darwinNumber());
        assertEquals(Signal.TERM, Signal.named("SIGTERM"));
        assertEquals(Signal.TERM, Signal.named("term"));
        assertEquals(Signal.IO, Signal.named("POLL"));
        assertEquals(Optional.of(Signal.CHLD), Signal.of(17));
        assertFalse(Signal.EMT.isAvailable(), "macOS only");
        assertThrows(IllegalStateException.class, Signal.INFO::number);
        assertThrows(IllegalArgumentException.class, () -> Signal.named("SIGNOPE"));
    }

    @Test
    void realTimeSignalsAreCountedFromTheCLibrarysSigrtmin() {
        assertTrue(RealTimeSignal.min() >= 32 && RealTimeSignal.max() <= 64, RealTimeSignal.min() + ".." + RealTimeSignal.max());
        RealTimeSignal rt = RealTimeSignal.of(3);
        assertEquals(RealTimeSignal.min() + 3, rt.number());
        assertEquals("SIGRTMIN+3", rt.signalName());
        assertEquals(Optional.of(rt), AnySignal.of(RealTimeSignal.min() + 3));
        assertThrows(IllegalArgumentException.class, () -> RealTimeSignal.of(RealTimeSignal.max() - RealTimeSignal.min() + 1));
        assertThrows(IllegalArgumentException.class, () -> RealTimeSignal.of(-1));
        assertEquals(RealTimeSignal.max() - 2, RealTimeSignal.reservedByRuntime().number());
    }

    @Test
    void signalsAreParsedFromNamesRealTimeOffsetsAndNumbers() {
        assertEquals(Signal.USR1, AnySignal.parse("usr1"));
        assertEquals(Signal.USR1, AnySignal.parse("SIGUSR1"));
        assertEquals(Signal.USR1, AnySignal.parse("10"));
        assertEquals(RealTimeSignal.of(0), AnySignal.parse("RTMIN"));
        assertEquals(RealTimeSignal.of(3), AnySignal.parse("SIGRTMIN+3"));
        assertEquals(RealTimeSignal.max() - 1, AnySignal.parse("RTMAX-1").number());
        assertEquals(RealTimeSignal.of(2), AnySignal.parse(String.valueOf(RealTimeSignal.min() + 2)));
        for (String bad : List.of("SIGNOPE", "0", "65", "RTMAX+1", "RTMIN-1", "RTMIN+x", "99999999999", "EMT")) {
            assertThrows(IllegalArgumentException.class, () -> AnySignal.parse(bad), bad);
        }
    }

    @Test
    void aSignalSentToAChildEndsItAndItsStatusNamesTheSignal() throws Exception {
        try (ChildProcess child = ChildProcess.builder("/bin/sleep", "30").start()) {
            Signals.send(child.pid(), Signal.TERM);
            ExitStatus s = child.waitFor(TIMEOUT).orElseThrow();
            assertEquals(Optional.of(Signal.TERM), s.signal());
            assertEquals("signal SIGTERM", s.toString());
        }
    }

    @Test
    void aSignalToAProcessGroupReachesEveryMember() throws Exception {
        List<ChildProcess> children = new ArrayList<>();
        try {
            ChildProcess leader = ChildProcess.builder("/bin/sleep", "30").newProcessGroup().start();
            children.add(leader);
            for (int i = 0; i < 2; i++) {
                children.add(ChildProcess.builder("/bin/sleep", "30").processGroup(leader.pid()).start());
            }
            Signals.sendToGroup(leader.pid(), Signal.INT);
            for (ChildProcess c : children) {
                assertEquals(Optional.of(Signal.INT), c.waitFor(TIMEOUT).orElseThrow().signal(), "pid " + c.pid());
            }
        } finally {
            for (ChildProcess c : children) {
                if (c.isAlive()) {
                    c.sendSignal(Signal.KILL);
                    c.waitFor();
                }
                c.close();
            }
        }
    }

    @Test
    void existsIsTrueForThisProcessAndFalseForOneThatEnded() throws Exception {
        assertTrue(Signals.exists(ProcessHandle.current().pid()));
        long pid;
        try (ChildProcess child = ChildProcess.builder("/bin/true").start()) {
            pid = child.pid();
            child.waitFor();
        }
        assertFalse(Signals.exists(pid));
    }

    @Test
    void aSignalToAPidThatDoesNotExistIsNotFound() throws Exception {
        long pid;
        try (ChildProcess child = ChildProcess.builder("/bin/true").start()) {
            pid = child.pid();
            child.waitFor();
        }
        NotFoundException e = assertThrows(NotFoundException.class, () -> Signals.send(pid, Signal.TERM));
        assertEquals("ESRCH", e.errnoName());
        assertEquals("kill(" + pid + ", SIGTERM): ESRCH (3) No such process", e.getMessage());
    }

    @Test
    void aPidThatIsNotPositiveIsRefusedBeforeAnyCall() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Signals.send(0, Signal.TERM));
        assertTrue(e.getMessage().contains("process groups"), e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> Signals.queue(-5, Signal.USR1, 1));
    }

    /** Test-only: setresuid as a raw system call changes the calling thread's credentials alone (glibc's changes all threads). */
    public interface RawSyscall {
        long syscall(long number, long a, long b, long c);

        int geteuid();
    }

    @Test
    void signallingPid1AsAnotherUserIsPermissionDenied() throws Exception {
        RawSyscall raw = LibraryLoader.create(RawSyscall.class).load("c");
        long setresuid = Platform.current() == Platform.LINUX_AARCH64 ? 147 : 117;
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            boolean root = raw.geteuid() == 0;
            if (root && raw.syscall(setresuid, 65534, 65534, 0) != 0) {   // saved uid 0: this thread can come back
                thrown.set(new AssertionError("setresuid failed"));
                return;
            }
            try {
                Signals.send(1, Signal.TERM);
                thrown.set(new AssertionError("pid 1 accepted a signal from another user"));
            } catch (Throwable e) {
                thrown.set(e);
            } finally {
                if (root) {
                    raw.syscall(setresuid, 0, 0, 0);
                }
            }
        });
        t.start();
        t.join();
        PermissionDeniedException e = assertThrows(PermissionDeniedException.class, () -> {
            throw thrown.get();
        });
        assertEquals("EPERM", e.errnoName());
        assertEquals("kill(1, SIGTERM): EPERM (1) Operation not permitted", e.getMessage());
    }
}
