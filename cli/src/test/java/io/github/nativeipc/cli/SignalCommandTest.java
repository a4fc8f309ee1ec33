package io.github.nativeipc.cli;

import static io.github.nativeipc.cli.Cli.nipc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** nipc signal against a C process that takes the signal with sigtimedwait and prints its siginfo_t. */
class SignalCommandTest {
    /** Starts ipc_maker signal-wait SIGNO and returns it once it has the signal blocked. */
    private static Process waiter(int signo) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("nipc.peers.dir"), "ipc_maker").toString(), "signal-wait",
                String.valueOf(signo)).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("ready", out.readLine());
        return p;
    }

    private static String received(Process p) throws Exception {
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the C process ended");
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), err);
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    @Test
    void sendIsAKillTheReceiverSeesAsSiUser() throws Exception {
        Process p = waiter(10);
        nipc("signal", "send", String.valueOf(p.pid()), "USR1").ok();
        assertTrue(received(p).matches("signal 10 value 0 code SI_USER pid \\d+"));
    }

    @Test
    void sendWithAValueIsASigqueueTheReceiverReadsTheValueOf() throws Exception {
        Process p = waiter(12);
        nipc("signal", "send", String.valueOf(p.pid()), "SIGUSR2", "--value", "42").ok();
        assertTrue(received(p).matches("signal 12 value 42 code SI_QUEUE pid \\d+"));
    }

    @Test
    void aRealTimeSignalIsNamedFromSigrtmin() throws Exception {
        int rtmin = ((Number) ((Map<?, ?>) MiniJson.parse(nipc("signal", "list", "--json").ok())).get("rtmin")).intValue();
        Process p = waiter(rtmin + 3);
        nipc("signal", "send", String.valueOf(p.pid()), "RTMIN+3", "--value", "-7").ok();
        assertTrue(received(p).matches("signal " + (rtmin + 3) + " value -7 code SI_QUEUE pid \\d+"));
    }

    @Test
    void aProcessThatDoesNotExistIsNotFound() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        assertTrue(nipc("signal", "send", String.valueOf(p.pid()), "TERM").fails(3).contains("ESRCH"));
    }

    @Test
    void anUnknownSignalOrAValueForAGroupIsAUsageError() {
        assertTrue(nipc("signal", "send", "1", "SIGNOPE").fails(2).contains("no signal called SIGNOPE"));
        assertTrue(nipc("signal", "send", "--group", "1", "TERM", "--value", "1").fails(2).contains("--group"));
    }

    @Test
    void listNamesEachSignalWithItsNumberAndWhetherAJvmMayHandleIt() {
        String table = nipc("signal", "list").ok();
        assertTrue(table.contains("SIGUSR1"), table);
        assertTrue(table.lines().anyMatch(l -> l.matches("SIGSEGV\\s+11\\s+HotSpot uses SIGSEGV.*")), table);
        assertTrue(table.lines().anyMatch(l -> l.matches("SIGTERM\\s+15\\s+yes")), table);
        List<?> signals = (List<?>) ((Map<?, ?>) MiniJson.parse(nipc("signal", "list", "--json").ok())).get("signals");
        assertTrue(signals.contains(Map.of("name", "SIGHUP", "number", 1L, "jvmHandler", "yes")), signals.toString());
    }
}
