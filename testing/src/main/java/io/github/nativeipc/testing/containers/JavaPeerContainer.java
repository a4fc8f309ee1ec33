package io.github.nativeipc.testing.containers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.testcontainers.containers.BindMode;

/**
 * A JVM in a container running a main class of this test's class path, with this JVM's own JDK
 * ({@code java.home}) and every class-path entry bound read-only at the same paths: nothing is
 * copied or installed, and the code under test is the code this build just compiled.
 *
 * <p>The JDK is a native program of the test machine, so the image must have a compatible C
 * library (a Debian image for a JDK of Debian, say); pure-Java dependencies need nothing. The main
 * class prints what it saw on standard output, which the test reads ({@link #nextLine},
 * {@link #awaitSuccess}). Under Maven, Surefire and Failsafe must be configured with
 * {@code <useManifestOnlyJar>false</useManifestOnlyJar>} so that the class path names the real
 * entries (this class says so if not).
 *
 * <p>Not thread-safe: one owner.
 */
public final class JavaPeerContainer extends PeerContainer<JavaPeerContainer> {
    private final String description;

    private JavaPeerContainer(String image, String mainClass, List<String> jvmOptions, List<String> arguments) {
        super(image);
        this.description = mainClass + (arguments.isEmpty() ? "" : " " + String.join(" ", arguments));
        List<String> command = new ArrayList<>();
        Path javaHome = realPath(Path.of(System.getProperty("java.home")));
        withFileSystemBind(javaHome.toString(), javaHome.toString(), BindMode.READ_ONLY);
        for (Path outside : linkedFromJavaHome(javaHome)) {
            withFileSystemBind(outside.toString(), outside.toString(), BindMode.READ_ONLY);
        }
        Set<String> classPath = new LinkedHashSet<>();
        String[] entries = System.getProperty("java.class.path").split(File.pathSeparator);
        if (entries.length == 1 && Path.of(entries[0]).getFileName().toString().startsWith("surefirebooter")) {
            throw new IllegalStateException("the class path is Surefire's manifest-only jar, whose entries would not"
                    + " be in the container: configure surefire/failsafe with <useManifestOnlyJar>false</useManifestOnlyJar>");
        }
        for (String entry : entries) {
            Path p = Path.of(entry).toAbsolutePath();
            if (Files.exists(p)) {
                classPath.add(p.toString());
                withFileSystemBind(p.toString(), p.toString(), BindMode.READ_ONLY);
            }
        }
        command.add(javaHome.resolve("bin/java").toString());
        command.add("-XX:+UseSerialGC");
        command.add("-Xshare:auto");
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classPath));
        command.add(mainClass);
        command.addAll(arguments);
        withCommand(command.toArray(String[]::new));
    }

    /** Runs {@code mainClass} with {@code arguments} in {@code image}. */
    public static JavaPeerContainer of(String image, Class<?> mainClass, String... arguments) {
        return new JavaPeerContainer(image, mainClass.getName(), List.of(), List.of(arguments));
    }

    /** Runs {@code mainClass} with JVM options (such as {@code -Xmx64m}) and {@code arguments} in {@code image}. */
    public static JavaPeerContainer of(String image, List<String> jvmOptions, Class<?> mainClass, String... arguments) {
        return new JavaPeerContainer(image, mainClass.getName(), jvmOptions, List.of(arguments));
    }

    @Override
    protected String describe() {
        return "`java " + description + "` in " + getDockerImageName();
    }

    private static volatile List<Path> linkedDirectories;

    /**
     * The directories outside {@code javaHome} that its symbolic links point into (Debian's JDKs
     * keep {@code lib/jvm.cfg} and {@code conf/} in {@code /etc/java-17-openjdk}), the outermost
     * ones only: bound too, or the JVM would not start.
     */
    private static List<Path> linkedFromJavaHome(Path javaHome) {
        List<Path> known = linkedDirectories;
        if (known != null) {
            return known;
        }
        Set<Path> dirs = new java.util.TreeSet<>();
        try (var files = Files.walk(javaHome)) {
            for (Path link : files.filter(Files::isSymbolicLink).toList()) {
                Path target = link.getParent().resolve(Files.readSymbolicLink(link)).normalize();
                if (!target.startsWith(javaHome) && Files.exists(target)) {
                    dirs.add(Files.isDirectory(target) ? target : target.getParent());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + javaHome, e);
        }
        List<Path> outermost = new ArrayList<>();
        for (Path d : dirs) {      // sorted: a directory comes before those inside it
            if (outermost.isEmpty() || !d.startsWith(outermost.get(outermost.size() - 1))) {
                outermost.add(d);
            }
        }
        linkedDirectories = List.copyOf(outermost);
        return linkedDirectories;
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
