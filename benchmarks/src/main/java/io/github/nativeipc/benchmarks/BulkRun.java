package io.github.nativeipc.benchmarks;

/** One bulk copy: transport, pinning, pair, repetition, bytes moved and the nanoseconds it took. */
public record BulkRun(BulkTransport transport, Pinning pinning, Pair pair, int repetition, long bytes, long nanos) {

    /** Throughput in GiB per second. */
    public double gibPerSecond() {
        return bytes / (double) (1L << 30) / (nanos / 1e9);
    }
}
