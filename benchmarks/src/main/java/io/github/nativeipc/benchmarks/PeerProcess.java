package io.github.nativeipc.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One started process of a run (a server or a client), its stderr kept in a file for the error
 * message. Every wait is bounded; closing kills it if it is still running. Not thread-safe.
 */
final class PeerProcess implements AutoCloseable {
    private final List<String> command;
    private final Process process;
    private final Path stderr;

    private PeerProcess(List<String> command, Process process, Path stderr) {
        this.command = command;
        this.process = process;
        this.stderr = stderr;
    }

    static PeerProcess start(List<String> command) throws IOException {
        Path stderr = Files.createTempFile("nipc-bench-", ".err");
        Process p = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile())
                .start();
        return new PeerProcess(command, p, stderr);
    }

    /** Waits for a successful exit; throws with the command and its stderr otherwise. */
    void awaitSuccess(Duration timeout) throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException("`" + String.join(" ", command) + "` did not end within " + timeout + "; stderr: "
                    + Files.readString(stderr));
        }
        if (process.exitValue() != 0) {
            throw new IOException("`" + String.join(" ", command) + "` exited with " + process.exitValue()
                    + "; stderr: " + Files.readString(stderr));
        }
    }

    /**
     * Waits until {@code path} exists (a server's socket), polling every millisecond; throws with
     * the command and its stderr if the process ends first or {@code timeout} passes.
     */
    void awaitPath(Path path, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(path)) {
            if (!process.isAlive()) {
                throw new IOException("`" + String.join(" ", command) + "` exited with " + process.exitValue()
                        + " before creating " + path + "; stderr: " + Files.readString(stderr));
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("`" + String.join(" ", command) + "` did not create " + path + " within "
                        + timeout + "; stderr: " + Files.readString(stderr));
            }
            Thread.sleep(1);
        }
    }

    @Override
    public void close() throws IOException {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Files.deleteIfExists(stderr);
    }
}
