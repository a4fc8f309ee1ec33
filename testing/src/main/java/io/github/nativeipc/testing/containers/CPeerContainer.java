package io.github.nativeipc.testing.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.testcontainers.containers.BindMode;

/**
 * A C peer in a container, built from its source during the test: {@code gcc} on the test's
 * machine compiles it statically ({@code -static}), so it runs in any Linux image whatever C
 * library the image has (or none), and the image needs no compiler. The binary is bound read-only
 * at {@code /opt/nipc/PROGRAM} and run with the given arguments:
 *
 * <pre>{@code
 * try (CPeerContainer peer = CPeerContainer.fromSource(Path.of("src/test/c/mq_peer.c"), "debian:bookworm")
 *         .withArguments("receive", "/jobs", "1")) {
 *     IpcContainers.shareHostIpc(peer).start();
 *     assertEquals(List.of("5 hello", "done 1"), peer.awaitSuccess(Duration.ofSeconds(30)));
 * }
 * }</pre>
 *
 * Headers next to the source are found ({@code #include "peer.h"}). Compiled binaries are kept in
 * {@code java.io.tmpdir/nipc-c-peers-USER} (mode 0700), named after a SHA-256 of the source, the headers beside it
 * and the flags, so a peer is compiled once per change. Needs {@code gcc} and the static C library
 * ({@code libc6-dev} on Debian, {@code glibc-static} on Fedora).
 *
 * <p>Not thread-safe: one owner.
 */
public final class CPeerContainer extends PeerContainer<CPeerContainer> {
    /** The flags used unless {@link #fromSource(Path, String, List)} is given others. */
    public static final List<String> DEFAULT_FLAGS = List.of("-O2", "-std=gnu11", "-Wall", "-Wextra", "-Werror", "-pthread");
    private static final Path CACHE = Path.of(System.getProperty("java.io.tmpdir"), "nipc-c-peers-" + System.getProperty("user.name"));
    private static final String MOUNT = "/opt/nipc/";

    private final String program;

    private CPeerContainer(String image, Path binary) {
        super(image);
        this.program = MOUNT + binary.getFileName();
        withFileSystemBind(binary.toString(), program, BindMode.READ_ONLY);
        withCommand(program);
    }

    /** Compiles {@code source} with {@link #DEFAULT_FLAGS} (plus {@code -static}, {@code -lrt}) for {@code image}. */
    public static CPeerContainer fromSource(Path source, String image) {
        return fromSource(source, image, DEFAULT_FLAGS);
    }

    /** Compiles {@code source} with {@code flags}, {@code -static} and {@code -lrt -pthread}, for {@code image}. */
    public static CPeerContainer fromSource(Path source, String image, List<String> flags) {
        return new CPeerContainer(image, compile(source, flags));
    }

    /** Runs the program with these arguments. */
    public CPeerContainer withArguments(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(program);
        command.addAll(List.of(arguments));
        return withCommand(command.toArray(String[]::new));
    }

    /**
     * The static binary of {@code source} compiled with {@code flags}, from the cache or by
     * {@code gcc} now.
     *
     * @throws IllegalStateException with gcc's messages if it fails
     */
    public static Path compile(Path source, List<String> flags) {
        try {
            String name = source.getFileName().toString().replaceFirst("\\.c$", "");
            Path binary = CACHE.resolve(name + "-" + digest(source, flags));
            if (Files.isExecutable(binary)) {
                return binary;
            }
            if (!Files.isDirectory(CACHE)) {
                Files.createDirectories(CACHE, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
            }
            Path partial = Files.createTempFile(CACHE, name, ".partial");
            List<String> command = new ArrayList<>();
            command.add("gcc");
            command.addAll(flags);
            command.addAll(List.of("-static", "-o", partial.toString(), source.toAbsolutePath().toString(), "-lrt", "-pthread"));
            Process gcc = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!gcc.waitFor(120, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
                gcc.destroyForcibly();
                Files.deleteIfExists(partial);
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
            Files.move(partial, binary, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return binary;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compile " + source + " (is gcc installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling " + source, e);
        }
    }

    private static String digest(Path source, List<String> flags) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(String.join(" ", flags).getBytes(StandardCharsets.UTF_8));
            sha.update(Files.readAllBytes(source));
            Path dir = source.toAbsolutePath().getParent();
            try (var headers = Files.list(dir)) {
                for (Path h : headers.filter(p -> p.toString().endsWith(".h")).sorted().toList()) {
                    sha.update(h.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                    sha.update(Files.readAllBytes(h));
                }
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
