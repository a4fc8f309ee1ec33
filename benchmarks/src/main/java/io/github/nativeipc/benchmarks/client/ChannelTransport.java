package io.github.nativeipc.benchmarks.client;

import io.github.nativeipc.IpcName;
import io.github.nativeipc.LocalSocket;
import io.github.nativeipc.posix.Fifo;
import io.github.nativeipc.posix.PipeSink;
import io.github.nativeipc.posix.PipeSource;
import io.github.nativeipc.posix.UnixSocketAddress;
import io.github.nativeipc.posix.UnixSocketChannel;
import io.github.nativeipc.posix.UnixSocketType;
import java.io.EOFException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.newsclub.net.unix.AFSocketType;
import org.newsclub.net.unix.AFUNIXSelectorProvider;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.newsclub.net.unix.AFUNIXSocketChannel;

/**
 * The client side of a round trip over byte channels, the Java twin of {@code client_byte_stream()}
 * in {@code bench_peer.c}: the request is written whole (blocking writes until every byte went),
 * the reply read until the buffer is full, on direct buffers. Over two FIFOs (request and reply
 * channels apart) or one connected Unix domain socket (the same channel both ways). The same loop
 * for every implementation, which differs only in the channels: this library's {@link PipeSink} /
 * {@link PipeSource} or {@link UnixSocketChannel}, or its facade's {@link LocalSocket}; the JDK's
 * {@link FileChannel} on the FIFO paths or {@link SocketChannel} on a {@link UnixDomainSocketAddress};
 * jnr-unixsocket's or junixsocket's socket channel. Each client process uses one kind, so every
 * call site stays monomorphic. Not thread-safe: one client thread.
 */
final class ChannelTransport implements RoundTripTransport {
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(60);

    private final WritableByteChannel request;
    private final ReadableByteChannel reply;

    private ChannelTransport(WritableByteChannel request, ReadableByteChannel reply) {
        this.request = request;
        this.reply = reply;
    }

    private ChannelTransport(ByteChannel socket) {
        this(socket, socket);
    }

    /**
     * This library's FIFO ends: {@link Fifo#openForWriting(Duration)} on the request FIFO, then
     * {@link Fifo#openForReading(Duration)} on the reply FIFO.
     */
    static ChannelTransport libraryFifos(String requestPath, String replyPath) throws Exception {
        PipeSink request = Fifo.at(Path.of(requestPath)).openForWriting(OPEN_TIMEOUT);
        try {
            return new ChannelTransport(request, Fifo.at(Path.of(replyPath)).openForReading(OPEN_TIMEOUT));
        } catch (Exception e) {
            request.close();
            throw e;
        }
    }

    /**
     * The JDK's {@link FileChannel}s opened on the FIFO paths (each open blocks until the peer opens
     * the other end, with no timeout).
     */
    static ChannelTransport jdkFifos(String requestPath, String replyPath) throws Exception {
        FileChannel request = FileChannel.open(Path.of(requestPath), StandardOpenOption.WRITE);
        try {
            return new ChannelTransport(request, FileChannel.open(Path.of(replyPath), StandardOpenOption.READ));
        } catch (Exception e) {
            request.close();
            throw e;
        }
    }

    /** This library: {@link UnixSocketChannel#connect(UnixSocketAddress, UnixSocketType, Duration)}. */
    static ChannelTransport librarySocket(String path, UnixSocketType type) throws Exception {
        return new ChannelTransport(UnixSocketChannel.connect(UnixSocketAddress.of(Path.of(path)), type, OPEN_TIMEOUT));
    }

    /**
     * This library's facade: {@link LocalSocket#connect(IpcName, Duration)} of the name that maps to
     * {@code path} (the harness has the server listen there, {@link FacadeNames#ofSocketPath(String)}).
     */
    static ChannelTransport facadeSocket(String path) throws Exception {
        return new ChannelTransport(LocalSocket.connect(FacadeNames.ofSocketPath(path), OPEN_TIMEOUT));
    }

    /** The JDK's own channel (Java 16+): stream only. */
    static ChannelTransport jdkSocket(String path) throws Exception {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(path));
        } catch (Exception e) {
            channel.close();
            throw e;
        }
        return new ChannelTransport(channel);
    }

    /** jnr-unixsocket's {@code UnixSocketChannel}: stream only. */
    static ChannelTransport jnrUnixSocket(String path) throws Exception {
        return new ChannelTransport(jnr.unixsocket.UnixSocketChannel.open(new jnr.unixsocket.UnixSocketAddress(path)));
    }

    /**
     * junixsocket: an {@link AFUNIXSocketChannel} for a stream socket; for seqpacket its datagram
     * channel of type {@link AFSocketType#SOCK_SEQPACKET}, connected (its only seqpacket form).
     */
    static ChannelTransport junixsocket(String path, UnixSocketType type) throws Exception {
        AFUNIXSocketAddress address = AFUNIXSocketAddress.of(Path.of(path));
        if (type == UnixSocketType.STREAM) {
            return new ChannelTransport(AFUNIXSocketChannel.open(address));
        }
        var channel = AFUNIXSelectorProvider.provider().openDatagramChannel(AFSocketType.SOCK_SEQPACKET);
        try {
            channel.connect(address);
        } catch (Exception e) {
            channel.close();
            throw e;
        }
        return new ChannelTransport(channel);
    }

    @Override
    public void send(long i, ByteBuffer message) throws Exception {
        while (message.hasRemaining()) {
            request.write(message);
        }
    }

    @Override
    public void receive(long i, ByteBuffer message) throws Exception {
        while (message.hasRemaining()) {
            if (reply.read(message) < 0) {
                throw new EOFException("the server closed its end in the middle of a reply");
            }
        }
    }

    @Override
    public void close() throws Exception {
        try {
            request.close();
        } finally {
            reply.close();   // the same channel for a socket: closing it again does nothing
        }
    }
}
