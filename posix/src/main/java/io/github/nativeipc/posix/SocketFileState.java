package io.github.nativeipc.posix;

import io.github.nativeipc.error.IpcException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What is at a socket path: what a server binding there would find, and what an operator cleaning
 * up stale socket files needs to know ({@link #probe}). Immutable.
 */
public enum SocketFileState {
    /** A socket something is bound to: a probe's {@code connect} succeeded (or was refused for another reason than "nobody"). */
    LIVE,
    /** A socket file nothing is bound to any more ({@code connect} gives {@code ECONNREFUSED}): left by a process that died. */
    STALE,
    /** A file that is not a socket. */
    NOT_A_SOCKET,
    /** Nothing at the path. */
    ABSENT;

    /**
     * Probes {@code path}: {@code lstat}, then, for a socket, a non-blocking {@code connect} of a
     * socket of {@code type}. A live stream or seqpacket server sees the probe as a connection that
     * closes at once.
     */
    public static SocketFileState probe(Path path, UnixSocketType type) throws IpcException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        return SocketFile.probe(UnixSocketAddress.of(path), type).state();
    }
}
