package io.github.nativeipc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nativeipc.demo.CPeer;
import io.github.nativeipc.posix.RealTimeSignal;
import io.github.nativeipc.posix.Signal;
import io.github.nativeipc.posix.Signals;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Signals from Java received by a C process in sigtimedwait, with what siginfo_t says about them. */
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
}
