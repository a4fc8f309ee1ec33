package io.github.nativeipc.benchmarks;

import java.util.List;

/**
 * How much the suite measures: the round trips per run (after an unrecorded warm-up that is the
 * same for every client), the repetitions that alternate the pairs, the modes, the bulk volume and
 * the JMH iterations and classes (none listed: all of them). {@link #full()} is the committed report (about 20 minutes on 2 cores),
 * {@link #quick()} a look in under 2 minutes, {@link #smoke()} what the test runs. With the two
 * message-queue transports added, the full suite went from 5 to 4 repetitions and the quick one
 * from 10000 + 4000 to 7000 + 3000 round trips per run, uniformly for every cell.
 *
 * <p>A transport listed in {@link #facadeOnly()} runs three pairs only: C, the typed layer and the
 * facade ({@code benchmarks/run.sh --facade}), for the facade's cost over the typed layer measured
 * in a sitting of its own; such a sitting has a multiple of 3 repetitions, so that each of the
 * three goes first equally often.
 *
 * <p>With both processes on one CPU the warm-up is longer ({@link #warmup(Pinning)}): a round trip
 * there takes 2-5 µs, so 20,000 of them last 40-100 ms, while HotSpot's C2 compiler thread, on the
 * same CPU, was still compiling the client's loop; the measured part then shared the CPU with it
 * (FIFO round trips settled only after about 150,000, 2026-12-05). Cross-CPU round trips take
 * 20-55 µs, so their 20,000 already last about a second.
 *
 * <p>The bulk copies warm up for 4 GiB ({@code bulkWarmupChunks} of 64 KiB) in the full suite, for
 * the same reason: after 1 GiB (16,384 chunks, about 110 ms) C2 was still compiling the producer's
 * loop on the one CPU the copy runs on ({@code -XX:+PrintCompilation}), and the timed gibibyte
 * paid for it: 0.89-0.91 of C for the socket and FIFO copies, against 0.94-0.97 after 4 or 8 GiB
 * (2026-12-06, interleaved with C at the same warm-up). The Java producers also run the warm-up
 * and the timed part as two calls of one loop, as the round trips do.
 */
public record SuiteConfig(
        String name,
        int warmup,
        int oneCpuWarmup,
        int roundTrips,
        int repetitions,
        List<Integer> sizes,
        List<Pinning> pinnings,
        long bulkBytes,
        int bulkWarmupChunks,
        int bulkRepetitions,
        boolean jmh,
        List<String> jmhClasses,
        int jmhWarmupIterations,
        int jmhMeasurementIterations,
        int jmhIterationMillis,
        int spinLimit,
        List<Transport> transports,
        List<BulkTransport> bulkTransports,
        List<Transport> facadeOnly) {

    /** Pauses before a spinner starts yielding, in C and Java alike. */
    public static final int SPIN_LIMIT = 100;
    static final List<Integer> SIZES = List.of(8, 4096);

    public static SuiteConfig full() {
        return new SuiteConfig("full", 20_000, 200_000, 20_000, 4, SIZES, List.of(Pinning.values()), 1L << 30, 65_536, 3,
                true, List.of(), 3, 5, 1000, SPIN_LIMIT, List.of(Transport.values()),
                List.of(BulkTransport.values()), List.of());
    }

    public static SuiteConfig quick() {
        return new SuiteConfig("quick", 7_000, 70_000, 3_000, 1, SIZES, List.of(Pinning.values()), 1L << 28, 16_384, 1,
                true, List.of(), 1, 2, 300, SPIN_LIMIT, List.of(Transport.values()),
                List.of(BulkTransport.values()), List.of());
    }

    /** A few hundred round trips, unpinned, one repetition, a tiny bulk copy, no JMH. */
    public static SuiteConfig smoke() {
        return new SuiteConfig("smoke", 100, 100, 300, 1, SIZES, List.of(Pinning.UNPINNED), 64L * 65536, 16, 1,
                false, List.of(), 0, 0, 0, SPIN_LIMIT, List.of(Transport.values()),
                List.of(BulkTransport.values()), List.of());
    }

    public static SuiteConfig named(String mode) {
        return switch (mode) {
            case "full" -> full();
            case "quick" -> quick();
            case "smoke" -> smoke();
            default -> throw new IllegalArgumentException("unknown mode " + mode + " (full, quick, smoke)");
        };
    }

    /**
     * This configuration narrowed to some round-trip and bulk transports and pinnings, and to some
     * JMH classes (fully qualified; none: no JMH): for measuring one part again in a sitting of its
     * own ({@code benchmarks/run.sh --only ...}). The transports also in {@code facadeOnly} run C,
     * the typed layer and the facade only; with any, the repetitions are rounded up to a multiple
     * of 3. Named {@code NAME-facade} when it is only such transports, else {@code NAME-partial}.
     */
    public SuiteConfig narrowed(List<Transport> onlyTransports, List<Transport> facadeOnly, List<BulkTransport> onlyBulk,
            List<Pinning> onlyPinnings, List<String> onlyJmhClasses) {
        for (Transport t : facadeOnly) {
            if (!onlyTransports.contains(t) || !t.hasFacade()) {
                throw new IllegalArgumentException(t + " cannot run facade-only here: " + (t.hasFacade() ? "not selected"
                        : "the facade does not reach it"));
            }
        }
        boolean facadeSitting = !facadeOnly.isEmpty() && facadeOnly.size() == onlyTransports.size() && onlyBulk.isEmpty()
                && onlyJmhClasses.isEmpty();
        int reps = facadeOnly.isEmpty() ? repetitions : (repetitions + FACADE_PAIRS.size() - 1) / FACADE_PAIRS.size()
                * FACADE_PAIRS.size();
        return new SuiteConfig(name + (facadeSitting ? "-facade" : "-partial"), warmup, oneCpuWarmup, roundTrips, reps, sizes,
                onlyPinnings, bulkBytes, bulkWarmupChunks, bulkRepetitions, jmh && !onlyJmhClasses.isEmpty(),
                List.copyOf(onlyJmhClasses), jmhWarmupIterations, jmhMeasurementIterations, jmhIterationMillis, spinLimit,
                List.copyOf(onlyTransports), List.copyOf(onlyBulk), List.copyOf(facadeOnly));
    }

    /**
     * This configuration with {@code count} repetitions of every round-trip cell (for a cell whose
     * runs are bimodal from one JVM to the next, where a few repetitions leave the ratio to chance).
     */
    public SuiteConfig withRepetitions(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("repetitions must be at least 1, not " + count);
        }
        return new SuiteConfig(name, warmup, oneCpuWarmup, roundTrips, count, sizes, pinnings, bulkBytes, bulkWarmupChunks,
                bulkRepetitions, jmh, jmhClasses, jmhWarmupIterations, jmhMeasurementIterations, jmhIterationMillis, spinLimit,
                transports, bulkTransports, facadeOnly);
    }

    /** The pairs of a facade-only transport: C, the typed layer, the facade. */
    static final List<Pair> FACADE_PAIRS = List.of(Pair.C, Pair.LIBRARY, Pair.FACADE);

    /** The pairs that run {@code t} here: its runnable pairs, or {@link #FACADE_PAIRS} if it is in {@link #facadeOnly()}. */
    public List<Pair> runnablePairs(Transport t) {
        return facadeOnly.contains(t) ? FACADE_PAIRS : t.runnablePairs();
    }

    /** The unrecorded round trips before each run's recorded ones under {@code pinning}, the same for every client. */
    public int warmup(Pinning pinning) {
        return pinning == Pinning.ONE_CPU ? oneCpuWarmup : warmup;
    }

    /** Chunks of {@link BenchLayout#SLOT_SIZE} bytes in the bulk copy. */
    public long bulkChunks() {
        return bulkBytes / BenchLayout.SLOT_SIZE;
    }
}
