package io.github.nativeipc.benchmarks.client;

import io.github.nativeipc.IpcName;
import io.github.nativeipc.LocalServer;
import io.github.nativeipc.error.InvalidArgumentException;
import io.github.nativeipc.error.IpcException;
import java.nio.file.Path;

/**
 * How the facade's client finds the objects of a run, which the harness hands to every client as
 * POSIX names ({@code /nipc-bPID-N-req}) and socket paths: the facade names objects portably
 * ({@link IpcName}) and maps each name to the OS's namespace by fixed rules, so the portable name
 * of {@code /NAME} is {@code NAME}, and a socket path is reachable by the facade only if it is
 * where a name maps ({@link LocalServer#socketPath(IpcName)}), which is where the harness has the C
 * server listen. Thread-safe (stateless).
 */
public final class FacadeNames {
    private FacadeNames() {}

    /** The portable name whose POSIX name is {@code posixName} ({@code /NAME} gives {@code NAME}). */
    public static IpcName ofPosixName(String posixName) throws IpcException {
        if (!posixName.startsWith("/")) {
            throw new IllegalArgumentException("not a POSIX object name (/NAME): " + posixName);
        }
        return IpcName.of(posixName.substring(1));
    }

    /**
     * The portable name whose local server listens at {@code socketPath}: {@code NAME} for
     * {@code RUNTIME_DIR/NAME.sock}.
     *
     * @throws IllegalArgumentException if no name maps there (the facade cannot connect to an arbitrary path)
     */
    public static IpcName ofSocketPath(String socketPath) throws IpcException {
        Path path = Path.of(socketPath);
        String file = path.getFileName().toString();
        if (file.endsWith(".sock")) {
            try {
                IpcName name = IpcName.of(file.substring(0, file.length() - ".sock".length()));
                if (LocalServer.socketPath(name).equals(path)) {
                    return name;
                }
            } catch (InvalidArgumentException notAName) {
                // falls through: no name maps there
            }
        }
        throw new IllegalArgumentException("the facade reaches a local server by name only, and no name maps to "
                + socketPath + " (a name NAME maps to " + LocalServer.socketPath(IpcName.of("NAME")) + ")");
    }
}
