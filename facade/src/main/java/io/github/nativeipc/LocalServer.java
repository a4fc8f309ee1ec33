package io.github.nativeipc;

import io.github.nativeipc.bindings.Platform;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.posix.PeerCredentials;
import io.github.nativeipc.posix.UnixSocketAddress;
import io.github.nativeipc.posix.UnixSocketType;
import io.github.nativeipc.windows.PipeMode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * A local stream server, portable: a Unix domain stream socket on Linux and macOS, at
 * {@link #socketPath(IpcName)} (in this user's runtime directory, mode {@code 0600}, see
 * {@link RuntimeDirectory}) or, with {@link Namespace#ABSTRACT}, at the Linux abstract name
 * {@code nipc.NAME}; a byte-mode named pipe {@link IpcName#windowsPipeName()} on Windows. Each
 * {@link #accept()} gives a {@link LocalSocket} with the client's {@link PeerIdentity}.
 *
 * <p>Secure by default: the socket file is reachable only by this user (the runtime directory
 * is {@code 0700}, the file {@code 0600}); a stale file left by a dead server is replaced, a live
 * server's never. Abstract names have no permissions: check {@link LocalSocket#peer()}.
 * {@link #close()} removes the socket file. On Windows the pipe is created with
 * {@code FILE_FLAG_FIRST_PIPE_INSTANCE} (no second server on the name), remote clients refused and
 * a DACL granting this user only; one pipe instance serves one client, and the server makes the
 * next instance as it accepts.
 *
 * <p>Thread-safe.
 */
public final class LocalServer implements AutoCloseable {
    /** Where the server's name lives. */
    public enum Namespace {
        /** A socket file in this user's runtime directory (the default; everywhere). */
        RUNTIME_DIRECTORY,
        /** A Linux abstract socket name, {@code nipc.NAME}: no file, no permissions. */
        ABSTRACT
    }

    private static final boolean WINDOWS = Platform.current().os() == Platform.Os.WINDOWS;

    private final IpcName name;
    private final ServerEndpoint endpoint;

    private LocalServer(IpcName name, ServerEndpoint endpoint) {
        this.name = name;
        this.endpoint = endpoint;
    }

    /** A server for {@code name} in the runtime directory. */
    public static LocalServer bind(IpcName name) throws IpcException {
        return bind(name, Namespace.RUNTIME_DIRECTORY);
    }

    /**
     * A server for {@code name} in {@code namespace}: {@code socket}, {@code bind}, {@code chmod 0600},
     * {@code listen}.
     *
     * @throws io.github.nativeipc.error.AddressInUseException if a live server has the name
     * @throws io.github.nativeipc.error.NotSupportedException for {@link Namespace#ABSTRACT} off Linux, or without Unix sockets
     */
    public static LocalServer bind(IpcName name, Namespace namespace) throws IpcException {
        return new LocalServer(name, ServerEndpoint.bind(name, namespace, UnixSocketType.STREAM, PipeMode.BYTE, "LocalServer.bind"));
    }

    static void requireWindows(IpcName name, Namespace namespace, String operation) throws IpcException {
        Objects.requireNonNull(name, "name");
        Capabilities caps = Capabilities.current();
        caps.require(Capability.WINDOWS_NAMED_PIPES, operation + "(" + name + ")", name.toString());
        if (namespace == Namespace.ABSTRACT) {
            caps.require(Capability.ABSTRACT_SOCKET_NAMES, operation + "(" + name + ", ABSTRACT)", name.toString());
        }
    }

    static UnixSocketAddress address(IpcName name, Namespace namespace, String operation) throws IpcException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Capabilities caps = Capabilities.current();
        caps.require(Capability.UNIX_SOCKETS, operation + "(" + name + ")", name.toString());
        if (namespace == Namespace.ABSTRACT) {
            caps.require(Capability.ABSTRACT_SOCKET_NAMES, operation + "(" + name + ", ABSTRACT)", name.toString());
            return UnixSocketAddress.ofAbstract("nipc." + name.value());
        }
        return UnixSocketAddress.of(socketPath(name));
    }

    /**
     * The socket file a server for {@code name} uses: {@code RUNTIME_DIR/NAME.sock}; give it to a C
     * peer. Creates the runtime directory if needed.
     *
     * @throws io.github.nativeipc.error.NotSupportedException on Windows, where the server is the pipe {@link IpcName#windowsPipeName()}
     */
    public static Path socketPath(IpcName name) throws IpcException {
        if (WINDOWS) {
            throw io.github.nativeipc.error.Errors.notSupported("LocalServer.socketPath(" + name + ")", name.toString(),
                    "on Windows a local server is the named pipe " + name.windowsPipeName() + ", not a socket file");
        }
        return RuntimeDirectory.get().resolve(name.value() + ".sock");
    }

    /** Accepts the next client, waiting as long as it takes (interruptible; {@link #close()} from another thread releases it). */
    public LocalSocket accept() throws IOException {
        return endpoint.accept(null, PosixLocalSocket::new, Function.<LocalSocket>identity(), WindowsLocalSocket::new);
    }

    /**
     * Accepts the next client, waiting at most {@code timeout}.
     *
     * @throws io.github.nativeipc.error.WouldBlockException if no client came in time
     */
    public LocalSocket accept(Duration timeout) throws IOException {
        return endpoint.accept(java.util.Objects.requireNonNull(timeout, "timeout"), PosixLocalSocket::new,
                Function.<LocalSocket>identity(), WindowsLocalSocket::new);
    }

    /** The portable name. */
    public IpcName name() {
        return name;
    }

    /** Stops listening and removes the socket file. Idempotent. */
    @Override
    public void close() throws IOException {
        endpoint.close();
    }

    @Override
    public String toString() {
        return "LocalServer[" + name + " -> " + endpoint.where() + "]";
    }

    static PeerIdentity identity(PeerCredentials c) {
        return PeerIdentity.posix(c.pid(), c.uid(), c.gid());
    }

    /** The address of {@code name}, checked as {@link #address} does, and that this system has seqpacket sockets. */
    static UnixSocketAddress messageAddress(IpcName name, Namespace namespace, String operation) throws IpcException {
        UnixSocketAddress address = address(name, namespace, operation);
        Capabilities.current().require(Capability.SEQPACKET_SOCKETS, operation + "(" + name + ")", name.toString());
        return address;
    }
}
