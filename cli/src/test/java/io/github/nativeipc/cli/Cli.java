package io.github.nativeipc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs nipc in this JVM ({@link Nipc#run}) or as a child process, and the C program ipc_maker. */
final class Cli {
    private Cli() {}

    /** What a run left: exit status, standard output (bytes and text), standard error. */
    record Result(int code, byte[] stdout, String err) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        /** Asserts success and returns standard output. */
        String ok() {
            assertEquals(0, code, "exit status; stderr: " + err);
            return out();
        }

        /** Asserts {@code expected} status with one line on stderr and no stack trace; returns stderr. */
        String fails(int expected) {
            assertEquals(expected, code, "exit status; stdout: " + out() + " stderr: " + err);
            assertEquals(1, err.lines().count(), "one line on stderr: " + err);
            assertFalse(err.contains("\tat "), "no stack trace: " + err);
            return err;
        }
    }

    /** This process's user id. */
    static int uid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }

    static Result nipc(String... args) {
        return nipcWithInput(new byte[0], args);
    }

    static Result nipcWithInput(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Nipc.run(args, new ByteArrayInputStream(stdin), o, e);
        }
        return new Result(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    /** nipc's main in a new JVM ({@code prefix} runs before java, such as setpriv), with {@code stdin}. */
    static Result nipcProcess(List<String> prefix, byte[] stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1");
        command.add("--enable-native-access=ALL-UNNAMED");   // JDK 22+ warns on stderr without it
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Nipc.class.getName());
        command.addAll(List.of(args));
        return run(command, stdin);
    }

    /** The C program: asserts it succeeded and returns its standard output. */
    static String c(String... args) throws IOException, InterruptedException {
        Result r = cResult(args);
        assertEquals(0, r.code(), "ipc_maker " + String.join(" ", args) + ": " + r.err());
        return r.out();
    }

    static Result cResult(String... args) throws IOException, InterruptedException {
        String dir = System.getProperty("nipc.peers.dir");
        if (dir == null) {
            throw new IllegalStateException("nipc.peers.dir is not set: run through Maven, which compiles src/test/c");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(dir, "ipc_maker").toString());
        command.addAll(List.of(args));
        return run(command, new byte[0]);
    }

    static Result run(List<String> command, byte[] stdin) throws IOException, InterruptedException {
        Path err = Files.createTempFile("nipc-test", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            p.getOutputStream().write(stdin);
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not end within 60 s");
            }
            return new Result(p.exitValue(), out, Files.readString(err));
        } finally {
            Files.delete(err);
        }
    }
}
