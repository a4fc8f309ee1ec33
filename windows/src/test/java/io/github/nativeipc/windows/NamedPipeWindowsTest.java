package io.github.nativeipc.windows;

import static io.github.nativeipc.windows.WinPeer.FNV_START;
import static io.github.nativeipc.windows.WinPeer.fnv;
import static io.github.nativeipc.windows.WinPeer.pattern;
import static io.github.nativeipc.windows.WinPeer.patterned;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.error.AlreadyExistsException;
import io.github.nativeipc.error.BrokenPipeException;
import io.github.nativeipc.error.LimitReachedException;
import io.github.nativeipc.error.NotFoundException;
import io.github.nativeipc.error.WouldBlockException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Named pipes between Java and a C process (and between two Java ends), for real. Runs under Wine. */
class NamedPipeWindowsTest {
    private static final int TEN_MB = 10 * 1024 * 1024;

    @Test
    void javaServerAndCClientExchangeThreeMessagesOfDifferentSizesEachWay() throws Exception {
        String name = WinPeer.pipeName("msg");
        int[] sizes = {1, 1000, 50_000};
        try (NamedPipeServer server = NamedPipeServer.create(name, PipeMode.MESSAGE);
             WinPeer peer = WinPeer.start("pipe-msg-client", name);
             NamedPipe pipe = server.accept(Duration.ofSeconds(20))) {
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                ByteBuffer m = patterned(sizes[i], i);
                expected.append(String.format("message %d: %d bytes, fnv %016x%n", i, sizes[i], fnv(FNV_START, m)));
                assertEquals(sizes[i], pipe.send(m));
            }
            ByteBuffer in = ByteBuffer.allocateDirect(100_000);
            int[] cSizes = {3, 3000, 30_000};
            for (int i = 0; i < 3; i++) {
                in.clear();
                assertEquals(cSizes[i], pipe.receive(in, Duration.ofSeconds(20)), "message " + i + " arrives whole and alone");
                for (int j = 0; j < cSizes[i]; j++) {
                    assertEquals(pattern(j, 100 + i), in.get(j), "message " + i + " byte " + j);
                }
            }
            assertEquals(expected.toString().replace("\r", ""), peer.finish());
            in.clear();
            assertEquals(-1, pipe.read(in, Duration.ofSeconds(10)), "the client closed its end");
        }
    }

    @Test
    void cServerAndJavaClientExchangeThreeMessagesOfDifferentSizes() throws Exception {
        String name = WinPeer.pipeName("msg");
        int[] sizes = {10, 2000, 40_000};
        try (WinPeer peer = WinPeer.start("pipe-msg-server", name)) {
            assertEquals("listening", peer.readLine());
            try (NamedPipe pipe = NamedPipeClient.connect(name, PipeMode.MESSAGE, Duration.ofSeconds(10))) {
                assertFalse(pipe.isServerEnd());
                assertEquals(peer.process().pid(), pipe.peerProcessId());
                ByteBuffer in = ByteBuffer.allocate(100_000);   // a heap buffer: goes through the staging copy
                for (int i = 0; i < 3; i++) {
                    ByteBuffer m = patterned(sizes[i], 50 + i);
                    pipe.send(m);
                    in.clear();
                    assertEquals(sizes[i], pipe.receive(in, Duration.ofSeconds(20)));
                    for (int j = 0; j < sizes[i]; j++) {
                        assertEquals(pattern(sizes[i] - 1 - j, 50 + i), in.get(j), "reversed message " + i + " byte " + j);
                    }
                }
            }
            assertEquals("message 0: 10 bytes\nmessage 1: 2000 bytes\nmessage 2: 40000 bytes\n", peer.finish());
        }
    }

    @Test
    void tenMegabytesInByteModeReachTheCClientIntact() throws Exception {
        String name = WinPeer.pipeName("bytes");
        ByteBuffer data = patterned(TEN_MB, 7);
        long sum = fnv(FNV_START, data);
        String out;
        try (NamedPipeServer server = NamedPipeServer.create(name, PipeMode.BYTE);
             WinPeer peer = WinPeer.start("pipe-byte-sink", name)) {
            try (NamedPipe pipe = server.accept(Duration.ofSeconds(20))) {
                assertEquals(peer.process().pid(), pipe.peerProcessId());
                ByteBuffer chunk = data.duplicate();
                for (int at = 0; at < TEN_MB; at += 100_003) {
                    chunk.limit(Math.min(TEN_MB, at + 100_003)).position(at);
                    pipe.write(chunk);
                }
            }
            out = peer.finish();
        }
        assertEquals(String.format("bytes %d fnv %016x%n", TEN_MB, sum).replace("\r", ""), out);
    }

    @Test
    void tenMegabytesInByteModeFromTheCClientArriveIntact() throws Exception {
        String name = WinPeer.pipeName("bytes");
        long expected = fnv(FNV_START, patterned(TEN_MB, 7));
        try (NamedPipeServer server = NamedPipeServer.create(name, PipeMode.BYTE);
             WinPeer peer = WinPeer.start("pipe-byte-source", name, Integer.toString(TEN_MB));
             NamedPipe pipe = server.accept(Duration.ofSeconds(20))) {
            ByteBuffer buf = ByteBuffer.allocateDirect(65_536);
            long total = 0;
            long sum = FNV_START;
            for (int n; (n = pipe.read(buf.clear(), Duration.ofSeconds(20))) != -1;) {
                buf.flip();
                sum = fnv(sum, buf);
                total += n;
            }
            assertEquals(TEN_MB, total);
            assertEquals(expected, sum);
            peer.finish();
        }
    }

    @Test
    void aSecondServerOnTheSameNameIsRefused() throws Exception {
        String name = WinPeer.pipeName("taken");
        try (NamedPipeServer first = NamedPipeServer.create(name, PipeMode.BYTE)) {
            AlreadyExistsException e = assertThrows(AlreadyExistsException.class, () -> NamedPipeServer.create(name, PipeMode.BYTE));
            assertTrue(e.getMessage().contains("FILE_FLAG_FIRST_PIPE_INSTANCE"), e.getMessage());
            assertEquals(name, e.object());
            try (NamedPipe client = NamedPipeClient.connect(name, PipeMode.BYTE, Duration.ofSeconds(5));
                 NamedPipe pipe = first.accept(Duration.ofSeconds(5))) {
                assertTrue(pipe.isOpen(), "the first server still owns the name and serves it");
            }
        }
    }

    @Test
    void connectingWithATimeoutAndNoServerFailsAfterTheTimeout() {
        String name = WinPeer.pipeName("nobody");
        long start = System.nanoTime();
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> NamedPipeClient.connect(name, PipeMode.BYTE, Duration.ofMillis(200)));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(ms >= 200 && ms < 2000, "failed after " + ms + " ms");
        assertEquals("ERROR_FILE_NOT_FOUND", e.errnoName());
        assertTrue(e.getMessage().contains("200 ms"), e.getMessage());
    }

    @Test
    void aMessageLongerThanTheBufferIsReportedAndItsRestFollows() throws Exception {
        String name = WinPeer.pipeName("long");
        try (NamedPipeServer server = NamedPipeServer.create(name, PipeMode.MESSAGE);
             NamedPipe client = NamedPipeClient.connect(name, PipeMode.MESSAGE, Duration.ofSeconds(5));
             NamedPipe pipe = server.accept(Duration.ofSeconds(5))) {
            client.send(patterned(100, 1));
            client.send(patterned(5, 2));
            waitForData(pipe);
            assertEquals(100, pipe.nextMessageSize());
            ByteBuffer small = ByteBuffer.allocateDirect(40);
            LimitReachedException e = assertThrows(LimitReachedException.class, () -> pipe.receive(small));
            assertEquals("ERROR_MORE_DATA", e.errnoName());
            assertTrue(e.getMessage().contains("100 bytes"), e.getMessage());
            assertEquals(40, small.position());
            assertTrue(pipe.messageIncomplete());
            ByteBuffer rest = ByteBuffer.allocateDirect(200);
            assertEquals(60, pipe.read(rest));
            assertFalse(pipe.messageIncomplete());
            assertEquals(pattern(40, 1), rest.get(0));
            rest.clear();
            assertEquals(5, pipe.receive(rest), "the next message is whole and separate");
        }
    }

    @Test
    void aMessageLargerThanTheStagingBufferArrivesWholeInAHeapBuffer() throws Exception {
        String name = WinPeer.pipeName("heap");
        NamedPipeServer.Options big = NamedPipeServer.Options.defaults().withBufferSize(1 << 20);
        try (NamedPipeServer server = NamedPipeServer.create(name, PipeMode.MESSAGE, big);
             NamedPipe client = NamedPipeClient.connect(name, PipeMode.MESSAGE, Duration.ofSeconds(5));
             NamedPipe pipe = server.accept(Duration.ofSeconds(5))) {
            byte[] message = new byte[200_000];
            for (int i = 0; i < message.length; i++) {
                message[i] = pattern(i, 9);
            }
            CompletableFuture<Integer> sent = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.send(ByteBuffer.wrap(message));
                } catch (java.io.IOException e) {
                    throw new RuntimeException(e);
                }
            });
            ByteBuffer in = ByteBuffer.allocate(300_000);
            assertEquals(200_000, pipe.receive(in, Duration.ofSeconds(10)));
            assertEquals(200_000, sent.get(10, TimeUnit.SECONDS));
            assertArrayEquals(message, java.util.Arrays.copyOf(in.array(), 200_000));
        }
    }

    private static void waitForData(NamedPipe pipe) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (pipe.available() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    @Test
    void closeFromAnotherThreadUnblocksABlockedRead() throws Exception {
        String name = WinPeer.pipeName("close");
        try (NamedPipeServer server = NamedPipeServer.create(name, PipeMode.BYTE);
             NamedPipe client = NamedPipeClient.connect(name, PipeMode.BYTE, Duration.ofSeconds(5));
             NamedPipe pipe = server.accept(Duration.ofSeconds(5))) {
            CompletableFuture<Throwable> reader = CompletableFuture.supplyAsync(() -> {
                try {
                    client.read(ByteBuffer.allocateDirect(16));
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            Thread.sleep(300);
            assertFalse(reader.isDone(), "the read blocks while nothing comes");
            long start = System.nanoTime();
            client.close();
            assertInstanceOf(AsynchronousCloseException.class, reader.get(5, TimeUnit.SECONDS));
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 2000);
            assertEquals(-1, pipe.read(ByteBuffer.allocateDirect(16), Duration.ofSeconds(5)), "the server sees the end");
        }
    }

    @Test
    void aTimedReadGivesUpAndLosesNothing() throws Exception {
        String name = WinPeer.pipeName("timed");
        try (NamedPipeServer server = NamedPipeServer.create(name, PipeMode.BYTE);
             NamedPipe client = NamedPipeClient.connect(name, PipeMode.BYTE, Duration.ofSeconds(5));
             NamedPipe pipe = server.accept(Duration.ofSeconds(5))) {
            ByteBuffer in = ByteBuffer.allocateDirect(16);
            long start = System.nanoTime();
            assertThrows(WouldBlockException.class, () -> pipe.read(in, Duration.ofMillis(200)));
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 190);
            client.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            assertEquals(3, pipe.read(in, Duration.ofSeconds(5)));
            assertArrayEquals(new byte[] {1, 2, 3}, new byte[] {in.get(0), in.get(1), in.get(2)});
        }
    }

    @Test
    void aTimedWriteToAFullPipeGivesUpAndSaysHowMuchWasWritten() throws Exception {
        String name = WinPeer.pipeName("full");
        NamedPipeServer.Options small = NamedPipeServer.Options.defaults().withBufferSize(4096);
        try (NamedPipeServer server = NamedPipeServer.create(name, PipeMode.BYTE, small);
             NamedPipe client = NamedPipeClient.connect(name, PipeMode.BYTE, Duration.ofSeconds(5));
             NamedPipe pipe = server.accept(Duration.ofSeconds(5))) {
            ByteBuffer big = ByteBuffer.allocateDirect(4 << 20);
            long start = System.nanoTime();
            WouldBlockException e = assertThrows(WouldBlockException.class, () -> pipe.write(big, Duration.ofMillis(300)));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(ms >= 290 && ms < 3000, "gave up after " + ms + " ms");
            assertTrue(big.position() < big.capacity(), "nobody read: not everything can have been written");
            assertTrue(e.getMessage().startsWith("WriteFile("), e.getMessage());
            int written = big.position();
            ByteBuffer in = ByteBuffer.allocateDirect(1 << 20);
            long read = 0;
            while (read < written) {
                in.clear();
                read += client.read(in, Duration.ofSeconds(5));
            }
            assertEquals(written, read, "what the write reported is what arrived");
        }
    }

    @Test
    void acceptTimesOutAndTheInstanceStillTakesTheNextClient() throws Exception {
        String name = WinPeer.pipeName("accept");
        try (NamedPipeServer server = NamedPipeServer.create(name, PipeMode.BYTE)) {
            assertThrows(WouldBlockException.class, () -> server.accept(Duration.ofMillis(100)));
            try (NamedPipe client = NamedPipeClient.connect(name, PipeMode.BYTE, Duration.ofSeconds(5));
                 NamedPipe pipe = server.accept(Duration.ofSeconds(5))) {
                assertEquals(ProcessHandle.current().pid(), pipe.peerProcessId());
                pipe.write(ByteBuffer.wrap(new byte[] {9}));
                assertEquals(1, client.read(ByteBuffer.allocate(4), Duration.ofSeconds(5)));
            }
        }
    }

    @Test
    void closingTheServerWakesAThreadInAccept() throws Exception {
        NamedPipeServer server = NamedPipeServer.create(WinPeer.pipeName("wake"), PipeMode.BYTE);
        CompletableFuture<Throwable> acceptor = CompletableFuture.supplyAsync(() -> {
            try {
                server.accept();
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        Thread.sleep(200);
        assertFalse(acceptor.isDone());
        server.close();
        assertInstanceOf(AsynchronousCloseException.class, acceptor.get(5, TimeUnit.SECONDS));
    }

    @Test
    void disconnectDropsTheClientAndTheServerServesTheNextOne() throws Exception {
        String name = WinPeer.pipeName("disconnect");
        try (NamedPipeServer server = NamedPipeServer.create(name, PipeMode.BYTE)) {
            try (NamedPipe client = NamedPipeClient.connect(name, PipeMode.BYTE, Duration.ofSeconds(5))) {
                NamedPipe pipe = server.accept(Duration.ofSeconds(5));
                pipe.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
                pipe.disconnect();
                assertFalse(pipe.isOpen());
                BrokenPipeException e = assertThrows(BrokenPipeException.class,
                        () -> client.read(ByteBuffer.allocateDirect(8), Duration.ofSeconds(5)));
                assertEquals("ERROR_PIPE_NOT_CONNECTED", e.errnoName());
            }
            try (NamedPipe next = NamedPipeClient.connect(name, PipeMode.BYTE, Duration.ofSeconds(5));
                 NamedPipe pipe = server.accept(Duration.ofSeconds(5))) {
                next.write(ByteBuffer.wrap(new byte[] {4}));
                assertEquals(1, pipe.read(ByteBuffer.allocateDirect(8), Duration.ofSeconds(5)));
            }
        }
    }

    @Test
    void theServerIsSecuredForTheCurrentUserByDefault() throws Exception {
        try (NamedPipeServer server = NamedPipeServer.create(WinPeer.pipeName("dacl"), PipeMode.BYTE)) {
            assertTrue(server.securityDescriptor().matches("D:P\\(A;;GA;;;S-1-5-[0-9-]+\\)"), server.securityDescriptor());
        }
    }
}
