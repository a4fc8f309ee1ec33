package io.github.nativeipc.benchmarks;

import java.util.Arrays;

/**
 * Median, 99th and 99.9th percentile of round-trip times in nanoseconds (nearest-rank: the value
 * at rank {@code ceil(q * n)} of the sorted samples), and how many samples they come from.
 */
public record LatencyStats(int samples, long median, long p99, long p999) {

    public static LatencyStats of(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new LatencyStats(sorted.length, rank(sorted, 0.5), rank(sorted, 0.99), rank(sorted, 0.999));
    }

    private static long rank(long[] sorted, double q) {
        int r = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, r - 1)];
    }
}
