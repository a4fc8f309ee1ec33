package io.github.nativeipc.benchmarks;

import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.posix.Access;
import io.github.nativeipc.posix.CreateOptions;
import io.github.nativeipc.posix.MessageQueueAttributes;
import io.github.nativeipc.posix.PosixMessageQueue;
import io.github.nativeipc.posix.SysVKey;
import io.github.nativeipc.posix.SysVMessageQueue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The C floor of the JMH semaphore benchmarks: {@code bench_peer call-cost}, which times
 * {@code sem_post} + {@code sem_trywait} pairs in one C process on a named and on an unnamed
 * semaphore (after as many untimed pairs), so the Java per-call costs can be read against it; and
 * {@code bench_peer call-cost-msg}, the same for {@code mq_send} + {@code mq_receive} and
 * {@code msgsnd} + {@code msgrcv} ({@code IPC_NOWAIT}) of 8 B and 4 KiB on queues made here; and
 * {@code bench_peer call-cost-socket}, {@code write} + {@code read} of 8 B and 4 KiB on a stream
 * and a seqpacket socketpair. Each runs when its JMH class does.
 */
final class CCallCost {
    private static final int PAIRS = 5_000_000;
    private static final int MESSAGE_PAIRS = 1_000_000;
    private static final int SOCKET_PAIRS = 1_000_000;

    private CCallCost() {}

    /** The C floors of the JMH classes listed (fully qualified), of all of them if none is. */
    static List<JmhScore> measure(Peers peers, List<String> jmhClasses) throws IOException, InterruptedException, IpcException {
        List<JmhScore> scores = new ArrayList<>();
        if (runs(jmhClasses, "SemaphoreCallBenchmark")) {
            scores.addAll(semaphores(peers));
        }
        if (runs(jmhClasses, "MessageQueueCallBenchmark")) {
            scores.addAll(messageQueues(peers));
        }
        if (runs(jmhClasses, "UnixSocketCallBenchmark")) {
            for (String line : run(peers.c("call-cost-socket", String.valueOf(SOCKET_PAIRS)))) {
                String[] kv = line.trim().split(" ");
                scores.add(new JmhScore("C (bench_peer call-cost-socket): " + kv[0] + " socketpair write + read size=" + kv[1],
                        Double.parseDouble(kv[2]), Double.NaN, Double.NaN));
            }
        }
        return scores;
    }

    private static boolean runs(List<String> jmhClasses, String simpleName) {
        return jmhClasses.isEmpty() || jmhClasses.contains(JmhRunner.PACKAGE + "." + simpleName);
    }

    private static List<JmhScore> semaphores(Peers peers) throws IOException, InterruptedException {
        String name = "/nipc-b" + ProcessHandle.current().pid() + "-callcost";
        List<JmhScore> scores = new ArrayList<>();
        for (String line : run(peers.c("call-cost", name, String.valueOf(PAIRS)))) {
            String[] kv = line.trim().split(" ");
            scores.add(new JmhScore("C (bench_peer call-cost): " + kv[0] + " sem_post + sem_trywait",
                    Double.parseDouble(kv[1]), Double.NaN, Double.NaN));
        }
        return scores;
    }

    private static List<JmhScore> messageQueues(Peers peers) throws IOException, InterruptedException, IpcException {
        String name = "/nipc-b" + ProcessHandle.current().pid() + "-callcost";
        List<JmhScore> scores = new ArrayList<>();
        CreateOptions removeOnClose = CreateOptions.defaults().unlinkOnClose(true);
        try (PosixMessageQueue small = PosixMessageQueue.create(name + "-8", MessageQueueAttributes.of(1, 8),
                        Access.READ_WRITE, removeOnClose);
                PosixMessageQueue large = PosixMessageQueue.create(name + "-4096", MessageQueueAttributes.of(1, 4096),
                        Access.READ_WRITE, removeOnClose);
                SysVMessageQueue sysv = SysVMessageQueue.create(SysVKey.PRIVATE, removeOnClose)) {
            for (String line : run(peers.c("call-cost-msg", name, String.valueOf(sysv.id()),
                    String.valueOf(MESSAGE_PAIRS)))) {
                String[] kv = line.trim().split(" ");
                scores.add(new JmhScore("C (bench_peer call-cost-msg): " + kv[0].replace("+", " + ") + " size=" + kv[1],
                        Double.parseDouble(kv[2]), Double.NaN, Double.NaN));
            }
        }
        return scores;
    }

    private static String[] run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out.strip().split("\n");
    }
}
