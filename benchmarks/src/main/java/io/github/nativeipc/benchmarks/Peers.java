package io.github.nativeipc.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The commands of the processes a run starts: the C program {@code bench_peer} (compiled by the
 * build into the directory named by {@code nipc.bench.peers.dir}) and the Java client, a JVM like
 * this one on this one's class path with default options.
 */
final class Peers {
    private final Path cProgram;
    private final String java;
    private final String classPath;

    private Peers(Path cProgram, String java, String classPath) {
        this.cProgram = cProgram;
        this.java = java;
        this.classPath = classPath;
    }

    static Peers fromSystemProperties() {
        String dir = System.getProperty("nipc.bench.peers.dir");
        if (dir == null) {
            throw new IllegalStateException("system property nipc.bench.peers.dir is not set: run through Maven"
                    + " (benchmarks/run.sh), which compiles the C side into benchmarks/target/c-bench");
        }
        Path program = Path.of(dir, "bench_peer");
        if (!Files.isExecutable(program)) {
            throw new IllegalStateException(program + " was not built");
        }
        return new Peers(program, Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                System.getProperty("java.class.path"));
    }

    /** {@code bench_peer ARGS...}. */
    List<String> c(String... args) {
        List<String> command = new ArrayList<>();
        command.add(cProgram.toString());
        command.addAll(List.of(args));
        return command;
    }

    /** {@code java -cp CP io.github.nativeipc.benchmarks.client.JavaClient ARGS...}. */
    List<String> java(String... args) {
        List<String> command = new ArrayList<>(List.of(java, "-cp", classPath,
                "io.github.nativeipc.benchmarks.client.JavaClient"));
        command.addAll(List.of(args));
        return command;
    }
}
