package io.github.nativeipc.it.containers;

import io.github.nativeipc.testing.containers.CPeerContainer;
import io.github.nativeipc.testing.containers.JavaPeerContainer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The container tests' peers: the C programs of src/test/c and {@link ContainerJavaPeer}, in the local Debian image. */
final class Peers {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Peers() {}

    /** The image the engine script built (local/debian:bookworm). */
    static String image() {
        return System.getProperty("nipc.container.image", "local/debian:bookworm");
    }

    /** {@code program} (src/test/c/PROGRAM.c, compiled statically now) with {@code args}, in a container not yet started. */
    static CPeerContainer c(String program, String... args) {
        String src = System.getProperty("nipc.peers.src");
        if (src == null) {
            throw new IllegalStateException("system property nipc.peers.src is not set: run through Maven (failsafe)");
        }
        return CPeerContainer.fromSource(Path.of(src, program + ".c"), image()).withArguments(args);
    }

    /** {@link ContainerJavaPeer} in {@code mode} with {@code args}, in a container not yet started. */
    static JavaPeerContainer java(String mode, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = mode;
        System.arraycopy(args, 0, all, 1, args.length);
        return JavaPeerContainer.of(image(), List.of("-Xmx64m"), ContainerJavaPeer.class, all);
    }
}
