package io.github.nativeipc.testing.containers;

import com.github.dockerjava.api.command.InspectContainerResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * A container running one peer program that a test talks to: its standard output as lines, its
 * standard error, its exit code, every wait bounded. The image is never pulled
 * ({@link IpcContainers#localImageOnly}), the container has no network ({@code --network none}:
 * IPC needs none), and it counts as started once it runs or has already ended (a short peer may
 * finish before Testcontainers looks). {@code close()} (or {@code stop()}) removes it.
 *
 * <p>Not thread-safe: one owner. Subclasses say what runs: {@link CPeerContainer},
 * {@link JavaPeerContainer}.
 *
 * @param <SELF> the subclass, for chaining
 */
public abstract class PeerContainer<SELF extends PeerContainer<SELF>> extends GenericContainer<SELF> {
    private static final String END = "\u0000END";

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer errors = new StringBuffer();
    private final List<String> read = new ArrayList<>();

    protected PeerContainer(String image) {
        super(DockerImageName.parse(image));
        IpcContainers.localImageOnly(self());
        withNetworkMode("none");
        withStartupCheckStrategy(new RunningOrEnded());
        withLogConsumer(this::accept);
    }

    private void accept(OutputFrame frame) {
        switch (frame.getType()) {
            case STDOUT -> lines.add(strip(frame.getUtf8String()));
            case STDERR -> errors.append(frame.getUtf8String());
            case END -> lines.add(END);
        }
    }

    private static String strip(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        return line.substring(0, end);
    }

    /** The next line the peer printed on standard output, waiting at most {@code timeout}. */
    public String nextLine(Duration timeout) throws InterruptedException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("no output from " + describe() + " within " + timeout + "; stderr: " + errors);
        }
        if (line.equals(END)) {
            lines.add(END);
            throw new AssertionError(describe() + " ended without printing more; read so far " + read + "; stderr: " + errors);
        }
        read.add(line);
        return line;
    }

    /** Waits at most {@code timeout} for the peer to end and returns its exit code. */
    public int awaitExit(Duration timeout) {
        Integer code = getDockerClient().waitContainerCmd(getContainerId()).start()
                .awaitStatusCode(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (code == null) {
            throw new AssertionError(describe() + " did not end within " + timeout + "; stderr: " + errors);
        }
        return code;
    }

    /**
     * Waits at most {@code timeout} for a successful end and returns what the peer printed that was
     * not read yet; an exit code other than 0 is an {@link AssertionError} with its output.
     */
    public List<String> awaitSuccess(Duration timeout) throws InterruptedException {
        int code = awaitExit(timeout);
        List<String> rest = new ArrayList<>();
        for (String l; (l = lines.poll(5, TimeUnit.SECONDS)) != null && !l.equals(END); ) {
            rest.add(l);
        }
        if (code != 0) {
            throw new AssertionError(describe() + " exited with " + code + "; stdout: " + read + rest + "; stderr: " + errors);
        }
        return rest;
    }

    /** What the peer wrote to standard error so far. */
    public String errors() {
        return errors.toString();
    }

    /** How messages name this peer. */
    protected String describe() {
        return "`" + String.join(" ", getCommandParts()) + "` in " + getDockerImageName();
    }

    /** Started once the container runs, or already ran: a peer may end before it is looked at. */
    private static final class RunningOrEnded extends StartupCheckStrategy {
        @Override
        public StartupStatus checkStartupState(com.github.dockerjava.api.DockerClient client, String containerId) {
            InspectContainerResponse.ContainerState state = getCurrentState(client, containerId);
            if (Boolean.TRUE.equals(state.getRunning())) {
                return StartupStatus.SUCCESSFUL;
            }
            String finished = state.getFinishedAt();
            return finished != null && !finished.startsWith("0001-") ? StartupStatus.SUCCESSFUL : StartupStatus.NOT_YET_KNOWN;
        }
    }
}
