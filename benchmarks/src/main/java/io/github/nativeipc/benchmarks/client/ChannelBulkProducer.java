package io.github.nativeipc.benchmarks.client;

import io.github.nativeipc.benchmarks.BenchLayout;
import io.github.nativeipc.posix.Fifo;
import io.github.nativeipc.posix.PipeSink;
import io.github.nativeipc.posix.PipeSource;
import io.github.nativeipc.posix.UnixSocketAddress;
import io.github.nativeipc.posix.UnixSocketChannel;
import io.github.nativeipc.posix.UnixSocketType;
import java.io.EOFException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The producer of the FIFO and stream-socket bulk copies, the Java twin of
 * {@code bulk_produce_fifo()} and {@code bulk_produce_stream()} in {@code bench_peer.c}: chunk
 * {@code c} gets {@code c} in its first word and is written whole to the data channel; the clock
 * stops at the consumer's byte on the acknowledgement channel (a second FIFO, or the same socket).
 * Through this library's {@link PipeSink} / {@link UnixSocketChannel}, or the JDK's
 * {@link FileChannel} / {@link SocketChannel}.
 */
final class ChannelBulkProducer implements AutoCloseable {
    private final WritableByteChannel data;
    private final ReadableByteChannel ack;

    private ChannelBulkProducer(WritableByteChannel data, ReadableByteChannel ack) {
        this.data = data;
        this.ack = ack;
    }

    static ChannelBulkProducer libraryFifo(String dataPath, String ackPath) throws Exception {
        PipeSink data = Fifo.at(Path.of(dataPath)).openForWriting(Duration.ofSeconds(60));
        PipeSource ack = Fifo.at(Path.of(ackPath)).openForReading(Duration.ofSeconds(60));
        return new ChannelBulkProducer(data, ack);
    }

    static ChannelBulkProducer jdkFifo(String dataPath, String ackPath) throws Exception {
        FileChannel data = FileChannel.open(Path.of(dataPath), StandardOpenOption.WRITE);
        FileChannel ack = FileChannel.open(Path.of(ackPath), StandardOpenOption.READ);
        return new ChannelBulkProducer(data, ack);
    }

    /** Over a stream socket connected with this library: chunks out, the acknowledgement back on it. */
    static ChannelBulkProducer librarySocket(String path) throws Exception {
        UnixSocketChannel socket = UnixSocketChannel.connect(UnixSocketAddress.of(Path.of(path)), UnixSocketType.STREAM,
                Duration.ofSeconds(60));
        return new ChannelBulkProducer(socket, socket);
    }

    /** Over the JDK's {@link SocketChannel} on a {@link UnixDomainSocketAddress}. */
    static ChannelBulkProducer jdkSocket(String path) throws Exception {
        SocketChannel socket = SocketChannel.open(UnixDomainSocketAddress.of(path));
        return new ChannelBulkProducer(socket, socket);
    }

    /** Writes {@code warmup + chunks} chunks; the nanoseconds from the first timed write to the acknowledgement. */
    long produce(long warmup, long chunks) throws Exception {
        ByteBuffer chunk = PrivateBuffer.allocate(BenchLayout.SLOT_SIZE);
        for (int k = 0; k < BenchLayout.SLOT_SIZE; k++) {
            chunk.put(k, (byte) 'b');
        }
        write(chunk, 0, warmup);
        long t0 = System.nanoTime();
        write(chunk, warmup, warmup + chunks);
        ByteBuffer k = ByteBuffer.allocateDirect(1);
        if (ack.read(k) != 1) {
            throw new EOFException("the consumer closed without acknowledging");
        }
        return System.nanoTime() - t0;
    }

    /**
     * Writes chunks {@code first} to {@code end - 1}. The warm-up and the timed part are two calls
     * of this loop, as in {@link RoundTripLoop}: a branch on the chunk number inside one loop is
     * never taken during the warm-up, so HotSpot compiles it as a trap and the first timed chunk
     * deoptimises the loop (seen with {@code -XX:+PrintCompilation}: the timed gibibyte then ran
     * partly interpreted while C2 compiled the loop again on the same CPU).
     */
    private void write(ByteBuffer chunk, long first, long end) throws Exception {
        for (long c = first; c < end; c++) {
            chunk.clear();
            chunk.putLong(0, c);
            while (chunk.hasRemaining()) {
                data.write(chunk);
            }
        }
    }

    @Override
    public void close() throws Exception {
        data.close();
        ack.close();   // the same channel as data for a socket: closing twice is a no-op
    }
}
