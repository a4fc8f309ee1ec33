package io.github.nativeipc.benchmarks;

/**
 * One JMH benchmark's result: average nanoseconds per operation with its error (99.9% confidence
 * half-width as JMH computes it), and bytes allocated per operation ({@code -prof gc}'s
 * {@code gc.alloc.rate.norm}; NaN if the profiler gave none).
 */
public record JmhScore(String benchmark, double nanosPerOp, double error, double bytesPerOp) {
}
