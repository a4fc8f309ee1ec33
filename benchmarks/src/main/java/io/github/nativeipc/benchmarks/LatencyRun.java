package io.github.nativeipc.benchmarks;

/**
 * One round-trip run: which transport, size, pinning and pair, its repetition number, its
 * statistics, and the bytes the Java client's thread allocated during its recorded round trips
 * ({@link #NOT_MEASURED} for the C client).
 */
public record LatencyRun(Transport transport, int size, Pinning pinning, Pair pair, int repetition,
        LatencyStats stats, long[] samples, long clientAllocatedBytes) {

    /** {@link #clientAllocatedBytes()} of a client that does not count them (C). */
    public static final long NOT_MEASURED = -1;
}
