package io.github.nativeipc.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The human-readable report: machine, method, one latency table per transport, targets, bulk, JMH. */
final class MarkdownReport {
    private MarkdownReport() {}

    /**
     * Target ratios (Java<->C over C<->C, median, both processes on one CPU): issue 4's, and issue
     * 9's 1.10 for the Unix sockets.
     */
    static double latencyTarget(Transport t) {
        return t == Transport.SPIN ? 1.00 : t.isSocket() ? 1.10 : 1.05;
    }

    static final double BULK_TARGET = 0.90;
    /** Pipes and FIFOs (issue 8): at least 0.95 of C's throughput. */
    static final double BULK_PIPE_TARGET = 0.95;

    /** Issue 4's 0.90 for the ring, issue 8's 0.95 for pipes, issue 9's 0.90 for a stream socket. */
    static double bulkTarget(BulkTransport t) {
        return t == BulkTransport.FIFO ? BULK_PIPE_TARGET : BULK_TARGET;
    }

    static String render(Results r) {
        SuiteConfig c = r.config;
        StringBuilder md = new StringBuilder();
        String date = Instant.ofEpochMilli(r.startMillis).atZone(ZoneOffset.UTC).toLocalDate().toString();
        md.append("# native-ipc benchmarks, ").append(date).append(" (").append(c.name()).append(" mode)\n\n");
        md.append("**Machine:** ").append(r.machine.cpuModel()).append(", ").append(r.machine.cpus())
                .append(" CPUs; Linux ").append(r.machine.kernel()).append("; ").append(r.machine.jdk())
                .append("; ").append(r.machine.compiler()).append(" (`-O2`). ")
                .append("The suite took ").append(minutes(r.endMillis - r.startMillis)).append(".\n\n");

        md.append("## How this was measured\n\n");
        md.append("- **Round trip**: the client writes its number into the request's first word, then is timed from ")
                .append("before it copies the request (8 B or 4 KiB) from a private buffer into the shared block, ")
                .append("through ringing the request doorbell, waiting for the reply doorbell, to after it copied the ")
                .append("reply out into a private buffer; it then checks the reply. The server (always C, `bench_peer ")
                .append("serve`) copies the request out, flips its first word, copies the reply back in and rings.\n");
        md.append("- **Pairs**: C<->C is the floor (`bench_peer client`); Java<->C (native-ipc) is this library ")
                .append("(`MappedMemory` put/get of a direct `ByteBuffer`, `setLongRelease`/`getLongAcquire`, ")
                .append("`PosixSemaphore.post()`/`acquire()`); Java<->C (facade) is this library's portable facade ")
                .append("(`io.github.nativeipc`: `SharedMemory`, `NamedSemaphore`, `LocalSocket`) on the same kernel ")
                .append("objects, where it reaches the transport; Java<->C (alternative) is what a Java user could ")
                .append("pick instead (named per transport below). Every client is its own process, started under ")
                .append("`taskset` like the server; the Java clients run with default JVM options.\n");
        md.append("- **Allocation**: \"client B/rt\" is what the Java client's thread allocated during its recorded ")
                .append("round trips (the HotSpot per-thread counter, `com.sun.management.ThreadMXBean`, which JMH's ")
                .append("`-prof gc` reads too), over all repetitions, per round trip. The warm-up and the recorded part ")
                .append("are two calls of one loop with the counter read between them.\n");
        md.append("- **Counts**: ").append(c.warmup(Pinning.ONE_CPU)).append(" warm-up round trips with both processes ")
                .append("on one CPU (so that HotSpot's compiler thread is done before the recorded part: it shares ")
                .append("that CPU), ").append(c.warmup()).append(" in the other modes (run, not recorded, the same for ")
                .append("every client), then ").append(c.roundTrips()).append(" recorded, in each of ")
                .append(c.repetitions()).append(" repetitions. Within a repetition the pairs of a cell (C, native-ipc, ")
                .append("the facade where it reaches the transport, each alternative that can run it) run back to back, ")
                .append("in an order that rotates with the repetition.\n");
        md.append("- **Statistics**: median, p99, p99.9 (nearest rank) of all repetitions' samples pooled; ")
                .append("\"x C\" is the ratio to C<->C computed within each repetition, then the median over ")
                .append("repetitions (machines here drift by up to 20% from minute to minute).\n");
        md.append("- **Spin doorbell**: a waiter checks the sequence number with an acquire load, pauses ")
                .append("(`pause`: `Thread.onSpinWait()` / `__builtin_ia32_pause()`) for the first ")
                .append(c.spinLimit()).append(" checks, then calls `sched_yield()` (`Thread.yield()` in Java) ")
                .append("between checks, in C and Java alike. With both processes on one CPU a pure spinner would ")
                .append("burn its whole time slice before the other side could answer; the yield is what makes that ")
                .append("mode meaningful, and it is measured with it, not hidden.\n");
        md.append("- **Semaphore doorbells**: C uses `sem_post`/`sem_wait`. The library's `acquire()` is one ")
                .append("untimed `sem_wait` too (interrupts and `close()` are answered by the library's ")
                .append("`nipc-interrupts` thread signalling the waiter); JNA calls `sem_wait` directly.\n");
        md.append("- **POSIX message queues**: two queues (requests, replies) of one message of exactly the ")
                .append("message size, made by the harness. The C server `mq_receive`s a request into its buffer, ")
                .append("flips the first word and `mq_send`s the same buffer to the reply queue. The timed part is ")
                .append("the client's `mq_send` of its private request buffer plus its `mq_receive` into its private ")
                .append("reply buffer (the kernel copies both ways; no shared block). C: plain `mq_send`/`mq_receive`. ")
                .append("native-ipc: `PosixMessageQueue.send(ByteBuffer, 0)` and `receive(ByteBuffer)` on direct ")
                .append("buffers (blocking forms, which call `clock_gettime` and `mq_timedsend`/`mq_timedreceive` ")
                .append("with 50 ms slices). Alternative: JNA direct mapping of `mq_send`/`mq_receive` with a ")
                .append("`Pointer` to the same direct buffers.\n");
        md.append("- **System V message queue**: one private queue, requests of type 1 and replies of type 2 ")
                .append("(one queue is the usual System V request/reply shape, the type selector exists for it, and ")
                .append("with at most one message queued the type search costs nothing). The C server `msgrcv`s type ")
                .append("1, flips the first payload word, sets the type to 2 and `msgsnd`s the same buffer. C client: ")
                .append("its messages are laid out as `long mtype` + payload, so it copies nothing. native-ipc: ")
                .append("`SysVMessageQueue.send(1, ByteBuffer)` and `receive(2, ByteBuffer)` on direct payload ")
                .append("buffers; the library copies the payload into and out of its per-thread buffer that holds ")
                .append("the type. Alternative: JNA direct mapping of `msgsnd`/`msgrcv` on direct buffers of type + ")
                .append("payload, copying the payload in and out like the library, so the two differ only in the binding.\n");
        md.append("- **Unix sockets** (stream, seqpacket): the C server listens at a fresh path, where the facade's ")
                .append("name for the run maps (`LocalServer.socketPath`: `RUNTIME_DIR/nipc-bPID-N.sock`), so that every ")
                .append("client reaches the same server, the facade by name and the others by path (bound at `PATH.new`, ")
                .append("renamed to `PATH` once it listens; the client starts when `PATH` exists), ")
                .append("accepts one client, reads each request until complete, flips its first word and writes it back ")
                .append("on the same connection. The timed part is the client's `write` of its private request buffer ")
                .append("plus its `read`s of the reply into its private reply buffer until complete (one `read` when ")
                .append("the whole reply is there, as it always is with both processes on one CPU). C: plain `write`/`read`. ")
                .append("native-ipc: `UnixSocketChannel.connect(address, type, timeout)`, blocking `write(ByteBuffer)` ")
                .append("and `read(ByteBuffer)` on direct buffers (one `write`, or `recv(MSG_TRUNC)` on seqpacket, per ")
                .append("call). The alternatives, side by side in the same sitting: the JDK's `SocketChannel` on a ")
                .append("`UnixDomainSocketAddress`, jnr-unixsocket and junixsocket, each blocking on the same direct ")
                .append("buffers; where one has no seqpacket socket its rows say n/a.\n\n");

        md.append("## Round-trip latency\n\n");
        for (Transport t : r.config.transports()) {
            md.append("### ").append(t.label()).append("\n\n");
            if (t.hasFacade()) {
                md.append("Facade: ").append(t.facade()).append(".\n\n");
            }
            md.append(alternatives(t)).append("\n\n");
            md.append("| size | pinning | pair | median µs | p99 µs | p99.9 µs | x C median | x C p99 | x C p99.9 | client B/rt |\n");
            md.append("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Pinning p : c.pinnings()) {
                for (int size : c.sizes()) {
                    for (Pair pair : t.pairs()) {
                        Alternative a = t.alternative(pair);
                        if (a != null && !a.available()) {
                            md.append("| ").append(size(size)).append(" | ").append(p.label()).append(" | ")
                                    .append(pair.label()).append(" | n/a | n/a | n/a | n/a | n/a | n/a | n/a |\n");
                            continue;
                        }
                        LatencyStats s = r.pooled(t, size, p, pair);
                        if (s == null) {
                            continue;
                        }
                        md.append("| ").append(size(size)).append(" | ").append(p.label()).append(" | ")
                                .append(pair.label()).append(" | ").append(micros(s.median())).append(" | ")
                                .append(micros(s.p99())).append(" | ").append(micros(s.p999())).append(" | ");
                        if (pair == Pair.C) {
                            md.append("1 | 1 | 1 | - |\n");
                        } else {
                            md.append(ratio(r.ratio(t, size, p, pair, LatencyStats::median))).append(" | ")
                                    .append(ratio(r.ratio(t, size, p, pair, LatencyStats::p99))).append(" | ")
                                    .append(ratio(r.ratio(t, size, p, pair, LatencyStats::p999))).append(" | ")
                                    .append(bytesPerRoundTrip(r.allocatedPerRoundTrip(t, size, p, pair))).append(" |\n");
                        }
                    }
                }
            }
            md.append('\n');
        }

        if (c.pinnings().contains(Pinning.ONE_CPU)) {
            md.append("## Targets (median ratio, both processes on one CPU)\n\n");
            md.append("The verdict compares the median over repetitions with the target; the range is the lowest ")
                    .append("and highest single-repetition ratio, which shows how much of a miss is noise.\n\n");
            md.append("| transport | size | target | native-ipc x C | range | met | alternative x C | range |\n");
            md.append("|---|---:|---:|---:|---:|---|---:|---:|\n");
            for (Transport t : r.config.transports()) {
                for (int size : c.sizes()) {
                    List<Double> lib = r.ratios(t, size, Pinning.ONE_CPU, Pair.LIBRARY, LatencyStats::median);
                    md.append("| ").append(t.label()).append(" | ").append(size(size)).append(" | <= ")
                            .append(fixed(latencyTarget(t))).append(" | ")
                            .append(verdictCells(lib, latencyTarget(t), true)).append(" | ")
                            .append(alternativeCells(t, pair -> r.ratios(t, size, Pinning.ONE_CPU, pair, LatencyStats::median)))
                            .append(" |\n");
                }
            }
            for (BulkTransport bt : c.bulkTransports()) {
                List<Double> lib = r.bulkRatios(bt, Pinning.ONE_CPU, Pair.LIBRARY);
                if (lib.isEmpty()) {
                    continue;
                }
                md.append("| bulk ").append(bt.label()).append(" (throughput) | 64 KiB chunks | >= ").append(fixed(bulkTarget(bt))).append(" | ")
                        .append(verdictCells(lib, bulkTarget(bt), false)).append(" | ")
                        .append(alternativeCells(bt, pair -> r.bulkRatios(bt, Pinning.ONE_CPU, pair))).append(" |\n");
            }
            md.append('\n');
            sideBySide(md, r);
        }

        facadeBesideTypedLayer(md, r);

        if (!r.bulk.isEmpty()) {
            md.append("## Bulk throughput\n\n");
            md.append(mib(c.bulkBytes())).append(" copied in 64 KiB chunks (after ").append(c.bulkWarmupChunks())
                    .append(" untimed warm-up chunks, the same for every producer) through a ").append(BenchLayout.SLOTS)
                    .append("-slot ring in shared memory: the producer copies each chunk in from a private buffer ")
                    .append("and publishes it (release store of the head count), the C consumer copies it out and ")
                    .append("acknowledges it (tail count); both wait with the spin doorbell's back-off. Timed by the ")
                    .append("producer, first copy to last acknowledgement; median of ").append(c.bulkRepetitions())
                    .append(" repetition(s). Alternative: JDK `MappedByteBuffer` + `VarHandle`.\n\n");
            md.append("The FIFO copy moves the same chunks through a FIFO instead: the producer `write`s each ")
                    .append("chunk, the C consumer `read`s it until complete and checks its number, and at the end ")
                    .append("writes one byte to a second FIFO, which stops the producer's clock. Alternative: JDK ")
                    .append("`FileChannel` on the FIFO.\n\n");
            md.append("The Unix stream socket copy moves them over one connection to the C consumer, a server ")
                    .append("that `read`s each chunk until complete, checks its number, and at the end writes one byte ")
                    .append("back on the same connection. native-ipc: `UnixSocketChannel.write` of a direct buffer. ")
                    .append("Alternative: the JDK's `SocketChannel` on a `UnixDomainSocketAddress` (jnr-unixsocket and ")
                    .append("junixsocket are compared in the round trips only).\n\n");
            md.append("| transport | pinning | pair | GiB/s | x C |\n|---|---|---|---:|---:|\n");
            for (BulkTransport bt : c.bulkTransports()) {
                for (Pinning p : c.pinnings()) {
                    for (Pair pair : bt.pairs()) {
                        double g = r.bulkThroughput(bt, p, pair);
                        if (Double.isNaN(g)) {
                            continue;
                        }
                        md.append("| ").append(bt.label()).append(" | ").append(p.label()).append(" | ").append(pair.label())
                                .append(" | ").append(String.format(Locale.ROOT, "%.2f", g)).append(" | ")
                                .append(pair == Pair.C ? "1" : ratio(r.bulkRatio(bt, p, pair))).append(" |\n");
                    }
                }
            }
            md.append('\n');
        }

        if (!r.jmh.isEmpty()) {
            md.append("## JMH: cost per call, in one process\n\n");
            md.append("Average time per operation (one fork, ").append(c.jmhWarmupIterations()).append(" x ")
                    .append(c.jmhIterationMillis()).append(" ms warm-up, ").append(c.jmhMeasurementIterations())
                    .append(" x ").append(c.jmhIterationMillis()).append(" ms measured; ± is JMH's 99.9% error) ")
                    .append("and bytes allocated per operation (`-prof gc`, `gc.alloc.rate.norm`). The C rows are ")
                    .append("the same semaphore pair, the same message-queue send + receive pairs and the same socket ")
                    .append("write + read pairs, timed in a C loop (`bench_peer call-cost`, `call-cost-msg`, ")
                    .append("`call-cost-socket`), for scale. The message-queue rows are one send plus one non-blocking ")
                    .append("receive of `size` bytes on a queue in one process; the socket rows one write plus one ")
                    .append("read of `size` bytes on a connected pair in one process.\n\n");
            md.append("| benchmark | ns/op | ± | B/op |\n|---|---:|---:|---:|\n");
            for (JmhScore s : r.jmh) {
                md.append("| ").append(s.benchmark()).append(" | ")
                        .append(String.format(Locale.ROOT, "%.1f", s.nanosPerOp())).append(" | ")
                        .append(Double.isNaN(s.error()) ? "" : String.format(Locale.ROOT, "%.1f", s.error()))
                        .append(" | ").append(Double.isNaN(s.bytesPerOp()) ? "n/a"
                                : String.format(Locale.ROOT, "%.3f", s.bytesPerOp())).append(" |\n");
            }
            md.append('\n');
        }

        md.append("## Not measured here\n\n");
        md.append("Anonymous pipes are measured through their FIFO twin: once open, both are the same kernel ")
                .append("object (fs/pipe.c), and the harness starts its two processes separately (the facade's `Pipe` ")
                .append("is anonymous, so it has no row: a C server cannot open it by name). Not benchmarked yet: ")
                .append("Unix datagram sockets and descriptor passing, futex/eventfd doorbells. The facade's rows cover ")
                .append("what it reaches of the C server's transports (shared memory, named semaphores, a local stream ")
                .append("socket). The Windows transports run under Wine on their own (benchmarks/run-windows.sh); the ")
                .append("facade's cost per call beside the typed layer in one process is FacadeCallBenchmark here and, ")
                .append("interleaved, benchmarks/run.sh --facade-overhead.\n");
        for (String note : r.notes) {
            md.append("\n- ").append(note);
        }
        md.append('\n');
        return md.toString();
    }

    /** Issue 12's budget: the facade costs at most 2% over the typed layer. */
    static final double FACADE_TARGET = 1.02;

    /**
     * The facade's rows beside the typed layer's and C's, for every cell that ran all three: the
     * pooled medians, both Java rows' ratio to C, the facade's ratio to the typed layer per
     * repetition (median, range, p99) against {@link #FACADE_TARGET}, and the bytes each Java client
     * allocated per round trip.
     */
    private static void facadeBesideTypedLayer(StringBuilder md, Results r) {
        SuiteConfig c = r.config;
        List<Transport> transports = c.transports().stream().filter(t -> c.runnablePairs(t).contains(Pair.FACADE)).toList();
        if (transports.isEmpty()) {
            return;
        }
        md.append("## The facade beside the typed layer (issue 12: facade / typed <= ").append(fixed(FACADE_TARGET))
                .append(")\n\n");
        md.append("The same exchange with the same C server, in the same sitting: C<->C, Java<->C through the typed ")
                .append("layer (`io.github.nativeipc.posix`) and Java<->C through the facade (`io.github.nativeipc`), ")
                .append("each its own pair of processes, back to back within each of ").append(c.repetitions())
                .append(" repetitions, in an order that rotates with the repetition so that the machine's drift falls ")
                .append("on every row alike. \"facade / typed\" is the ratio of the two rows' medians within each ")
                .append("repetition, then the median over repetitions, with the lowest and highest repetition; ")
                .append("\"by means\" the same with each run's mean instead of its median (where a run's round trips fall ")
                .append("in two modes, its median lands in either from one run to the next, while the mean follows the ")
                .append("share of each); ")
                .append("\"B/rt\" the bytes the Java client's thread allocated per recorded round trip. Pinning: ");
        md.append(String.join("; ", c.pinnings().stream().map(p -> p.label() + ", " + p.commands()).toList())).append(".\n\n");
        md.append("| transport | size | pinning | C µs | typed µs | facade µs | typed x C | facade x C | facade / typed ")
                .append("| range | by means | range | p99 facade / typed | met | typed B/rt | facade B/rt |\n");
        md.append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|\n");
        for (Pinning p : c.pinnings()) {
            for (Transport t : transports) {
                for (int size : c.sizes()) {
                    LatencyStats cc = r.pooled(t, size, p, Pair.C);
                    LatencyStats typed = r.pooled(t, size, p, Pair.LIBRARY);
                    LatencyStats facade = r.pooled(t, size, p, Pair.FACADE);
                    if (cc == null || typed == null || facade == null) {
                        continue;
                    }
                    List<Double> overTyped = r.ratios(t, size, p, Pair.FACADE, Pair.LIBRARY, LatencyStats::median);
                    double median = Results.median(overTyped);
                    List<Double> byMeans = r.ratios(t, size, p, Pair.FACADE, Pair.LIBRARY, LatencyStats::mean);
                    md.append("| ").append(t.label()).append(" | ").append(size(size)).append(" | ").append(p.label())
                            .append(" | ").append(micros(cc.median())).append(" | ").append(micros(typed.median()))
                            .append(" | ").append(micros(facade.median())).append(" | ")
                            .append(precise(r.ratio(t, size, p, Pair.LIBRARY, LatencyStats::median))).append(" | ")
                            .append(precise(r.ratio(t, size, p, Pair.FACADE, LatencyStats::median))).append(" | ")
                            .append(precise(median)).append(" | ").append(range(overTyped)).append(" | ")
                            .append(precise(Results.median(byMeans))).append(" | ").append(range(byMeans)).append(" | ")
                            .append(precise(Results.median(r.ratios(t, size, p, Pair.FACADE, Pair.LIBRARY, LatencyStats::p99))))
                            .append(" | ").append(median <= FACADE_TARGET ? "yes" : "**no**").append(" | ")
                            .append(bytesPerRoundTrip(r.allocatedPerRoundTrip(t, size, p, Pair.LIBRARY))).append(" | ")
                            .append(bytesPerRoundTrip(r.allocatedPerRoundTrip(t, size, p, Pair.FACADE))).append(" |\n");
                }
            }
        }
        md.append('\n');
    }

    /** Bytes per round trip: "0" when nothing at all was allocated, else three decimals; "n/a" if not measured. */
    private static String bytesPerRoundTrip(double bytes) {
        return Double.isNaN(bytes) ? "n/a" : bytes == 0 ? "0" : String.format(Locale.ROOT, "%.3f", bytes);
    }

    /** "Alternative: X." for a transport with one; "Alternatives: a: X; b: n/a (why)." for several. */
    private static String alternatives(Compared t) {
        if (t.alternatives().size() == 1) {
            return "Alternative: " + t.alternatives().get(0).describe() + ".";
        }
        StringBuilder s = new StringBuilder("Alternatives, side by side:");
        for (Alternative a : t.alternatives()) {
            s.append("\n- ").append(a.pair().shortName()).append(": ").append(a.describe());
        }
        return s.toString();
    }

    /**
     * The "alternative x C | range" cells of the targets table: the one alternative's median ratio
     * and range, with its name when it is not the generic one; for several, a pointer to the
     * side-by-side table that follows.
     */
    private static String alternativeCells(Compared t, Function<Pair, List<Double>> ratios) {
        if (t.alternatives().size() == 1) {
            Pair pair = t.alternatives().get(0).pair();
            List<Double> alt = ratios.apply(pair);
            if (alt.isEmpty()) {
                return "not run | ";
            }
            return (pair == Pair.ALTERNATIVE ? "" : pair.shortName() + " ") + precise(Results.median(alt)) + " | " + range(alt);
        }
        return "side by side below | ";
    }

    private static String ratioWithRange(Alternative a, Function<Pair, List<Double>> ratios) {
        if (!a.available()) {
            return "n/a";
        }
        List<Double> values = ratios.apply(a.pair());
        return values.isEmpty() ? "not run" : precise(Results.median(values)) + " (" + range(values) + ")";
    }

    /**
     * For the transports with several alternatives: native-ipc and each alternative as a column,
     * median ratio to C<->C on one CPU and the range over repetitions, n/a where one cannot run.
     */
    private static void sideBySide(StringBuilder md, Results r) {
        List<Transport> several = r.config.transports().stream().filter(t -> t.alternatives().size() > 1).toList();
        if (several.isEmpty()) {
            return;
        }
        List<Pair> columns = several.stream().flatMap(t -> t.pairs().stream())
                .filter(p -> p != Pair.C && r.latency.stream().anyMatch(run -> run.pair() == p)).distinct().toList();
        md.append("### Side by side (median x C, both processes on one CPU; range over repetitions)\n\n");
        md.append("| transport | size |");
        columns.forEach(p -> md.append(' ').append(p.shortName()).append(" |"));
        md.append("\n|---|---:|");
        columns.forEach(p -> md.append("---:|"));
        md.append('\n');
        for (Transport t : several) {
            for (int size : r.config.sizes()) {
                md.append("| ").append(t.label()).append(" | ").append(size(size)).append(" |");
                for (Pair p : columns) {
                    Alternative a = t.alternative(p);
                    List<Double> values = r.ratios(t, size, Pinning.ONE_CPU, p, LatencyStats::median);
                    String cell = a != null ? ratioWithRange(a, q -> values)
                            : values.isEmpty() ? "not run" : precise(Results.median(values)) + " (" + range(values) + ")";
                    md.append(' ').append(cell).append(" |");
                }
                md.append('\n');
            }
        }
        for (BulkTransport bt : r.config.bulkTransports()) {
            if (several.stream().noneMatch(t -> t.argument().equals(bt.argument()))) {
                continue;   // only the bulk copies of the transports in this table
            }
            List<Double> lib = r.bulkRatios(bt, Pinning.ONE_CPU, Pair.LIBRARY);
            if (lib.isEmpty()) {
                continue;
            }
            md.append("| bulk ").append(bt.label()).append(" (throughput) | 64 KiB chunks |");
            for (Pair p : columns) {
                Alternative a = bt.alternative(p);
                List<Double> values = r.bulkRatios(bt, Pinning.ONE_CPU, p);
                String cell = p == Pair.LIBRARY ? precise(Results.median(values)) + " (" + range(values) + ")"
                        : a == null ? "not measured" : ratioWithRange(a, q -> values);
                md.append(' ').append(cell).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    /** "ratio | range | met" for ratios that must stay at most (or at least) {@code target}. */
    private static String verdictCells(List<Double> ratios, double target, boolean atMost) {
        double m = Results.median(ratios);
        String met = Double.isNaN(m) ? "not run" : (atMost ? m <= target : m >= target) ? "yes" : "**no**";
        return precise(m) + " | " + range(ratios) + " | " + met;
    }

    private static String range(List<Double> ratios) {
        if (ratios.isEmpty()) {
            return "";
        }
        double lo = ratios.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double hi = ratios.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return precise(lo) + "-" + precise(hi);
    }

    private static String precise(double r) {
        return Double.isNaN(r) ? "n/a" : String.format(Locale.ROOT, "%.3f", r);
    }

    static String size(int bytes) {
        return bytes >= 1024 ? bytes / 1024 + " KiB" : bytes + " B";
    }

    private static String mib(long bytes) {
        return bytes >= (1L << 30) ? bytes / (1L << 30) + " GiB" : bytes / (1L << 20) + " MiB";
    }

    private static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1000.0);
    }

    private static String ratio(double r) {
        return Double.isNaN(r) ? "n/a" : String.format(Locale.ROOT, "%.2f", r);
    }

    private static String fixed(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String minutes(long millis) {
        Duration d = Duration.ofMillis(millis);
        return String.format(Locale.ROOT, "%d min %02d s", d.toMinutes(), d.toSecondsPart());
    }
}
