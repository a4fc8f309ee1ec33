package io.github.nativeipc.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A running C peer program (compiled by the build from {@code src/test/c} into the directory named
 * by the system property {@code nipc.peers.dir}): its stdout as lines, its stderr, its exit code,
 * every wait bounded by a timeout. Closing kills a peer that is still running.
 *
 * <p>Not thread-safe: one owner.
 */
public final class CPeer implements AutoCloseable {
    private static final String EOF = "\u0000EOF";

    private final String description;
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final StringBuffer errors = new StringBuffer();

    private CPeer(String description, Process process) {
        this.description = description;
        this.process = process;
        pump(process.getInputStream(), true);
        pump(process.getErrorStream(), false);
    }

    /** The compiled peer {@code program}. */
    public static Path binary(String program) {
        String dir = System.getProperty("nipc.peers.dir");
        if (dir == null) {
            throw new IllegalStateException("system property nipc.peers.dir is not set: run through Maven,"
                    + " which compiles the C peers (make -C integration-tests/src/test/c)");
        }
        Path p = Path.of(dir, program);
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException("C peer " + p + " was not built");
        }
        return p;
    }

    /** Starts {@code program} with {@code args}. */
    public static CPeer start(String program, String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary(program).toString());
        command.addAll(List.of(args));
        try {
            return new CPeer(String.join(" ", command), new ProcessBuilder(command).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** The next line the peer printed, waiting at most {@code timeout}. */
    public String nextLine(Duration timeout) throws InterruptedException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("no output from `" + description + "` within " + timeout + "; stderr: " + errors);
        }
        if (line.equals(EOF)) {
            lines.add(EOF);
            throw new AssertionError("`" + description + "` ended without printing more; stderr: " + errors);
        }
        seen.add(line);
        return line;
    }

    /** Waits at most {@code timeout} for the exit, returns the exit code; kills the peer on timeout. */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("`" + description + "` did not end within " + timeout + "; stderr: " + errors);
        }
        return process.exitValue();
    }

    /** Waits for a successful exit and returns everything it printed that was not read yet. */
    public List<String> awaitSuccess(Duration timeout) throws InterruptedException {
        int code = waitFor(timeout);
        List<String> rest = new ArrayList<>();
        for (String l; (l = lines.poll(5, TimeUnit.SECONDS)) != null && !l.equals(EOF); ) {
            rest.add(l);
        }
        if (code != 0) {
            throw new AssertionError("`" + description + "` exited with " + code + "; stdout: " + rest + "; stderr: " + errors);
        }
        return rest;
    }

    /** What the peer wrote to stderr so far. */
    public String errors() {
        return errors.toString();
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private void pump(InputStream in, boolean stdout) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    if (stdout) {
                        lines.add(l);
                    } else {
                        errors.append(l).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // the process was killed
            } finally {
                if (stdout) {
                    lines.add(EOF);
                }
            }
        }, "c-peer-" + (stdout ? "out" : "err"));
        t.setDaemon(true);
        t.start();
    }
}
