package io.github.nativeipc;

import io.github.nativeipc.bindings.Platform;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.posix.BindOptions;
import io.github.nativeipc.posix.UnixServerSocketChannel;
import io.github.nativeipc.posix.UnixSocketChannel;
import io.github.nativeipc.posix.UnixSocketType;
import io.github.nativeipc.windows.NamedPipe;
import io.github.nativeipc.windows.NamedPipeClient;
import io.github.nativeipc.windows.NamedPipeServer;
import io.github.nativeipc.windows.PipeMode;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Function;

/**
 * What {@link LocalServer} and {@link MessageServer} stand on: a listening Unix socket of one type
 * at the name's address, or the name's Windows pipe in one mode; and {@link #connect}, the client
 * side of the same address for {@link LocalSocket} and {@link MessageChannel}. They differ only in
 * the type, the mode and what a connection becomes. Thread-safe.
 */
final class ServerEndpoint {
    private static final boolean WINDOWS = Platform.current().os() == Platform.Os.WINDOWS;

    private final UnixServerSocketChannel server;
    private final NamedPipeServer pipes;

    private ServerEndpoint(UnixServerSocketChannel server, NamedPipeServer pipes) {
        this.server = server;
        this.pipes = pipes;
    }

    /**
     * Binds {@code name} in {@code namespace}: a {@code type} socket (checked by
     * {@link LocalServer#address}, and for seqpacket by {@link LocalServer#messageAddress}), or a
     * pipe in {@code mode}; {@code operation} names the caller in errors.
     */
    static ServerEndpoint bind(IpcName name, LocalServer.Namespace namespace, UnixSocketType type, PipeMode mode,
            String operation) throws IpcException {
        if (WINDOWS) {
            LocalServer.requireWindows(name, namespace, operation);
            return new ServerEndpoint(null, NamedPipeServer.create(name.windowsPipeName(), mode));
        }
        var address = type == UnixSocketType.SEQPACKET ? LocalServer.messageAddress(name, namespace, operation)
                : LocalServer.address(name, namespace, operation);
        return new ServerEndpoint(UnixServerSocketChannel.bind(address, type, BindOptions.defaults()), null);
    }

    /**
     * Connects to the server of {@code name} in {@code namespace}, waiting at most {@code timeout}: a
     * {@code type} socket ({@code connect}), or the pipe opened in {@code mode}; made into what the
     * caller offers. {@code operation} names the caller in errors.
     */
    static <S extends UnixSocketChannel, T> T connect(IpcName name, LocalServer.Namespace namespace, UnixSocketType type,
            PipeMode mode, String operation, Duration timeout, UnixSocketChannel.Factory<S> channel, Function<? super S, T> socket,
            Function<NamedPipe, T> pipe) throws IOException {
        if (WINDOWS) {
            LocalServer.requireWindows(name, namespace, operation);
            return pipe.apply(NamedPipeClient.connect(name.windowsPipeName(), mode, timeout));
        }
        var address = type == UnixSocketType.SEQPACKET ? LocalServer.messageAddress(name, namespace, operation)
                : LocalServer.address(name, namespace, operation);
        return socket.apply(UnixSocketChannel.connect(address, type, timeout, channel));
    }

    /**
     * The next connection ({@code timeout} null: as long as it takes): the socket's channel made by
     * {@code channel}, then into what the caller serves.
     */
    <S extends UnixSocketChannel, T> T accept(Duration timeout, UnixSocketChannel.Factory<S> channel, Function<? super S, T> socket,
            Function<NamedPipe, T> pipe) throws IOException {
        if (WINDOWS) {
            NamedPipe p = timeout == null ? pipes.accept() : pipes.accept(timeout);
            return p == null ? null : pipe.apply(p);
        }
        S c = timeout == null ? server.accept(channel) : server.accept(timeout, channel);
        return c == null ? null : socket.apply(c);
    }

    /** Stops listening; removes the socket file. Idempotent. */
    void close() throws IOException {
        if (WINDOWS) {
            pipes.close();
        } else {
            server.close();
        }
    }

    /** Where it listens: the pipe's name or the socket's address. */
    String where() {
        return WINDOWS ? pipes.name() : server.localAddress().toString();
    }
}
