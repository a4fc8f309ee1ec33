package io.github.nativeipc;

import io.github.nativeipc.bindings.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The C child of the {@link ChildProcess} spec tests ({@code src/test/c/child_peer.c}): compiled
 * here with gcc on first use on POSIX; under Wine the run built it with mingw beforehand
 * ({@code nipc.wine.peers}).
 */
final class ChildPeer {
    private static Path program;

    private ChildPeer() {
    }

    /** The path of the built child program. */
    static synchronized String path() throws IOException, InterruptedException {
        if (program == null) {
            program = Platform.current().os() == Platform.Os.WINDOWS ? windowsBuild() : compile();
        }
        return program.toString();
    }

    private static Path windowsBuild() throws IOException {
        String peers = System.getProperty("nipc.wine.peers");
        Path exe = Path.of(peers != null ? peers : "target/wine/peers", "child_peer.exe");
        if (peers != null && !Files.isRegularFile(exe)) {
            throw new IOException("the Wine run did not build " + exe + " (x86_64-w64-mingw32-gcc from src/test/c/child_peer.c)");
        }
        Assumptions.assumeTrue(Files.isRegularFile(exe), "C child not built: " + exe
                + " (on Windows build src/test/c/child_peer.c and pass -Dnipc.wine.peers=DIR)");
        return exe;
    }

    private static Path compile() throws IOException, InterruptedException {
        Path source = Path.of("src/test/c/child_peer.c").toAbsolutePath();
        Path out = Path.of("target/c/child_peer").toAbsolutePath();
        Files.createDirectories(out.getParent());
        Process gcc = new ProcessBuilder("gcc", "-O2", "-Wall", "-Werror", "-o", out.toString(), source.toString())
                .redirectErrorStream(true).start();
        String messages = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!gcc.waitFor(60, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
            throw new IOException("gcc could not build " + source + ": " + messages);
        }
        return out;
    }
}
