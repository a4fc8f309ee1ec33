package io.github.nativeipc.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The C floor of the JMH semaphore benchmarks: {@code bench_peer call-cost}, which times
 * {@code sem_post} + {@code sem_trywait} pairs in one C process on a named and on an unnamed
 * semaphore (after as many untimed pairs), so the Java per-call costs can be read against it.
 */
final class CCallCost {
    private static final int PAIRS = 5_000_000;

    private CCallCost() {}

    static List<JmhScore> measure(Peers peers) throws IOException, InterruptedException {
        String name = "/nipc-b" + ProcessHandle.current().pid() + "-callcost";
        Process p = new ProcessBuilder(peers.c("call-cost", name, String.valueOf(PAIRS))).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("bench_peer call-cost failed: " + out);
        }
        List<JmhScore> scores = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            String[] kv = line.trim().split(" ");
            scores.add(new JmhScore("C (bench_peer call-cost): " + kv[0] + " sem_post + sem_trywait",
                    Double.parseDouble(kv[1]), Double.NaN, Double.NaN));
        }
        return scores;
    }
}
