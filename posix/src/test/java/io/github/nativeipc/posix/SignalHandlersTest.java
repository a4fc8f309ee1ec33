package io.github.nativeipc.posix;

import static io.github.nativeipc.bindings.PosixConstants.SIGACTION_HANDLER_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.SIZEOF_SIGACTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.error.InvalidArgumentException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Java handlers for signals this JVM receives. Signals come from the kernel for real ({@code kill}
 * on this process); what the kernel's disposition is comes from {@code sigaction}; the cases that
 * need a fresh JVM (restoring the default, nohup, -Xrs) run {@link SignalHandlersChild} in one.
 */
class SignalHandlersTest {
    private static final long PID = ProcessHandle.current().pid();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static long disposition(Signal s) {
        ByteBuffer old = Native.scratch(SIZEOF_SIGACTION);
        assertEquals(0, Native.libc().sigaction(s.number(), 0L, Native.address(old)));
        return old.getLong(SIGACTION_HANDLER_OFFSET);
    }

    @Test
    void aHandlerRunsOnAJavaThreadOtherThanTheCallersWhenTheSignalArrives() throws Exception {
        LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();
        try (SignalHandlers.Registration r = SignalHandlers.handle(Signal.USR1, s -> seen.add(s.signalName() + " on " + Thread.currentThread().getName()))) {
            Signals.send(PID, Signal.USR1);
            String event = seen.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals("SIGUSR1 on SIGUSR1 handler", event);
            assertNotEquals(Thread.currentThread().getName(), event);
        }
    }

    @Test
    void everyRegistrationForASignalRunsInTheOrderTheyWereMade() throws Exception {
        LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();
        try (SignalHandlers.Registration a = SignalHandlers.handle(Signal.USR1, s -> seen.add("a"));
                SignalHandlers.Registration b = SignalHandlers.handle(Signal.USR1, s -> seen.add("b"))) {
            Signals.send(PID, Signal.USR1);
            assertEquals("a", seen.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            assertEquals("b", seen.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void aHandlerThatThrowsDoesNotStopTheNextOneAndItsExceptionGoesToTheUncaughtExceptionHandler() throws Exception {
        CountDownLatch second = new CountDownLatch(1);
        LinkedBlockingQueue<Throwable> uncaught = new LinkedBlockingQueue<>();
        Thread.UncaughtExceptionHandler saved = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        try (SignalHandlers.Registration a = SignalHandlers.handle(Signal.WINCH, s -> {
                    throw new IllegalStateException("deliberate, from the test");
                });
                SignalHandlers.Registration b = SignalHandlers.handle(Signal.WINCH, s -> second.countDown())) {
            Signals.send(PID, Signal.WINCH);
            assertTrue(second.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            assertEquals("deliberate, from the test", uncaught.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).getMessage());
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(saved);
        }
    }

    @Test
    void aClosedRegistrationIsNotCalledWhileAnotherKeepsTheSignalHandled() throws Exception {
        LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();
        try (SignalHandlers.Registration kept = SignalHandlers.handle(Signal.USR1, s -> seen.add("kept"))) {
            SignalHandlers.Registration closed = SignalHandlers.handle(Signal.USR1, s -> seen.add("closed"));
            closed.close();
            closed.close();   // idempotent
            Signals.send(PID, Signal.USR1);
            assertEquals("kept", seen.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            Thread.sleep(200);
            assertEquals(List.of(), new ArrayList<>(seen));
        }
    }

    @Test
    void closingTheLastRegistrationPutsBackTheKernelDispositionThatWasThere() throws Exception {
        // Not HUP, INT or TERM here: this JVM may have inherited them ignored (a child JVM checks those).
        for (Signal s : List.of(Signal.USR1, Signal.CHLD, Signal.WINCH)) {
            long before = disposition(s);
            try (SignalHandlers.Registration r = SignalHandlers.handle(s, x -> {})) {
                long during = disposition(s);
                assertTrue(during != 0 && during != 1, s + ": a handler is installed, not SIG_DFL/SIG_IGN: " + during);
            }
            assertEquals(before, disposition(s), s + ": the previous handler is back");
        }
    }

    @Test
    void signalsTheJvmOrTheKernelNeedAreRefusedNamingWhy() {
        for (Signal s : List.of(Signal.SEGV, Signal.BUS, Signal.FPE, Signal.ILL, Signal.QUIT, Signal.USR2, Signal.KILL, Signal.STOP)) {
            long before = disposition(s);
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> SignalHandlers.handle(s, x -> {}), s.toString());
            assertTrue(e.getMessage().contains(s.signalName()), e.getMessage());
            assertEquals(SignalHandlers.whyReserved(s).orElseThrow(), e.osMessage(), e.getMessage());
            assertEquals(before, disposition(s), s + ": nothing was touched");
        }
        assertTrue(SignalHandlers.whyReserved(Signal.SEGV).orElseThrow().contains("null checks"));
        assertTrue(SignalHandlers.whyReserved(Signal.USR2).orElseThrow().contains("suspends and resumes"));
        assertEquals(Optional.empty(), SignalHandlers.whyReserved(Signal.TERM));
    }

    // ---------------------------------------------------------------- in a fresh JVM

    private static String runChild(List<String> prefix, List<String> jvmOptions, String... args) throws Exception {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SignalHandlersChild.class.getName()));
        command.addAll(List.of(args));
        try (MemFd out = MemFd.create("child-out", 0);
                ChildProcess child = ChildProcess.builder(command).descriptor(1, out).descriptor(2, out).start()) {
            ExitStatus status = child.waitFor(TIMEOUT).orElseThrow(() -> new AssertionError("child JVM still running"));
            return status + ": " + ChildProcessTest.text(out).strip();
        }
    }

    @Test
    void afterTheLastRegistrationClosesTheSignalDoesWhatItDidBefore() throws Exception {
        // SIGUSR1's default action ends the process: the handler is gone, the default is back.
        assertEquals("signal SIGUSR1: registered and closed", runChild(List.of(), List.of(), "closed-then-signalled"));
    }

    @Test
    void aSignalTheProcessInheritedAsIgnoredIsRefusedBecauseHotSpotKeepsTheIgnore() throws Exception {
        String result = runChild(List.of("/usr/bin/nohup"), List.of(), "try", "HUP");
        assertTrue(result.startsWith("exit 0: InvalidArgumentException"), result);
        assertTrue(result.contains("SIGHUP is ignored in this process"), result);
    }

    @Test
    void aShutdownSignalIsRefusedUnderXrs() throws Exception {
        String result = runChild(List.of(), List.of("-Xrs"), "try", "TERM");
        assertTrue(result.startsWith("exit 0: InvalidArgumentException"), result);
        assertTrue(result.contains("-Xrs"), result);
    }

    @Test
    void handlingTermKeepsTheJvmAliveUntilTheHandlerDecides() throws Exception {
        assertEquals("exit 0: handled SIGTERM, still running", runChild(List.of(), List.of(), "term-handled"));
    }
}
