package io.github.nativeipc.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Everything one suite run measured, and the two ways it is summed up: percentiles of all
 * repetitions' samples pooled, and ratios to the C floor taken repetition by repetition (each
 * repetition runs the pairs back to back, so a ratio compares runs minutes apart at most) and
 * reported as the median over repetitions.
 */
public final class Results {
    final SuiteConfig config;
    final Machine machine;
    final List<LatencyRun> latency = new ArrayList<>();
    final List<BulkRun> bulk = new ArrayList<>();
    final List<JmhScore> jmh = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    long startMillis;
    long endMillis;

    Results(SuiteConfig config, Machine machine) {
        this.config = config;
        this.machine = machine;
    }

    public List<LatencyRun> latency() {
        return latency;
    }

    public List<BulkRun> bulk() {
        return bulk;
    }

    public List<JmhScore> jmh() {
        return jmh;
    }

    /** Statistics of every sample of the cell, all repetitions together; null if it was not run. */
    LatencyStats pooled(Transport t, int size, Pinning p, Pair pair) {
        List<long[]> parts = latency.stream().filter(r -> matches(r, t, size, p, pair)).map(LatencyRun::samples).toList();
        if (parts.isEmpty()) {
            return null;
        }
        long[] all = parts.stream().flatMapToLong(Arrays::stream).toArray();
        return LatencyStats.of(all);
    }

    /** Median over repetitions of {@code stat(pair) / stat(C)} within each repetition; NaN if missing. */
    double ratio(Transport t, int size, Pinning p, Pair pair, ToLongFunction<LatencyStats> stat) {
        return median(ratios(t, size, p, pair, stat));
    }

    /** {@code stat(pair) / stat(C)} of each repetition, in repetition order. */
    List<Double> ratios(Transport t, int size, Pinning p, Pair pair, ToLongFunction<LatencyStats> stat) {
        return ratios(t, size, p, pair, Pair.C, stat);
    }

    /**
     * {@code stat(pair) / stat(base)} of each repetition that ran both, in repetition order: the
     * facade over the typed layer is {@code ratios(t, size, p, FACADE, LIBRARY, stat)}.
     */
    List<Double> ratios(Transport t, int size, Pinning p, Pair pair, Pair base, ToLongFunction<LatencyStats> stat) {
        List<Double> ratios = new ArrayList<>();
        for (LatencyRun r : latency) {
            if (!matches(r, t, size, p, pair)) {
                continue;
            }
            latency.stream().filter(c -> matches(c, t, size, p, base) && c.repetition() == r.repetition())
                    .findFirst()
                    .ifPresent(c -> ratios.add(stat.applyAsLong(r.stats()) / (double) stat.applyAsLong(c.stats())));
        }
        return ratios;
    }

    /**
     * Bytes the Java client's thread allocated per recorded round trip, over every run of the cell;
     * NaN if not measured (C) or not run.
     */
    double allocatedPerRoundTrip(Transport t, int size, Pinning p, Pair pair) {
        long bytes = 0;
        long roundTrips = 0;
        for (LatencyRun r : latency) {
            if (matches(r, t, size, p, pair) && r.clientAllocatedBytes() != LatencyRun.NOT_MEASURED) {
                bytes += r.clientAllocatedBytes();
                roundTrips += r.samples().length;
            }
        }
        return roundTrips == 0 ? Double.NaN : bytes / (double) roundTrips;
    }

    /** Bytes the Java client's thread allocated over every recorded round trip of the cell; -1 if not measured. */
    long allocatedBytes(Transport t, int size, Pinning p, Pair pair) {
        return latency.stream().filter(r -> matches(r, t, size, p, pair) && r.clientAllocatedBytes() != LatencyRun.NOT_MEASURED)
                .mapToLong(LatencyRun::clientAllocatedBytes).reduce(Long::sum).orElse(LatencyRun.NOT_MEASURED);
    }

    /** Median throughput over repetitions; NaN if not run. */
    double bulkThroughput(BulkTransport t, Pinning p, Pair pair) {
        return median(bulk.stream().filter(b -> b.transport() == t && b.pinning() == p && b.pair() == pair)
                .map(BulkRun::gibPerSecond).toList());
    }

    /** Median over repetitions of throughput(pair) / throughput(C). */
    double bulkRatio(BulkTransport t, Pinning p, Pair pair) {
        return median(bulkRatios(t, p, pair));
    }

    /** throughput(pair) / throughput(C) of each repetition. */
    List<Double> bulkRatios(BulkTransport t, Pinning p, Pair pair) {
        List<Double> ratios = new ArrayList<>();
        for (BulkRun b : bulk) {
            if (b.transport() != t || b.pinning() != p || b.pair() != pair) {
                continue;
            }
            bulk.stream().filter(c -> c.transport() == t && c.pinning() == p && c.pair() == Pair.C
                            && c.repetition() == b.repetition())
                    .findFirst().ifPresent(c -> ratios.add(b.gibPerSecond() / c.gibPerSecond()));
        }
        return ratios;
    }

    private static boolean matches(LatencyRun r, Transport t, int size, Pinning p, Pair pair) {
        return r.transport() == t && r.size() == size && r.pinning() == p && r.pair() == pair;
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
