package io.github.nativeipc.benchmarks;

/** One round-trip run: which transport, size, pinning and pair, its repetition number, its statistics. */
public record LatencyRun(Transport transport, int size, Pinning pinning, Pair pair, int repetition,
        LatencyStats stats, long[] samples) {
}
