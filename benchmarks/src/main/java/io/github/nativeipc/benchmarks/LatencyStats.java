package io.github.nativeipc.benchmarks;

import java.util.Arrays;

/**
 * Median, 99th and 99.9th percentile of round-trip times in nanoseconds (nearest-rank: the value
 * at rank {@code ceil(q * n)} of the sorted samples), how many samples they come from, and their
 * mean ({@link #UNKNOWN} where only the percentiles were reported, as by the Windows C client).
 * The mean matters where a run's samples fall in two modes: the median then lands in one mode or
 * the other from run to run, the mean moves with the share of each.
 */
public record LatencyStats(int samples, long median, long p99, long p999, long mean) {
    /** A mean that was not reported. */
    public static final long UNKNOWN = -1;

    /** Percentiles without a mean. */
    public LatencyStats(int samples, long median, long p99, long p999) {
        this(samples, median, p99, p999, UNKNOWN);
    }

    public static LatencyStats of(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        long sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        return new LatencyStats(sorted.length, rank(sorted, 0.5), rank(sorted, 0.99), rank(sorted, 0.999), sum / sorted.length);
    }

    private static long rank(long[] sorted, double q) {
        int r = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, r - 1)];
    }
}
