package io.github.nativeipc.posix;

import static io.github.nativeipc.posix.TestBuffers.direct;
import static io.github.nativeipc.posix.TestBuffers.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.error.BrokenPipeException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import jnr.enxio.channels.NativeSelectorProvider;
import org.junit.jupiter.api.Test;

class AnonymousPipeTest {

    @Test
    void bytesWrittenToTheSinkArriveAtTheSourceFromDirectAndHeapBuffers() throws Exception {
        try (AnonymousPipe p = AnonymousPipe.open()) {
            assertEquals(5, p.sink().write(direct("hello")));
            assertEquals(6, p.sink().write(ByteBuffer.wrap(" world".getBytes(StandardCharsets.UTF_8))));
            ByteBuffer d = ByteBuffer.allocateDirect(5);
            assertEquals(5, p.source().read(d));
            ByteBuffer h = ByteBuffer.allocate(64);
            assertEquals(6, p.source().read(h));
            assertEquals("hello", text(d));
            assertEquals(" world", text(h));
        }
    }

    @Test
    void readingAfterEveryWriterClosedGivesEndOfStream() throws Exception {
        try (AnonymousPipe p = AnonymousPipe.open()) {
            p.sink().write(direct("last"));
            p.sink().close();
            ByteBuffer b = ByteBuffer.allocateDirect(16);
            assertEquals(4, p.source().read(b));
            assertEquals(-1, p.source().read(b));
        }
    }

    @Test
    void writingWithoutAReaderIsBrokenPipeNotADeadJvm() throws Exception {
        try (AnonymousPipe p = AnonymousPipe.open()) {
            p.source().close();
            BrokenPipeException e = assertThrows(BrokenPipeException.class, () -> p.sink().write(direct("x")));
            assertEquals("EPIPE", e.errnoName());
            assertTrue(e.getMessage().startsWith("write("), e.getMessage());
            assertTrue(e.getMessage().contains("Broken pipe"), e.getMessage());
        }
    }

    @Test
    void aNonBlockingReadOfAnEmptyPipeReturnsZero() throws Exception {
        try (AnonymousPipe p = AnonymousPipe.open(false)) {
            assertFalse(p.source().isBlocking());
            assertEquals(0, p.source().read(ByteBuffer.allocateDirect(8)));
        }
    }

    @Test
    void aNonBlockingWriteToAFullPipeTakesWhatFits() throws Exception {
        try (AnonymousPipe p = AnonymousPipe.open(false)) {
            int capacity = p.sink().capacity();
            ByteBuffer big = ByteBuffer.allocateDirect(capacity * 2);
            assertEquals(capacity, p.sink().write(big));
            assertEquals(0, p.sink().write(big));
        }
    }

    @Test
    void aTimedReadOfAnEmptyPipeReturnsZeroAfterTheTimeout() throws Exception {
        try (AnonymousPipe p = AnonymousPipe.open()) {
            long t0 = System.nanoTime();
            assertEquals(0, p.source().read(ByteBuffer.allocateDirect(8), Duration.ofMillis(200)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 200 && ms < 1000, ms + " ms");
        }
    }

    @Test
    void aTimedReadReturnsAsSoonAsDataArrives() throws Exception {
        try (AnonymousPipe p = AnonymousPipe.open()) {
            CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(50);
                    p.sink().write(direct("late"));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            ByteBuffer b = ByteBuffer.allocateDirect(8);
            assertEquals(4, p.source().read(b, Duration.ofSeconds(10)));
            assertEquals("late", text(b));
        }
    }

    private static CompletableFuture<Integer> readInBackground(PipeSource source) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return source.read(ByteBuffer.allocateDirect(8));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
    }

    @Test
    void closeFromAnotherThreadReleasesABlockedReadWithAsynchronousClose() throws Exception {
        try (AnonymousPipe p = AnonymousPipe.open()) {
            CompletableFuture<Integer> read = readInBackground(p.source());
            Thread.sleep(200);
            assertFalse(read.isDone(), "the read blocks on the empty pipe");
            long t0 = System.nanoTime();
            p.source().close();
            ExecutionException e = assertThrows(ExecutionException.class, () -> read.get(5, TimeUnit.SECONDS));
            assertInstanceOf(AsynchronousCloseException.class, e.getCause().getCause());
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 1000);
            assertThrows(ClosedChannelException.class, () -> p.source().read(ByteBuffer.allocateDirect(1)));
        }
    }

    @Test
    void closeFromAnotherThreadReleasesAWriteBlockedOnAFullPipe() throws Exception {
        try (AnonymousPipe p = AnonymousPipe.open(false)) {
            p.sink().write(ByteBuffer.allocateDirect(p.sink().capacity()));   // full
            p.sink().configureBlocking(true);
            CompletableFuture<Integer> write = CompletableFuture.supplyAsync(() -> {
                try {
                    return p.sink().write(ByteBuffer.allocateDirect(1));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(200);
            assertFalse(write.isDone(), "the write blocks once the pipe is full");
            p.sink().close();
            ExecutionException e = assertThrows(ExecutionException.class, () -> write.get(5, TimeUnit.SECONDS));
            assertInstanceOf(AsynchronousCloseException.class, e.getCause().getCause());
        }
    }

    @Test
    void aBlockingWriteLargerThanThePipeReturnsOnceAReaderTookEverything() throws Exception {
        try (AnonymousPipe p = AnonymousPipe.open()) {
            int size = 4 << 20;
            CompletableFuture<Long> sum = CompletableFuture.supplyAsync(() -> {
                long total = 0;
                ByteBuffer b = ByteBuffer.allocateDirect(65536);
                try {
                    for (int n; (n = p.source().read(b.clear())) > 0; ) {
                        for (int i = 0; i < n; i++) {
                            total += b.get(i) & 0xff;
                        }
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
                return total;
            });
            ByteBuffer big = ByteBuffer.allocateDirect(size);
            for (int i = 0; i < size; i++) {
                big.put(i, (byte) i);
            }
            assertEquals(size, p.sink().write(big));
            p.sink().close();
            assertEquals((long) (size / 256) * (255 * 256 / 2), sum.get(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void closingTheWriteEndUnderABlockedReaderGivesItEndOfStream() throws Exception {
        try (AnonymousPipe p = AnonymousPipe.open()) {
            CompletableFuture<Integer> read = readInBackground(p.source());
            Thread.sleep(200);
            p.sink().close();
            assertEquals(-1, read.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void interruptingABlockedReaderClosesTheChannel() throws Exception {
        try (AnonymousPipe p = AnonymousPipe.open()) {
            Throwable[] thrown = new Throwable[1];
            Thread reader = new Thread(() -> {
                try {
                    p.source().read(ByteBuffer.allocateDirect(8));
                } catch (Throwable t) {
                    thrown[0] = t;
                }
            });
            reader.start();
            Thread.sleep(200);
            reader.interrupt();
            reader.join(5000);
            assertFalse(reader.isAlive());
            assertInstanceOf(ClosedByInterruptException.class, thrown[0]);
            assertFalse(p.source().isOpen());
        }
    }

    @Test
    void scatterAndGatherMoveEveryBuffer() throws Exception {
        try (AnonymousPipe p = AnonymousPipe.open()) {
            ByteBuffer[] out = {direct("ab"), ByteBuffer.wrap("cde".getBytes(StandardCharsets.UTF_8)), direct("f")};
            assertEquals(6, p.sink().write(out));
            ByteBuffer[] in = {ByteBuffer.allocateDirect(1), ByteBuffer.allocateDirect(4), ByteBuffer.allocateDirect(4)};
            assertEquals(6, p.source().read(in));
            assertEquals("a", text(in[0]));
            assertEquals("bcde", text(in[1]));
            assertEquals("f", text(in[2]));
        }
    }

    @Test
    void theCapacityCanBeReadAndRaised() throws Exception {
        try (AnonymousPipe p = AnonymousPipe.open()) {
            assertEquals(65536, p.source().capacity());
            assertEquals(1 << 20, p.sink().setCapacity(1 << 20));
            assertEquals(1 << 20, p.source().capacity());
        }
    }

    @Test
    void aSelectorReportsTheSourceReadableOnceDataIsWritten() throws Exception {
        try (AnonymousPipe p = AnonymousPipe.open(false); Selector selector = NativeSelectorProvider.getInstance().openSelector()) {
            SelectionKey key = p.source().register(selector, SelectionKey.OP_READ);
            assertEquals(0, selector.selectNow());
            p.sink().write(direct("ping"));
            assertEquals(1, selector.select(5000));
            assertTrue(selector.selectedKeys().contains(key));
            assertTrue(key.isReadable());
        }
    }

    @Test
    void theStreamAdaptersCarryBytes() throws Exception {
        AnonymousPipe p = AnonymousPipe.open();
        try (OutputStream out = p.sink().outputStream(); InputStream in = p.source().inputStream()) {
            out.write("stream".getBytes(StandardCharsets.UTF_8));
            out.close();
            assertArrayEquals("stream".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
        }
        assertFalse(p.source().isOpen());
    }

    @Test
    void bothEndsAreCloseOnExec() throws Exception {
        try (AnonymousPipe p = AnonymousPipe.open()) {
            for (DescriptorChannel end : new DescriptorChannel[] {p.source(), p.sink()}) {
                String info = Files.readString(Path.of("/proc/self/fdinfo/" + end.getFD()));
                String flags = info.lines().filter(l -> l.startsWith("flags:")).findFirst().orElseThrow();
                int octal = Integer.parseInt(flags.substring(6).trim(), 8);
                assertTrue((octal & 02000000) != 0, end + ": " + flags);
            }
        }
    }

    @Test
    void theWriteEndRefusesReads() throws Exception {
        try (AnonymousPipe p = AnonymousPipe.open()) {
            assertThrows(NonReadableChannelException.class, () -> p.sink().read(ByteBuffer.allocate(1)));
        }
    }
}
