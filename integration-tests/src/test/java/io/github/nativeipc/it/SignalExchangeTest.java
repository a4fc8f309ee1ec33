package io.github.nativeipc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.nativeipc.demo.CPeer;
import io.github.nativeipc.posix.AnonymousPipe;
import io.github.nativeipc.posix.ChildProcess;
import io.github.nativeipc.posix.ExitStatus;
import io.github.nativeipc.posix.PipeSource;
import io.github.nativeipc.posix.RealTimeSignal;
import io.github.nativeipc.posix.Signal;
import io.github.nativeipc.posix.SignalHandlers;
import io.github.nativeipc.posix.Signals;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Signals between Java and C processes: from Java to a C process in sigtimedwait, with what
 * siginfo_t says about them; from a C process to Java handlers.
 */
class SignalExchangeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long JAVA_PID = ProcessHandle.current().pid();

    @Test
    void sigqueueWithValue42IsReceivedWithThatValueAndTheSendersPid() throws Exception {
        try (CPeer peer = CPeer.start("signal_peer", "wait", String.valueOf(Signal.USR1.number()), "1")) {
            assertEquals("ready", peer.nextLine(TIMEOUT));
            Signals.queue(peer.pid(), Signal.USR1, 42);
            assertEquals(List.of("signal " + Signal.USR1.number() + " value 42 code SI_QUEUE pid " + JAVA_PID),
                    peer.awaitSuccess(TIMEOUT));
        }
    }

    @Test
    void realTimeSignalsQueueEveryOneInOrder() throws Exception {
        RealTimeSignal rt = RealTimeSignal.of(1);
        try (CPeer peer = CPeer.start("signal_peer", "wait", String.valueOf(rt.number()), "3")) {
            assertEquals("ready", peer.nextLine(TIMEOUT));
            Signals.queue(peer.pid(), rt, 1);
            Signals.queue(peer.pid(), rt, 2);
            Signals.queue(peer.pid(), rt, -3);
            String prefix = "signal " + rt.number() + " value ";
            String suffix = " code SI_QUEUE pid " + JAVA_PID;
            assertEquals(List.of(prefix + 1 + suffix, prefix + 2 + suffix, prefix + -3 + suffix), peer.awaitSuccess(TIMEOUT));
        }
    }

    @Test
    void killArrivesAsSiUserFromThisProcess() throws Exception {
        try (CPeer peer = CPeer.start("signal_peer", "wait", String.valueOf(Signal.USR2.number()), "1")) {
            assertEquals("ready", peer.nextLine(TIMEOUT));
            Signals.send(peer.pid(), Signal.USR2);
            assertEquals(List.of("signal " + Signal.USR2.number() + " value 0 code SI_USER pid " + JAVA_PID),
                    peer.awaitSuccess(TIMEOUT));
        }
    }

    @Test
    void aSignalFromACProcessRunsTheJavaHandlerOnAJavaThread() throws Exception {
        LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();
        try (SignalHandlers.Registration r = SignalHandlers.handle(Signal.USR1, s -> seen.add(Thread.currentThread().getName()));
                CPeer peer = CPeer.start("signal_peer", "send", String.valueOf(JAVA_PID), String.valueOf(Signal.USR1.number()))) {
            String thread = seen.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals("SIGUSR1 handler", thread);
            assertNotEquals(Thread.currentThread().getName(), thread);
            assertEquals(List.of(), peer.awaitSuccess(TIMEOUT));
        }
    }

    /**
     * A fresh JVM (started with every disposition at its default, so an inherited ignore of SIGHUP
     * cannot interfere) handles SIGUSR1 and SIGHUP from a C process and keeps running.
     */
    @Test
    @Timeout(60)
    void aCProcessSendsUsr1AndHupToAJvmAndItsHandlersRun() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try (AnonymousPipe out = AnonymousPipe.open();
                ChildProcess jvm = ChildProcess.builder(java, "-cp", System.getProperty("java.class.path"), SignalReceiver.class.getName(), "USR1", "HUP")
                        .descriptor(1, out.sink()).start()) {
            out.sink().close();
            PipeSource source = out.source();
            BufferedReader lines = new BufferedReader(new InputStreamReader(source.inputStream(), StandardCharsets.UTF_8));
            assertEquals("ready", lines.readLine());
            try (CPeer peer = CPeer.start("signal_peer", "send", String.valueOf(jvm.pid()),
                    String.valueOf(Signal.USR1.number()), String.valueOf(Signal.HUP.number()))) {
                assertEquals(List.of(), peer.awaitSuccess(TIMEOUT));
            }
            assertEquals("SIGUSR1 on SIGUSR1 handler", lines.readLine());
            assertEquals("SIGHUP on SIGHUP handler", lines.readLine());
            assertEquals("still running", lines.readLine());
            ExitStatus status = jvm.waitFor(TIMEOUT).orElseThrow();
            assertEquals(0, status.exitCode(), status.toString());
        }
    }
}
