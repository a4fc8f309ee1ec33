package io.github.nativeipc;

import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.posix.UnixSocketType;
import io.github.nativeipc.windows.PipeMode;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Function;

/**
 * A local server of message connections, portable: a Unix domain <em>seqpacket</em> socket on
 * Linux, a <em>message-mode</em> named pipe on Windows. Each {@link #accept()} gives a
 * {@link MessageChannel}, on which every send arrives as one whole message.
 *
 * <p>The name is the same address a {@link LocalServer} of that name would have
 * ({@link LocalServer#socketPath(IpcName)}, the abstract name {@code nipc.NAME}, or the pipe
 * {@link IpcName#windowsPipeName()}), with the same security: the socket file {@code 0600} in the
 * {@code 0700} runtime directory, a stale file replaced and a live server's never; on Windows the
 * first pipe instance only, remote clients refused, a DACL for this user. So one name is one
 * server, of one kind: a stream client reaching a message server is refused
 * ({@code EPROTOTYPE} on Linux). {@link #close()} removes the socket file.
 *
 * <p>macOS has no seqpacket Unix sockets: there {@link #bind} throws
 * {@link io.github.nativeipc.error.NotSupportedException} naming {@link Capability#SEQPACKET_SOCKETS}.
 *
 * <p>Thread-safe.
 */
public final class MessageServer implements AutoCloseable {
    private final IpcName name;
    private final ServerEndpoint endpoint;

    private MessageServer(IpcName name, ServerEndpoint endpoint) {
        this.name = name;
        this.endpoint = endpoint;
    }

    /** A server for {@code name} in the runtime directory. */
    public static MessageServer bind(IpcName name) throws IpcException {
        return bind(name, LocalServer.Namespace.RUNTIME_DIRECTORY);
    }

    /**
     * A server for {@code name} in {@code namespace}: {@code socket(AF_UNIX, SOCK_SEQPACKET)},
     * {@code bind}, {@code chmod 0600}, {@code listen}; {@code CreateNamedPipeW} with
     * {@code PIPE_TYPE_MESSAGE} on Windows.
     *
     * @throws io.github.nativeipc.error.AddressInUseException if a live server has the name
     * @throws io.github.nativeipc.error.NotSupportedException without seqpacket sockets (macOS), or
     *         {@link LocalServer.Namespace#ABSTRACT} off Linux
     */
    public static MessageServer bind(IpcName name, LocalServer.Namespace namespace) throws IpcException {
        return new MessageServer(name, ServerEndpoint.bind(name, namespace, UnixSocketType.SEQPACKET, PipeMode.MESSAGE,
                "MessageServer.bind"));
    }

    /** Accepts the next client, waiting as long as it takes (interruptible; {@link #close()} from another thread releases it). */
    public MessageChannel accept() throws IOException {
        return endpoint.accept(null, PosixMessageChannel::new, Function.<MessageChannel>identity(), WindowsMessageChannel::new);
    }

    /**
     * Accepts the next client, waiting at most {@code timeout}.
     *
     * @throws io.github.nativeipc.error.WouldBlockException if no client came in time
     */
    public MessageChannel accept(Duration timeout) throws IOException {
        return endpoint.accept(java.util.Objects.requireNonNull(timeout, "timeout"), PosixMessageChannel::new,
                Function.<MessageChannel>identity(), WindowsMessageChannel::new);
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
        return "MessageServer[" + name + " -> " + endpoint.where() + "]";
    }
}
