package io.github.nativeipc.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs one round-trip measurement: fresh objects, the C server ({@code bench_peer serve}) and one
 * client ({@code bench_peer client}, or {@code JavaClient library|alternative}), each started
 * under the pinning's {@code taskset}; for a socket, the client starts once the server's socket
 * exists (the server creates it only when it listens). The client times its own round trips after the warm-up and
 * writes them to a file, which this reads back; a Java client also writes the bytes its thread
 * allocated during them to a second file ({@code OUT.alloc}).
 */
final class RoundTripRunner {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private final Peers peers;
    private final SuiteConfig config;
    private final Path work;

    RoundTripRunner(Peers peers, SuiteConfig config, Path work) {
        this.peers = peers;
        this.config = config;
        this.work = work;
    }

    /** What one run recorded: the round-trip times in nanoseconds, and the Java client's allocated bytes. */
    record Recorded(long[] samples, long clientAllocatedBytes) {}

    /** The recorded round-trip times of one run, and what the Java client allocated meanwhile. */
    Recorded run(Transport transport, int size, Pinning pinning, Pair pair) throws Exception {
        Path out = Files.createTempFile(work, "samples-", ".bin");
        Path allocated = Path.of(out + ".alloc");
        try (BenchObjects objects = BenchObjects.create(transport, size)) {
            String t = transport.argument();
            String spin = String.valueOf(config.spinLimit());
            List<String> server = peers.c("serve", t, objects.shmName, objects.requestName, objects.replyName,
                    String.valueOf(size), String.valueOf(config.warmup(pinning) + config.roundTrips()), spin);
            String[] clientArgs = {t, objects.shmName, objects.requestName, objects.replyName, String.valueOf(size),
                    String.valueOf(config.warmup(pinning)), String.valueOf(config.roundTrips()), spin, out.toString()};
            List<String> client = pair == Pair.C
                    ? peers.c(prepend("client", clientArgs))
                    : peers.java(prepend(pair.javaClientArgument(), clientArgs));
            try (PeerProcess s = PeerProcess.start(pinning.server(server))) {
                if (transport.isSocket()) {
                    s.awaitPath(objects.socketPath(), TIMEOUT);
                }
                try (PeerProcess c = PeerProcess.start(pinning.client(client))) {
                    c.awaitSuccess(TIMEOUT);
                    s.awaitSuccess(TIMEOUT);
                }
            }
            return new Recorded(readSamples(out), pair == Pair.C ? LatencyRun.NOT_MEASURED : readSamples(allocated)[0]);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(allocated);
        }
    }

    static long[] readSamples(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.nativeOrder());
        long[] samples = new long[bytes.remaining() / Long.BYTES];
        bytes.asLongBuffer().get(samples);
        return samples;
    }

    static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
