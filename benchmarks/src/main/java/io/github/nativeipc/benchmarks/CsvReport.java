package io.github.nativeipc.benchmarks;

import java.util.Locale;

/**
 * The machine-readable report: one row per run (latency and bulk, every repetition) and per JMH
 * benchmark, plus the pooled latency rows ({@code repetition = all}) the Markdown tables show,
 * and a row with repetition {@code n/a} for a pair that cannot run a cell (an alternative with no
 * seqpacket socket). Unused columns are empty. {@code ratio_to_native_ipc_median} is a Java row's
 * median over repetitions of its median over the typed layer's (the facade's cost over the typed
 * layer); {@code client_bytes_allocated} what the Java client's thread allocated during the
 * recorded round trips (the pooled row: of every repetition).
 */
final class CsvReport {
    private CsvReport() {}

    static final String HEADER = "section,transport,size_bytes,pinning,pair,repetition,samples,median_ns,p99_ns,"
            + "p999_ns,ratio_median,ratio_p99,ratio_p999,bytes,gib_per_s,ratio_throughput,benchmark,ns_per_op,"
            + "ns_per_op_error,bytes_per_op,ratio_to_native_ipc_median,client_bytes_allocated";

    static String render(Results r) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (LatencyRun run : r.latency) {
            LatencyStats s = run.stats();
            csv.append(String.join(",", "latency", run.transport().argument(), String.valueOf(run.size()),
                    run.pinning().name(), run.pair().name(), String.valueOf(run.repetition()),
                    String.valueOf(s.samples()), String.valueOf(s.median()), String.valueOf(s.p99()),
                    String.valueOf(s.p999()), "", "", "", "", "", "", "", "", "", "", "",
                    bytes(run.clientAllocatedBytes()))).append('\n');
        }
        for (Transport t : r.config.transports()) {
            for (Pinning p : r.config.pinnings()) {
                for (int size : r.config.sizes()) {
                    for (Pair pair : t.pairs()) {
                        Alternative a = t.alternative(pair);
                        if (a != null && !a.available()) {
                            csv.append(notAvailable("latency", t.argument(), String.valueOf(size), p, pair)).append('\n');
                            continue;
                        }
                        LatencyStats s = r.pooled(t, size, p, pair);
                        if (s == null) {
                            continue;
                        }
                        csv.append(String.join(",", "latency", t.argument(), String.valueOf(size), p.name(),
                                pair.name(), "all", String.valueOf(s.samples()), String.valueOf(s.median()),
                                String.valueOf(s.p99()), String.valueOf(s.p999()),
                                num(r.ratio(t, size, p, pair, LatencyStats::median)),
                                num(r.ratio(t, size, p, pair, LatencyStats::p99)),
                                num(r.ratio(t, size, p, pair, LatencyStats::p999)), "", "", "", "", "", "", "",
                                pair == Pair.C || pair == Pair.LIBRARY ? ""
                                        : num(Results.median(r.ratios(t, size, p, pair, Pair.LIBRARY, LatencyStats::median))),
                                bytes(r.allocatedBytes(t, size, p, pair))))
                                .append('\n');
                    }
                }
            }
        }
        for (BulkRun b : r.bulk) {
            csv.append(String.join(",", "bulk", b.transport().argument(), String.valueOf(BenchLayout.SLOT_SIZE), b.pinning().name(),
                    b.pair().name(), String.valueOf(b.repetition()), "", "", "", "", "", "", "",
                    String.valueOf(b.bytes()), num(b.gibPerSecond()), "", "", "", "", "", "", "")).append('\n');
        }
        for (BulkTransport bt : r.config.bulkTransports()) {
            for (Pinning p : r.config.pinnings()) {
                for (Pair pair : bt.pairs()) {
                    double g = r.bulkThroughput(bt, p, pair);
                    if (!Double.isNaN(g)) {
                        csv.append(String.join(",", "bulk", bt.argument(), String.valueOf(BenchLayout.SLOT_SIZE), p.name(),
                                pair.name(), "all", "", "", "", "", "", "", "", String.valueOf(r.config.bulkBytes()),
                                num(g), pair == Pair.C ? "1" : num(r.bulkRatio(bt, p, pair)), "", "", "", "", "", ""))
                                .append('\n');
                    }
                }
            }
        }
        for (JmhScore s : r.jmh) {
            csv.append(String.join(",", "jmh", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",
                    s.benchmark(), num(s.nanosPerOp()), num(s.error()), num(s.bytesPerOp()), "", "")).append('\n');
        }
        return csv.toString();
    }

    /** A pooled row for a pair that cannot run the cell (repetition "n/a", no numbers). */
    private static String notAvailable(String section, String transport, String size, Pinning p, Pair pair) {
        return String.join(",", section, transport, size, p.name(), pair.name(), "n/a", "", "", "", "", "", "", "", "", "",
                "", "", "", "", "", "", "");
    }

    /** Allocated bytes, empty where not measured. */
    private static String bytes(long b) {
        return b == LatencyRun.NOT_MEASURED ? "" : String.valueOf(b);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }
}
