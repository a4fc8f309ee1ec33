package io.github.nativeipc.benchmarks.windows;

import io.github.nativeipc.benchmarks.LatencyStats;
import io.github.nativeipc.memory.MappedMemory;
import io.github.nativeipc.windows.FileMapping;
import io.github.nativeipc.windows.MappingAccess;
import io.github.nativeipc.windows.NamedPipe;
import io.github.nativeipc.windows.NamedPipeClient;
import io.github.nativeipc.windows.PipeMode;
import io.github.nativeipc.windows.WindowsEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Round trips through the Windows transports, run on a Windows JRE (under Wine by
 * {@code benchmarks/run-windows.sh}): a C server ({@code win_bench.exe}, mingw-w64) echoes, and
 * two clients take turns against it in the same sitting: the C client (the floor) and a Java
 * client on this library. Transports: a message-mode named pipe ({@code WriteFile}/{@code ReadFile}
 * vs {@link NamedPipe#send}/{@link NamedPipe#receive}), and a file mapping with two auto-reset
 * events ({@code memcpy}+{@code SetEvent}/{@code WaitForSingleObject} vs {@link MappedMemory#put}
 * + {@link WindowsEvent#set}/{@link WindowsEvent#await}). 8 B and 4 KiB messages.
 *
 * <p>Arguments: {@code WIN_BENCH_EXE REPORT.md quick|full}; {@code -Dnipc.bench.pinning} says how
 * the script pinned the processes (all on one CPU with {@code taskset}, Wine's wineserver
 * included). Each cell is the median of the runs' medians (and of their p99s).
 */
public final class WindowsRoundTrips {
    private WindowsRoundTrips() {}

    private static final int[] SIZES = {8, 4096};

    public static void main(String[] args) throws Exception {
        Path exe = Path.of(args[0]);
        Path report = Path.of(args[1]);
        boolean quick = args.length > 2 && args[2].equals("quick");
        int warmup = quick ? 2_000 : 20_000;
        int count = quick ? 10_000 : 50_000;
        int reps = quick ? 2 : 3;
        StringBuilder md = new StringBuilder();
        md.append("# Windows round trips under Wine, ").append(LocalDate.now()).append(quick ? " (quick)" : "").append("\n\n")
                .append("Java ").append(System.getProperty("java.version")).append(" (").append(System.getProperty("java.vm.name"))
                .append(") on ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs; ").append(warmup)
                .append(" warm-up and ").append(count).append(" timed round trips per run, ").append(reps)
                .append(" runs per pair, alternating; ").append(System.getProperty("nipc.bench.pinning", "unpinned"))
                .append(". Times in microseconds: the median over the runs (the lower one of two) of each run's median and p99.\n\n")
                .append("| transport | bytes | C<->C median | C<->C p99 | Java<->C median | Java<->C p99 | ratio (median) |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (String transport : new String[] {"pipe", "shm"}) {
            for (int size : SIZES) {
                List<LatencyStats> c = new ArrayList<>();
                List<LatencyStats> java = new ArrayList<>();
                for (int r = 0; r < reps; r++) {
                    c.add(run(exe, transport, size, warmup, count, false));
                    java.add(run(exe, transport, size, warmup, count, true));
                }
                long cMed = medianOf(c, true);
                long jMed = medianOf(java, true);
                String line = String.format("| %s | %d | %.1f | %.1f | %.1f | %.1f | %.2f |%n",
                        transport.equals("pipe") ? "named pipe, message mode" : "file mapping + 2 events", size,
                        cMed / 1000.0, medianOf(c, false) / 1000.0, jMed / 1000.0, medianOf(java, false) / 1000.0,
                        (double) jMed / cMed);
                System.out.print(line);
                md.append(line);
            }
        }
        Files.writeString(report, md.toString(), StandardCharsets.UTF_8);
        System.out.println("report: " + report);
    }

    private static long medianOf(List<LatencyStats> runs, boolean median) {
        long[] v = runs.stream().mapToLong(s -> median ? s.median() : s.p99()).toArray();
        Arrays.sort(v);
        return v[(v.length - 1) / 2];
    }

    private static LatencyStats run(Path exe, String transport, int size, int warmup, int count, boolean java) throws Exception {
        String name = transport.equals("pipe")
                ? "\\\\.\\pipe\\nipc-bench-" + ProcessHandle.current().pid() + "-" + System.nanoTime()
                : "Local\\nipc-bench-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Process server = new ProcessBuilder(exe.toString(), transport + "-server", name, Integer.toString(size))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.US_ASCII));
            if (!"ready".equals(out.readLine())) {
                throw new IOException("the C server did not start");
            }
            LatencyStats stats;
            if (!java) {
                Process client = new ProcessBuilder(exe.toString(), transport + "-client", name, Integer.toString(size),
                        Integer.toString(warmup), Integer.toString(count)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                String line = new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
                if (!client.waitFor(10, TimeUnit.MINUTES) || client.exitValue() != 0) {
                    throw new IOException("the C client failed: " + line);
                }
                String[] f = line.split("\\s+");   // samples N median M p99 P p999 Q
                stats = new LatencyStats(Integer.parseInt(f[1]), Long.parseLong(f[3]), Long.parseLong(f[5]), Long.parseLong(f[7]));
            } else {
                stats = transport.equals("pipe") ? javaPipe(name, size, warmup, count) : javaShm(name, size, warmup, count);
            }
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                throw new IOException("the C server did not end");
            }
            return stats;
        } finally {
            server.destroyForcibly();
        }
    }

    private static LatencyStats javaPipe(String name, int size, int warmup, int count) throws IOException {
        long[] ns = new long[count];
        try (NamedPipe pipe = NamedPipeClient.connect(name, PipeMode.MESSAGE, Duration.ofSeconds(10))) {
            ByteBuffer out = ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
            ByteBuffer in = ByteBuffer.allocateDirect(65536).order(ByteOrder.nativeOrder());
            for (long i = -warmup; i < count; i++) {
                out.clear();
                out.putLong(0, i);
                long t0 = System.nanoTime();
                pipe.send(out);
                in.clear();
                int n = pipe.receive(in);
                long t1 = System.nanoTime();
                if (n != size || in.getLong(0) != i) {
                    throw new IOException("bad echo at " + i);
                }
                if (i >= 0) {
                    ns[(int) i] = t1 - t0;
                }
            }
        }
        return LatencyStats.of(ns);
    }

    private static final int REQUEST = 64;
    private static final int REPLY = 64 + 8192;

    private static LatencyStats javaShm(String name, int size, int warmup, int count) throws IOException, InterruptedException {
        long[] ns = new long[count];
        try (FileMapping section = FileMapping.open(name, MappingAccess.READ_WRITE);
             MappedMemory mem = section.map(MappingAccess.READ_WRITE);
             WindowsEvent ping = WindowsEvent.open(name + "-ping");
             WindowsEvent pong = WindowsEvent.open(name + "-pong")) {
            ByteBuffer out = ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
            for (long i = -warmup; i < count; i++) {
                out.clear();
                out.putLong(0, i);
                long t0 = System.nanoTime();
                mem.put(REQUEST, out);
                ping.set();
                pong.await();
                long t1 = System.nanoTime();
                if (mem.getLong(REPLY) != i) {
                    throw new IOException("bad reply at " + i);
                }
                if (i >= 0) {
                    ns[(int) i] = t1 - t0;
                }
            }
            mem.setIntVolatile(0, 1);
            ping.set();
        }
        return LatencyStats.of(ns);
    }
}
