package io.github.nativeipc.windows;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * Starts the mingw-built C peer ({@code src/test/c/win_peer.c}) as a Windows process, and makes
 * names unique to this test JVM. For the *WindowsTest classes.
 */
public final class WinPeer implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final Process process;

    private WinPeer(Process process) {
        this.process = process;
    }

    /** FNV-1a 64, as win_peer.c computes it. */
    public static long fnv(long h, ByteBuffer b) {
        for (int i = b.position(); i < b.limit(); i++) {
            h ^= b.get(i) & 0xff;
            h *= 1099511628211L;
        }
        return h;
    }

    public static final long FNV_START = 0xcbf29ce484222325L;

    /** Byte i of the test stream with seed s, as win_peer.c makes it. */
    public static byte pattern(long i, int s) {
        return (byte) ((i * 131 + s) ^ (i >> 8));
    }

    /** A direct buffer of {@code size} bytes of the test stream with {@code seed}. */
    public static ByteBuffer patterned(int size, int seed) {
        ByteBuffer b = ByteBuffer.allocateDirect(size);
        for (int i = 0; i < size; i++) {
            b.put(i, pattern(i, seed));
        }
        return b;
    }

    /** {@code Local\nipc-t<pid>-<n>-<what>}. */
    static String objectName(String what) {
        return "Local\\nipc-t" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet() + "-" + what;
    }

    /** {@code \\.\pipe\nipc-t<pid>-<n>-<what>}. */
    static String pipeName(String what) {
        return "\\\\.\\pipe\\nipc-t" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet() + "-" + what;
    }

    /** The peer's executable: under the Wine run it must have been built (else this fails); elsewhere a test without it is skipped with the reason. */
    static Path exe() {
        String peers = System.getProperty("nipc.wine.peers");
        Path exe = Path.of(peers != null ? peers : "target/wine/peers", "win_peer.exe");
        if (peers != null && !Files.isRegularFile(exe)) {
            throw new IllegalStateException("the Wine run did not build " + exe + " (x86_64-w64-mingw32-gcc from src/test/c/win_peer.c)");
        }
        Assumptions.assumeTrue(Files.isRegularFile(exe), "C peer not built: " + exe + " (the Wine run builds it with"
                + " x86_64-w64-mingw32-gcc from src/test/c/win_peer.c; on Windows build it and pass -Dnipc.wine.peers=DIR)");
        return exe.toAbsolutePath();
    }

    /** Starts {@code win_peer.exe args...}; its standard error goes to this JVM's. */
    public static WinPeer start(String... args) throws IOException {
        Path exe = exe();
        List<String> command = new ArrayList<>();
        command.add(exe.toString());
        command.addAll(List.of(args));
        // Wine 8 now and then fails to start a process with ERROR_INTERNAL_ERROR (1359), seen once in
        // CI with this very peer; the peer never ran then, so starting it again changes no outcome.
        for (int attempt = 1; ; attempt++) {
            try {
                return new WinPeer(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
            } catch (IOException e) {
                if (attempt == 3 || e.getMessage() == null || !e.getMessage().contains("error=1359")) {
                    throw e;
                }
            }
        }
    }

    /** Runs {@code win_peer.exe args...} to its end (at most 60 s) and returns its standard output. */
    public static String run(String... args) throws Exception {
        try (WinPeer peer = start(args)) {
            return peer.finish();
        }
    }

    /** Waits for the end (at most 60 s); asserts exit status 0; returns standard output. */
    public String finish() throws Exception {
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace("\r", "");
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "C peer did not end");
        assertTrue(process.exitValue() == 0, "C peer exit status " + process.exitValue() + ", output: " + out);
        return out;
    }

    /** The next line of standard output (blocking). */
    String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c; (c = process.getInputStream().read()) != -1 && c != '\n';) {
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    Process process() {
        return process;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
