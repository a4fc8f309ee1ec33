package io.github.nativeipc.testing.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;

/**
 * Testcontainers settings for IPC between a test and containers, applied to any
 * {@link GenericContainer} before it starts:
 * <ul>
 *   <li>{@link #shareHostIpc}: {@code --ipc=host}, the container sees the POSIX shared memory,
 *       semaphores and message queues and the System V objects of the Docker host's IPC namespace,
 *       which is this JVM's when the JVM runs on that host ({@link #ipcNamespace()} and
 *       {@link #ipcNamespace(Container)} tell for sure);</li>
 *   <li>{@link #shareable} and {@link #joinIpcOf}: {@code --ipc=shareable} on one container and
 *       {@code --ipc=container:ID} on others, one namespace for them all and none of the host's;</li>
 *   <li>{@link #privateIpc}: {@code --ipc=private}, a namespace (and a {@code /dev/shm}, 64 MB by
 *       default, see {@code withSharedMemorySize}) of its own;</li>
 *   <li>{@link #bindDirectory}: a host directory at a path inside, read-write, for FIFOs and socket
 *       files (both sides must see the same inode: bind the directory, not a copy);</li>
 *   <li>{@link #localImageOnly}: never pull, for machines where no registry is reachable.</li>
 * </ul>
 * Each returns the container it was given, to chain. Stateless and thread-safe.
 */
public final class IpcContainers {
    private IpcContainers() {}

    /** {@code --ipc=host}: the Docker host's IPC namespace. */
    public static <T extends GenericContainer<T>> T shareHostIpc(T container) {
        return ipcMode(container, "host");
    }

    /** {@code --ipc=shareable}: a namespace of its own that other containers may join ({@link #joinIpcOf}). */
    public static <T extends GenericContainer<T>> T shareable(T container) {
        return ipcMode(container, "shareable");
    }

    /** {@code --ipc=private}: a namespace of its own that nobody else can join. */
    public static <T extends GenericContainer<T>> T privateIpc(T container) {
        return ipcMode(container, "private");
    }

    /**
     * {@code --ipc=container:ID}: the namespace of {@code owner}, which must be {@link #shareable}
     * (or share the host's). {@code owner} is started first ({@code dependsOn}); its id is taken when
     * {@code container} is created.
     */
    public static <T extends GenericContainer<T>> T joinIpcOf(T container, GenericContainer<?> owner) {
        container.dependsOn(owner);
        return container.withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withIpcMode("container:" + owner.getContainerId()));
    }

    private static <T extends GenericContainer<T>> T ipcMode(T container, String mode) {
        return container.withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withIpcMode(mode));
    }

    /**
     * Binds {@code hostDirectory} (which must exist) at {@code containerPath}, read-write: a FIFO or
     * a socket file made on either side is the same object for both.
     */
    public static <T extends GenericContainer<T>> T bindDirectory(T container, Path hostDirectory, String containerPath) {
        if (!Files.isDirectory(hostDirectory)) {
            throw new IllegalArgumentException(hostDirectory + " is not a directory");
        }
        return container.withFileSystemBind(hostDirectory.toAbsolutePath().toString(), containerPath, BindMode.READ_WRITE);
    }

    /** Never pulls the image: it must have been built or loaded into the engine already. */
    public static <T extends GenericContainer<T>> T localImageOnly(T container) {
        return container.withImagePullPolicy(image -> false);
    }

    /** This process's IPC namespace, such as {@code ipc:[4026531839]} ({@code readlink /proc/self/ns/ipc}). */
    public static String ipcNamespace() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/ns/ipc")).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/ns/ipc (Linux only)", e);
        }
    }

    /** The IPC namespace of a running container's processes, read inside it ({@code readlink /proc/self/ns/ipc}). */
    public static String ipcNamespace(Container<?> container) {
        try {
            Container.ExecResult r = container.execInContainer("readlink", "/proc/self/ns/ipc");
            if (r.getExitCode() != 0) {
                throw new IllegalStateException("readlink /proc/self/ns/ipc in " + container.getContainerName()
                        + " exited with " + r.getExitCode() + ": " + r.getStderr());
            }
            return r.getStdout().trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Whether Testcontainers finds a Docker engine (its own discovery: {@code DOCKER_HOST}, the default socket, ...). */
    public static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }
}
