package io.github.nativeipc.benchmarks.client;

import io.github.nativeipc.benchmarks.BenchLayout;
import io.github.nativeipc.posix.Fifo;
import io.github.nativeipc.posix.PipeSink;
import io.github.nativeipc.posix.PipeSource;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The producer of the FIFO bulk copy, the Java twin of {@code bulk_produce_fifo()} in
 * {@code bench_peer.c}: chunk {@code c} gets {@code c} in its first word and is written whole to the
 * data FIFO; the clock stops at the consumer's byte on the acknowledgement FIFO. Through this
 * library's {@link PipeSink}, or (the alternative) the JDK's {@link FileChannel}.
 */
final class FifoBulkProducer implements AutoCloseable {
    private final WritableByteChannel data;
    private final ReadableByteChannel ack;

    private FifoBulkProducer(WritableByteChannel data, ReadableByteChannel ack) {
        this.data = data;
        this.ack = ack;
    }

    static FifoBulkProducer library(String dataPath, String ackPath) throws Exception {
        PipeSink data = Fifo.at(Path.of(dataPath)).openForWriting(Duration.ofSeconds(60));
        PipeSource ack = Fifo.at(Path.of(ackPath)).openForReading(Duration.ofSeconds(60));
        return new FifoBulkProducer(data, ack);
    }

    static FifoBulkProducer jdk(String dataPath, String ackPath) throws Exception {
        FileChannel data = FileChannel.open(Path.of(dataPath), StandardOpenOption.WRITE);
        FileChannel ack = FileChannel.open(Path.of(ackPath), StandardOpenOption.READ);
        return new FifoBulkProducer(data, ack);
    }

    /** Writes {@code warmup + chunks} chunks; the nanoseconds from the first timed write to the acknowledgement. */
    long produce(long warmup, long chunks) throws Exception {
        ByteBuffer chunk = PrivateBuffer.allocate(BenchLayout.SLOT_SIZE);
        for (int k = 0; k < BenchLayout.SLOT_SIZE; k++) {
            chunk.put(k, (byte) 'b');
        }
        long total = warmup + chunks;
        long t0 = 0;
        for (long c = 0; c < total; c++) {
            if (c == warmup) {
                t0 = System.nanoTime();
            }
            chunk.clear();
            chunk.putLong(0, c);
            while (chunk.hasRemaining()) {
                data.write(chunk);
            }
        }
        ByteBuffer k = ByteBuffer.allocateDirect(1);
        if (ack.read(k) != 1) {
            throw new EOFException("the consumer closed without acknowledging");
        }
        return System.nanoTime() - t0;
    }

    @Override
    public void close() throws Exception {
        data.close();
        ack.close();
    }
}
