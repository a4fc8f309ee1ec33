package io.github.nativeipc.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The whole suite: every round-trip cell (transport x size x pinning x pair, repeated), the bulk
 * copies, then JMH; writes {@code DATE-MODE.md} and {@code DATE-MODE.csv} into the results
 * directory. Run through {@code benchmarks/run.sh [--quick]}, which builds and passes
 * {@code --mode full|quick --results DIR}.
 */
public final class BenchmarkSuite {
    private BenchmarkSuite() {}

    public static void main(String[] args) throws Exception {
        String mode = "full";
        Path dir = Path.of("benchmarks", "results");
        String only = "";
        String repetitions = "";
        List<String> rest = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("--only=")) {
                only = a.substring("--only=".length());
            } else if (a.startsWith("--repetitions=")) {
                repetitions = a.substring("--repetitions=".length());
            } else {
                rest.add(a);
            }
        }
        for (int i = 0; i + 1 < rest.size(); i += 2) {
            switch (rest.get(i)) {
                case "--mode" -> mode = rest.get(i + 1);
                case "--results" -> dir = Path.of(rest.get(i + 1));
                default -> throw new IllegalArgumentException("unknown option " + rest.get(i) + " (--mode, --results, --only=LIST, --repetitions=N)");
            }
        }
        SuiteConfig base = SuiteConfig.named(mode);
        if (!repetitions.isBlank()) {
            base = base.withRepetitions(Integer.parseInt(repetitions.trim()));
        }
        SuiteConfig config = selected(base, only);
        Results results = measure(config);
        for (Path p : write(results, dir)) {
            System.out.println("wrote " + p.toAbsolutePath().normalize());
        }
    }

    /**
     * {@code config} narrowed to {@code only} (blank: unchanged), a comma-separated list of
     * round-trip transports ({@code fifo}), bulk copies ({@code bulk-fifo}) and JMH classes
     * ({@code jmh-UnixSocketCallBenchmark}, with their C floor), the round trips on one CPU; and
     * facade sittings: {@code T-facade} runs transport {@code T} with C, the typed layer and the
     * facade only ({@code stream-facade}, {@code named-facade}, {@code spin-facade}), {@code facade}
     * every transport the facade reaches so. A transport also named plainly runs all its pairs.
     */
    static SuiteConfig selected(SuiteConfig config, String only) {
        if (only.isBlank()) {
            return config;
        }
        Set<Transport> transports = new LinkedHashSet<>();
        Set<Transport> facadeOnly = new LinkedHashSet<>();
        Set<Transport> plain = new LinkedHashSet<>();
        List<BulkTransport> bulks = new ArrayList<>();
        List<String> jmhClasses = new ArrayList<>();
        for (String a : only.split(",")) {
            String arg = a.trim();
            if (arg.startsWith("jmh-")) {
                jmhClasses.add(JmhRunner.benchmarkClass(arg.substring(4)));
            } else if (arg.startsWith("bulk-")) {
                bulks.add(Arrays.stream(BulkTransport.values()).filter(t -> t.argument().equals(arg.substring(5)))
                        .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown bulk transport " + arg)));
            } else if (arg.equals("facade")) {
                Arrays.stream(Transport.values()).filter(Transport::hasFacade).forEach(facadeOnly::add);
            } else if (arg.endsWith("-facade")) {
                Transport t = transport(arg.substring(0, arg.length() - "-facade".length()));
                if (!t.hasFacade()) {
                    throw new IllegalArgumentException("the facade does not reach " + t.argument() + " (it reaches "
                            + Arrays.stream(Transport.values()).filter(Transport::hasFacade).map(Transport::argument)
                                    .collect(Collectors.joining(", ")) + ")");
                }
                facadeOnly.add(t);
            } else {
                plain.add(transport(arg));
            }
        }
        facadeOnly.removeAll(plain);
        for (Transport t : Transport.values()) {
            if (plain.contains(t) || facadeOnly.contains(t)) {
                transports.add(t);   // in the suite's order
            }
        }
        return config.narrowed(List.copyOf(transports), List.copyOf(facadeOnly), bulks, List.of(Pinning.ONE_CPU), jmhClasses);
    }

    private static Transport transport(String argument) {
        return Arrays.stream(Transport.values()).filter(t -> t.argument().equals(argument)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown transport " + argument));
    }

    /** Runs everything {@code config} asks for. */
    public static Results measure(SuiteConfig config) throws Exception {
        Peers peers = Peers.fromSystemProperties();
        Results results = new Results(config, Machine.current());
        results.startMillis = System.currentTimeMillis();
        java.util.List<String> swept = BenchObjects.sweepLeftovers();
        if (!swept.isEmpty()) {
            results.notes.add("Removed objects that runs stopped before their cleanup had left: " + String.join(", ", swept) + ".");
        }
        Path work = Files.createTempDirectory("nipc-bench-");
        try {
            List<Pinning> pinnings = new ArrayList<>();
            for (Pinning p : config.pinnings()) {
                if (p.availableHere()) {
                    pinnings.add(p);
                } else {
                    results.notes.add("Mode \"" + p.label() + "\" skipped: this machine has fewer than 2 CPUs.");
                }
            }
            RoundTripRunner roundTrips = new RoundTripRunner(peers, config, work);
            int runsPerPinning = 0;
            for (Transport t : config.transports()) {
                runsPerPinning += config.runnablePairs(t).size() * config.sizes().size() * config.repetitions();
            }
            int total = pinnings.size() * runsPerPinning;
            int done = 0;
            for (Pinning p : pinnings) {
                for (Transport t : config.transports()) {
                    for (int size : config.sizes()) {
                        for (int rep = 0; rep < config.repetitions(); rep++) {
                            for (Pair pair : rotated(config.runnablePairs(t), rep)) {
                                RoundTripRunner.Recorded recorded = roundTrips.run(t, size, p, pair);
                                LatencyRun run = new LatencyRun(t, size, p, pair, rep, LatencyStats.of(recorded.samples()),
                                        recorded.samples(), recorded.clientAllocatedBytes());
                                results.latency.add(run);
                                System.out.printf(Locale.ROOT, "[%d/%d] %s, %s, %s, %s, rep %d: median %.2f us, p99 %.2f us%n",
                                        ++done, total, p.label(), t.label(), MarkdownReport.size(size), pair.label(), rep,
                                        run.stats().median() / 1e3, run.stats().p99() / 1e3);
                            }
                        }
                    }
                }
            }
            BulkRunner bulk = new BulkRunner(peers, config, work);
            for (BulkTransport bt : config.bulkTransports()) {
                for (Pinning p : pinnings) {
                    for (int rep = 0; rep < config.bulkRepetitions(); rep++) {
                        for (Pair pair : rotated(bt.runnablePairs(), rep)) {
                            BulkRun run = new BulkRun(bt, p, pair, rep, config.bulkChunks() * BenchLayout.SLOT_SIZE,
                                    bulk.run(bt, p, pair));
                            results.bulk.add(run);
                            System.out.printf(Locale.ROOT, "bulk %s, %s, %s, rep %d: %.2f GiB/s%n", bt.label(), p.label(),
                                    pair.label(), rep, run.gibPerSecond());
                        }
                    }
                }
            }
            if (config.jmh()) {
                results.jmh.addAll(JmhRunner.run(config));
                results.jmh.addAll(CCallCost.measure(peers, config.jmhClasses()));
            }
        } finally {
            deleteTree(work);
        }
        results.endMillis = System.currentTimeMillis();
        return results;
    }

    /** Writes the Markdown and CSV reports into {@code dir}; returns their paths. */
    public static List<Path> write(Results results, Path dir) throws IOException {
        Files.createDirectories(dir);
        String date = Instant.ofEpochMilli(results.startMillis).atZone(ZoneOffset.UTC).toLocalDate().toString();
        String base = date + "-" + results.config.name();
        Path md = dir.resolve(base + ".md");
        Path csv = dir.resolve(base + ".csv");
        Files.writeString(md, MarkdownReport.render(results));
        Files.writeString(csv, CsvReport.render(results));
        return List.of(md, csv);
    }

    /** {@code pairs} in an order that rotates with the repetition, so no pair always runs first. */
    static List<Pair> rotated(List<Pair> pairs, int repetition) {
        List<Pair> order = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            order.add(pairs.get((i + repetition) % pairs.size()));
        }
        return order;
    }

    static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
