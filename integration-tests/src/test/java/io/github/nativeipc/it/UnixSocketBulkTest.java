package io.github.nativeipc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.demo.CPeer;
import io.github.nativeipc.posix.UnixSocketAddress;
import io.github.nativeipc.posix.UnixSocketChannel;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.CRC32C;
import jnr.enxio.channels.NativeSelectorProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1 GiB through a stream socket to a C echo server and back, the Java side one non-blocking
 * channel driven by a selector: what returns is checksummed against what was sent.
 */
class UnixSocketBulkTest {
    private static final long TOTAL = 1L << 30;
    private static final int CHUNK = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void aGibibyteEchoedByCArrivesIntactWithASelectorDrivenNonBlockingSide() throws Exception {
        String path = dir.resolve("bulk.sock").toString();
        try (CPeer peer = CPeer.start("unix_peer", "echo-server", path, "stream")) {
            assertEquals("ready", peer.nextLine(Duration.ofSeconds(30)));
            CRC32C sent = new CRC32C();
            CRC32C received = new CRC32C();
            ByteBuffer out = ByteBuffer.allocateDirect(CHUNK);
            ByteBuffer in = ByteBuffer.allocateDirect(CHUNK);
            long written = 0;
            long read = 0;
            long chunkNumber = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            try (UnixSocketChannel c = UnixSocketChannel.connect(UnixSocketAddress.of(path));
                    Selector selector = NativeSelectorProvider.getInstance().openSelector()) {
                c.configureBlocking(false);
                SelectionKey key = c.register(selector, SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                out.limit(0);
                while (read < TOTAL) {
                    assertTrue(System.nanoTime() < deadline, "1 GiB did not cross within 3 minutes: " + read + " bytes back");
                    selector.select(1000);
                    selector.selectedKeys().clear();
                    if (key.isValid() && key.isWritable() && written < TOTAL) {
                        if (!out.hasRemaining()) {
                            fill(out, chunkNumber++);
                            sent.update(out.duplicate());
                        }
                        written += c.write(out);
                        if (written == TOTAL) {
                            key.interestOps(SelectionKey.OP_READ);
                        }
                    }
                    if (key.isReadable()) {
                        in.clear();
                        int n = c.read(in);
                        assertTrue(n >= 0, "the echo ended early, after " + read + " bytes");
                        in.flip();
                        received.update(in);
                        read += n;
                    }
                }
                c.shutdownOutput();
            }
            assertEquals(TOTAL, read);
            assertEquals(sent.getValue(), received.getValue(), "CRC32C of what came back equals what was sent");
            List<String> lines = peer.awaitSuccess(Duration.ofSeconds(60));
            assertTrue(lines.get(lines.size() - 1).startsWith("echoed " + TOTAL + " "), lines.toString());
        }
    }

    /** A chunk whose bytes depend on its number and position, so a lost, doubled or reordered chunk changes the sum. */
    private static void fill(ByteBuffer b, long chunk) {
        b.clear();
        long x = 0x9E3779B97F4A7C15L * (chunk + 1);
        while (b.remaining() >= 8) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            b.putLong(x);
        }
        b.flip();
    }
}
