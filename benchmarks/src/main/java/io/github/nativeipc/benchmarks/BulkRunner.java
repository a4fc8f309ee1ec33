package io.github.nativeipc.benchmarks;

import io.github.nativeipc.posix.Fifo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs one bulk copy: {@link SuiteConfig#bulkBytes()} in {@link BenchLayout#SLOT_SIZE} chunks, after
 * {@link SuiteConfig#bulkWarmupChunks()} untimed ones (the same for every producer),
 * through the {@link BenchLayout#SLOTS}-slot ring of a fresh block, from a producer (the C
 * {@code bench_peer bulk-produce} or a {@code JavaClient ... bulk}) to the C consumer
 * ({@code bench_peer bulk-consume}), which copies every chunk out and checks its number. The ring's
 * counters are spin doorbells with the same back-off as the round trips. Or, for
 * {@link BulkTransport#FIFO}, the same chunks through a FIFO ({@code bench_peer bulk-produce-fifo} /
 * {@code bulk-consume-fifo}), or over a Unix stream socket ({@code bench_peer bulk-produce-stream} /
 * {@code bulk-consume-stream}; the producer starts once the consumer's socket exists).
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
    long run(BulkTransport transport, Pinning pinning, Pair pair) throws Exception {
        return switch (transport) {
            case FIFO -> runFifo(pinning, pair);
            case UNIX_STREAM -> runStream(pinning, pair);
            case RING -> runRing(pinning, pair);
        };
    }

    /** Over a Unix stream socket in a fresh directory: the chunks one way, the one-byte acknowledgement back. */
    private long runStream(Pinning pinning, Pair pair) throws Exception {
        Path dir = Files.createTempDirectory(work, "bulk-sock-");
        Path out = dir.resolve("elapsed.bin");
        Path socket = dir.resolve("sock");
        try {
            String warmup = String.valueOf(config.bulkWarmupChunks());
            String chunks = String.valueOf(config.bulkChunks());
            String total = String.valueOf(config.bulkWarmupChunks() + config.bulkChunks());
            var consumer = peers.c("bulk-consume-stream", socket.toString(), total);
            var producer = pair == Pair.C
                    ? peers.c("bulk-produce-stream", socket.toString(), warmup, chunks, out.toString())
                    : peers.java(pair.javaClientArgument(), "bulk-stream", socket.toString(), warmup, chunks, out.toString());
            try (PeerProcess s = PeerProcess.start(pinning.server(consumer))) {
                s.awaitPath(socket, TIMEOUT);
                try (PeerProcess c = PeerProcess.start(pinning.client(producer))) {
                    c.awaitSuccess(TIMEOUT);
                    s.awaitSuccess(TIMEOUT);
                }
            }
            return RoundTripRunner.readSamples(out)[0];
        } finally {
            BenchmarkSuite.deleteTree(dir);
        }
    }

    /** Through two FIFOs in a fresh directory: the data, and the consumer's one-byte acknowledgement. */
    private long runFifo(Pinning pinning, Pair pair) throws Exception {
        Path dir = Files.createTempDirectory(work, "bulk-fifo-");
        Path out = dir.resolve("elapsed.bin");
        try {
            String data = Fifo.create(dir.resolve("data")).path().toString();
            String ack = Fifo.create(dir.resolve("ack")).path().toString();
            String warmup = String.valueOf(config.bulkWarmupChunks());
            String chunks = String.valueOf(config.bulkChunks());
            String total = String.valueOf(config.bulkWarmupChunks() + config.bulkChunks());
            var consumer = peers.c("bulk-consume-fifo", data, ack, total);
            var producer = pair == Pair.C
                    ? peers.c("bulk-produce-fifo", data, ack, warmup, chunks, out.toString())
                    : peers.java(pair.javaClientArgument(), "bulk-fifo", data, ack, warmup, chunks, out.toString());
            try (PeerProcess s = PeerProcess.start(pinning.server(consumer));
                    PeerProcess c = PeerProcess.start(pinning.client(producer))) {
                c.awaitSuccess(TIMEOUT);
                s.awaitSuccess(TIMEOUT);
            }
            return RoundTripRunner.readSamples(out)[0];
        } finally {
            BenchmarkSuite.deleteTree(dir);
        }
    }

    private long runRing(Pinning pinning, Pair pair) throws Exception {
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
