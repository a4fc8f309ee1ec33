package io.github.nativeipc.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs one bulk copy: {@link SuiteConfig#bulkBytes()} in {@link BenchLayout#SLOT_SIZE} chunks, after
 * {@link SuiteConfig#bulkWarmupChunks()} untimed ones (the same for every producer),
 * through the {@link BenchLayout#SLOTS}-slot ring of a fresh block, from a producer (the C
 * {@code bench_peer bulk-produce} or a {@code JavaClient ... bulk}) to the C consumer
 * ({@code bench_peer bulk-consume}), which copies every chunk out and checks its number. The ring's
 * counters are spin doorbells with the same back-off as the round trips.
 */
final class BulkRunner {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private final Peers peers;
    private final SuiteConfig config;
    private final Path work;

    BulkRunner(Peers peers, SuiteConfig config, Path work) {
        this.peers = peers;
        this.config = config;
        this.work = work;
    }

    /** Nanoseconds from the producer's first timed copy to the consumer's last acknowledgement. */
    long run(Pinning pinning, Pair pair) throws Exception {
        Path out = Files.createTempFile(work, "bulk-", ".bin");
        try (BenchObjects objects = BenchObjects.create(null)) {
            String warmup = String.valueOf(config.bulkWarmupChunks());
            String chunks = String.valueOf(config.bulkChunks());
            String total = String.valueOf(config.bulkWarmupChunks() + config.bulkChunks());
            String spin = String.valueOf(config.spinLimit());
            var consumer = peers.c("bulk-consume", objects.shmName, total, spin);
            var producer = pair == Pair.C
                    ? peers.c("bulk-produce", objects.shmName, warmup, chunks, spin, out.toString())
                    : peers.java(pair.javaClientArgument(), "bulk", objects.shmName, warmup, chunks, spin,
                            out.toString());
            try (PeerProcess s = PeerProcess.start(pinning.server(consumer));
                    PeerProcess c = PeerProcess.start(pinning.client(producer))) {
                c.awaitSuccess(TIMEOUT);
                s.awaitSuccess(TIMEOUT);
            }
            return RoundTripRunner.readSamples(out)[0];
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
