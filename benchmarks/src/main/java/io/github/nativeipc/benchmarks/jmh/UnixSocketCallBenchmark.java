package io.github.nativeipc.benchmarks.jmh;

import io.github.nativeipc.benchmarks.client.PrivateBuffer;
import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.posix.SocketPair;
import io.github.nativeipc.posix.UnixSocketChannel;
import io.github.nativeipc.posix.UnixSocketType;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.newsclub.net.unix.AFSocketType;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSelectorProvider;
import org.newsclub.net.unix.AFUNIXSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketPair;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The hot path of the Unix socket round trips, in one process, on a connected pair nobody else
 * uses: one blocking {@code write} of {@code size} bytes into one end and one blocking {@code read}
 * of them from the other (two system calls that never wait), from and into direct buffers
 * ({@link PrivateBuffer}). Through this library ({@link UnixSocketChannel#write} +
 * {@link UnixSocketChannel#read}; on seqpacket the read is {@code recv(MSG_TRUNC)}), through the raw
 * jnr-ffi binding underneath ({@link LibC#write} + {@link LibC#read} on the same descriptors: the
 * binding's share), and through the alternatives of the round trips: the JDK's
 * {@link SocketChannel} (a pair made with a {@link ServerSocketChannel} on a path, stream only),
 * jnr-unixsocket's {@code UnixSocketChannel.pair()} (stream only) and junixsocket's
 * {@link AFUNIXSocketPair} (stream, and seqpacket as its datagram channel of that type).
 * {@code bench_peer call-cost-socket} times the same pairs in C.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class UnixSocketCallBenchmark {
    private static final LibC C = Native.libc();

    @Param({"8", "4096"})
    public int size;

    private SocketPair<UnixSocketChannel> libraryStream;
    private SocketPair<UnixSocketChannel> librarySeqpacket;
    private int rawOut;
    private int rawIn;
    private Path jdkDir;
    private SocketChannel jdkOut;
    private SocketChannel jdkIn;
    private jnr.unixsocket.UnixSocketChannel[] jnrPair;
    private AFUNIXSocketPair<AFUNIXSocketChannel> junixStream;
    private AFUNIXSocketPair<AFUNIXDatagramChannel> junixSeqpacket;
    private ByteBuffer out;
    private ByteBuffer in;
    private long outAddress;
    private long inAddress;

    @Setup
    public void open() throws IOException {
        libraryStream = UnixSocketChannel.pair(UnixSocketType.STREAM);
        librarySeqpacket = UnixSocketChannel.pair(UnixSocketType.SEQPACKET);
        rawOut = libraryStream.first().acquireDescriptor();
        rawIn = libraryStream.second().acquireDescriptor();
        jdkDir = Files.createTempDirectory("nipc-jmh-sock");
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(jdkDir.resolve("sock"));
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(address)) {
            jdkOut = SocketChannel.open(address);
            jdkIn = server.accept();
        }
        jnrPair = jnr.unixsocket.UnixSocketChannel.pair();
        junixStream = AFUNIXSocketPair.open();
        junixSeqpacket = AFUNIXSelectorProvider.provider().openDatagramChannelPair(AFSocketType.SOCK_SEQPACKET);
        out = PrivateBuffer.allocate(size);
        in = PrivateBuffer.allocate(size);
        outAddress = Native.address(out);
        inAddress = Native.address(in);
    }

    @TearDown
    public void close() throws IOException {
        libraryStream.first().releaseDescriptor();
        libraryStream.second().releaseDescriptor();
        libraryStream.close();
        librarySeqpacket.close();
        jdkOut.close();
        jdkIn.close();
        Files.deleteIfExists(jdkDir.resolve("sock"));
        Files.delete(jdkDir);
        jnrPair[0].close();
        jnrPair[1].close();
        junixStream.close();
        junixSeqpacket.close();
    }

    @Benchmark
    public int libraryStreamWriteRead() throws IOException {
        out.clear();
        in.clear();
        libraryStream.first().write(out);
        return libraryStream.second().read(in);
    }

    @Benchmark
    public int librarySeqpacketWriteRead() throws IOException {
        out.clear();
        in.clear();
        librarySeqpacket.first().write(out);
        return librarySeqpacket.second().read(in);
    }

    @Benchmark
    public long rawBindingStreamWriteRead() {
        C.write(rawOut, outAddress, size);
        return C.read(rawIn, inAddress, size);
    }

    @Benchmark
    public int jdkStreamWriteRead() throws IOException {
        out.clear();
        in.clear();
        jdkOut.write(out);
        return jdkIn.read(in);
    }

    @Benchmark
    public int jnrUnixSocketStreamWriteRead() throws IOException {
        out.clear();
        in.clear();
        jnrPair[0].write(out);
        return jnrPair[1].read(in);
    }

    @Benchmark
    public int junixsocketStreamWriteRead() throws IOException {
        out.clear();
        in.clear();
        junixStream.getSocket1().write(out);
        return junixStream.getSocket2().read(in);
    }

    @Benchmark
    public int junixsocketSeqpacketWriteRead() throws IOException {
        out.clear();
        in.clear();
        junixSeqpacket.getSocket1().write(out);
        return junixSeqpacket.getSocket2().read(in);
    }
}
