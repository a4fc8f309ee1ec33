package io.github.nativeipc.posix;

import static io.github.nativeipc.posix.TestBuffers.direct;
import static io.github.nativeipc.posix.TestBuffers.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.error.AddressInUseException;
import io.github.nativeipc.error.BrokenPipeException;
import io.github.nativeipc.error.ConnectionRefusedException;
import io.github.nativeipc.error.ConnectionResetException;
import io.github.nativeipc.error.InvalidArgumentException;
import io.github.nativeipc.error.MessageTruncatedException;
import io.github.nativeipc.error.NotFoundException;
import io.github.nativeipc.error.WouldBlockException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jnr.enxio.channels.NativeSelectorProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stream and seqpacket Unix sockets within one process: every call reaches the kernel. */
class UnixSocketChannelTest {
    @TempDir
    Path dir;

    private UnixSocketAddress path(String name) throws Exception {
        return UnixSocketAddress.of(dir.resolve(name));
    }

    @Test
    void aClientConnectsAndBothDirectionsCarryBytes() throws Exception {
        UnixSocketAddress at = path("s.sock");
        try (UnixServerSocketChannel server = UnixServerSocketChannel.bind(at);
                UnixSocketChannel client = UnixSocketChannel.connect(at);
                UnixSocketChannel accepted = server.accept(Duration.ofSeconds(5))) {
            client.write(direct("ping"));
            ByteBuffer b = ByteBuffer.allocateDirect(16);
            assertEquals(4, accepted.read(b));
            assertEquals("ping", text(b));
            accepted.write(ByteBuffer.wrap("pong".getBytes(StandardCharsets.UTF_8)));
            ByteBuffer h = ByteBuffer.allocate(16);
            assertEquals(4, client.read(h));
            assertEquals("pong", text(h));
            assertEquals(at, client.remoteAddress());
            assertEquals(at, accepted.localAddress());
        }
    }

    @Test
    void theSocketFileIsMode0600WhateverTheUmaskAndRemovedOnClose() throws Exception {
        Path file = dir.resolve("mode.sock");
        try (UnixServerSocketChannel server = UnixServerSocketChannel.bind(UnixSocketAddress.of(file))) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        assertFalse(Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS), "close removed the socket file");
    }

    @Test
    void aChosenModeIsApplied() throws Exception {
        Path file = dir.resolve("group.sock");
        try (UnixServerSocketChannel server = UnixServerSocketChannel.bind(UnixSocketAddress.of(file), UnixSocketType.STREAM,
                BindOptions.defaults().mode(0660))) {
            assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
    }

    @Test
    void aStaleSocketFileIsReplaced() throws Exception {
        UnixSocketAddress at = path("stale.sock");
        // A server that "died": its file stays because removal on close is off.
        UnixServerSocketChannel.bind(at, UnixSocketType.STREAM, BindOptions.defaults().removeOnClose(false)).close();
        assertTrue(Files.exists(dir.resolve("stale.sock")));
        assertThrows(ConnectionRefusedException.class, () -> UnixSocketChannel.connect(at));
        try (UnixServerSocketChannel server = UnixServerSocketChannel.bind(at);
                UnixSocketChannel client = UnixSocketChannel.connect(at)) {
            assertTrue(server.accept(Duration.ofSeconds(5)).isOpen());
        }
    }

    @Test
    void aLiveServersSocketIsNeverTaken() throws Exception {
        UnixSocketAddress at = path("live.sock");
        try (UnixServerSocketChannel first = UnixServerSocketChannel.bind(at)) {
            AddressInUseException e = assertThrows(AddressInUseException.class, () -> UnixServerSocketChannel.bind(at));
            assertEquals("EADDRINUSE", e.errnoName());
            assertTrue(e.getMessage().contains("live socket"), e.getMessage());
            try (UnixSocketChannel client = UnixSocketChannel.connect(at)) {
                first.accept(Duration.ofSeconds(5)).close();   // the probe's connection
                assertTrue(first.accept(Duration.ofSeconds(5)).isOpen(), "the first server still serves");
            }
        }
        assertFalse(Files.exists(dir.resolve("live.sock")));
    }

    @Test
    void aFileThatIsNotASocketIsNeverReplaced() throws Exception {
        Path file = Files.writeString(dir.resolve("data.txt"), "precious");
        AddressInUseException e = assertThrows(AddressInUseException.class, () -> UnixServerSocketChannel.bind(UnixSocketAddress.of(file)));
        assertTrue(e.getMessage().contains("not a socket"), e.getMessage());
        assertEquals("precious", Files.readString(file));
    }

    @Test
    void closingRemovesOnlyTheFileThisServerCreated() throws Exception {
        UnixSocketAddress at = path("replaced.sock");
        UnixServerSocketChannel first = UnixServerSocketChannel.bind(at);
        Files.delete(dir.resolve("replaced.sock"));   // someone removed it and another server took the path
        try (UnixServerSocketChannel second = UnixServerSocketChannel.bind(at)) {
            first.close();
            assertTrue(Files.exists(dir.resolve("replaced.sock")), "the second server's file stays");
            try (UnixSocketChannel client = UnixSocketChannel.connect(at)) {
                assertTrue(second.accept(Duration.ofSeconds(5)).isOpen());
            }
        }
    }

    @Test
    void connectingWhereNothingListensIsRefusedAndAMissingPathIsNotFound() throws Exception {
        NotFoundException missing = assertThrows(NotFoundException.class, () -> UnixSocketChannel.connect(path("none.sock")));
        assertEquals("ENOENT", missing.errnoName());
        assertTrue(missing.getMessage().contains("none.sock"), missing.getMessage());
        UnixSocketAddress stale = path("refused.sock");
        UnixServerSocketChannel.bind(stale, UnixSocketType.STREAM, BindOptions.defaults().removeOnClose(false)).close();
        ConnectionRefusedException refused = assertThrows(ConnectionRefusedException.class, () -> UnixSocketChannel.connect(stale));
        assertEquals("ECONNREFUSED", refused.errnoName());
        assertTrue(refused.getMessage().startsWith("connect("), refused.getMessage());
    }

    @Test
    void aPathLongerThanSunPathIsRefusedBeforeAnyCall() {
        String longName = "x".repeat(UnixSocketAddress.MAX_PATH_BYTES + 1);
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> UnixSocketAddress.of(Path.of("/" + longName)));
        assertTrue(e.getMessage().contains("108"), e.getMessage());
        assertEquals(0, e.errno());
    }

    @Test
    void connectingToAServerOfAnotherTypeNamesTheType() throws Exception {
        UnixSocketAddress at = path("seq.sock");
        try (UnixServerSocketChannel server = UnixServerSocketChannel.bind(at, UnixSocketType.SEQPACKET, BindOptions.defaults())) {
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                    () -> UnixSocketChannel.connect(at, UnixSocketType.STREAM, Duration.ofSeconds(1)));
            assertEquals("EPROTOTYPE", e.errnoName());
        }
    }

    @Test
    void aConnectToAFullBacklogTimesOutAfterTheTimeout() throws Exception {
        UnixSocketAddress at = path("full.sock");
        try (UnixServerSocketChannel server = UnixServerSocketChannel.bind(at, UnixSocketType.STREAM, BindOptions.defaults().backlog(0));
                // Linux queues one connection more than the backlog: this one fills the queue.
                UnixSocketChannel queued = UnixSocketChannel.connect(at, UnixSocketType.STREAM, Duration.ofSeconds(1))) {
            long start = System.nanoTime();
            WouldBlockException e = assertThrows(WouldBlockException.class,
                    () -> UnixSocketChannel.connect(at, UnixSocketType.STREAM, Duration.ofMillis(200)));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(ms >= 200 && ms < 1000, ms + " ms");
            assertTrue(e.getMessage().contains("backlog"), e.getMessage());
            server.accept(Duration.ofSeconds(1)).close();
            try (UnixSocketChannel now = UnixSocketChannel.connect(at, UnixSocketType.STREAM, Duration.ofMillis(200))) {
                assertTrue(now.isOpen(), "room again once the server accepted");
            }
        }
    }

    @Test
    void acceptWithATimeoutAndNoClientThrowsAfterTheTimeout() throws Exception {
        try (UnixServerSocketChannel server = UnixServerSocketChannel.bind(path("idle.sock"))) {
            long start = System.nanoTime();
            assertThrows(WouldBlockException.class, () -> server.accept(Duration.ofMillis(200)));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(ms >= 200 && ms < 1000, ms + " ms");
        }
    }

    @Test
    void aNonBlockingAcceptWithNoClientReturnsNull() throws Exception {
        try (UnixServerSocketChannel server = UnixServerSocketChannel.bind(path("nb.sock"))) {
            server.configureBlocking(false);
            assertNull(server.accept());
        }
    }

    @Test
    void closingTheServerFromAnotherThreadReleasesABlockedAccept() throws Exception {
        UnixServerSocketChannel server = UnixServerSocketChannel.bind(path("closing.sock"));
        CompletableFuture<Throwable> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                server.accept();
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        Thread.sleep(100);
        server.close();
        assertInstanceOf(AsynchronousCloseException.class, blocked.get(5, TimeUnit.SECONDS));
    }

    @Test
    void interruptingABlockedAcceptClosesTheServer() throws Exception {
        UnixServerSocketChannel server = UnixServerSocketChannel.bind(path("interrupt.sock"));
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                server.accept();
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        t.start();
        Thread.sleep(100);
        t.interrupt();
        assertInstanceOf(ClosedByInterruptException.class, outcome.get(5, TimeUnit.SECONDS));
        assertFalse(server.isOpen());
    }

    /** Runs {@code call} in a new thread, interrupts it after 100 ms, and returns what it threw (null: nothing). */
    private static Throwable interruptedWhileIn(java.util.concurrent.Callable<?> call) throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                call.call();
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        t.start();
        Thread.sleep(100);
        long interruptedAt = System.nanoTime();
        t.interrupt();
        Throwable thrown = outcome.get(5, TimeUnit.SECONDS);
        long tookMillis = (System.nanoTime() - interruptedAt) / 1_000_000;
        assertTrue(tookMillis < 1000, "the interrupt was answered after " + tookMillis + " ms (the watch looks every 50 ms)");
        return thrown;
    }

    @Test
    void interruptingABlockedReadClosesTheSocket() throws Exception {
        try (SocketPair<UnixSocketChannel> p = UnixSocketChannel.pair(UnixSocketType.STREAM)) {
            assertInstanceOf(ClosedByInterruptException.class, interruptedWhileIn(() -> p.first().read(ByteBuffer.allocateDirect(8))));
            assertFalse(p.first().isOpen());
            assertEquals(-1, p.second().read(ByteBuffer.allocate(8)), "the peer sees the close");
        }
    }

    @Test
    void interruptingAWriteBlockedOnAFullSocketClosesIt() throws Exception {
        try (SocketPair<UnixSocketChannel> p = UnixSocketChannel.pair(UnixSocketType.STREAM)) {
            ByteBuffer big = ByteBuffer.allocateDirect(8 << 20);   // more than the socket buffers hold: nobody reads
            assertInstanceOf(ClosedByInterruptException.class, interruptedWhileIn(() -> p.first().write(big)));
            assertFalse(p.first().isOpen());
        }
    }

    @Test
    void aReadByAnAlreadyInterruptedThreadClosesTheSocketWithoutReading() throws Exception {
        try (SocketPair<UnixSocketChannel> p = UnixSocketChannel.pair(UnixSocketType.STREAM)) {
            p.second().write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            Thread.currentThread().interrupt();
            try {
                assertThrows(ClosedByInterruptException.class, () -> p.first().read(ByteBuffer.allocateDirect(8)));
                assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status stays set");
            } finally {
                Thread.interrupted();
            }
            assertFalse(p.first().isOpen());
        }
    }

    @Test
    void closingASocketFromAnotherThreadReleasesABlockedRead() throws Exception {
        try (SocketPair<UnixSocketChannel> p = UnixSocketChannel.pair(UnixSocketType.STREAM)) {
            CompletableFuture<Throwable> blocked = CompletableFuture.supplyAsync(() -> {
                try {
                    p.first().read(ByteBuffer.allocateDirect(8));
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            Thread.sleep(100);
            p.first().close();
            assertInstanceOf(AsynchronousCloseException.class, blocked.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void seqpacketKeepsMessageBoundaries() throws Exception {
        try (SocketPair<UnixSocketChannel> p = UnixSocketChannel.pair(UnixSocketType.SEQPACKET)) {
            p.first().write(direct("one"));
            p.first().write(direct("second message"));
            p.first().write(ByteBuffer.allocateDirect(0));
            ByteBuffer b = ByteBuffer.allocateDirect(64);
            assertEquals(3, p.second().read(b));
            b.clear();
            assertEquals(14, p.second().read(b));
            assertEquals("second message", text(b));
        }
    }

    @Test
    void aSeqpacketMessageLongerThanTheBufferIsReportedWithWhatFit() throws Exception {
        try (SocketPair<UnixSocketChannel> p = UnixSocketChannel.pair(UnixSocketType.SEQPACKET)) {
            p.first().write(direct("0123456789"));
            ByteBuffer b = ByteBuffer.allocateDirect(4);
            MessageTruncatedException e = assertThrows(MessageTruncatedException.class, () -> p.second().read(b));
            assertEquals(10, e.messageLength());
            assertEquals(4, e.kept());
            assertEquals("0123", text(b));
            ByteBuffer heap = ByteBuffer.allocate(3);
            p.first().write(direct("abcdef"));
            assertThrows(MessageTruncatedException.class, () -> p.second().read(heap));
            assertEquals("abc", text(heap));
        }
    }

    @Test
    void shutdownOutputLetsThePeerReadEndOfStreamAndStillAnswer() throws Exception {
        try (SocketPair<UnixSocketChannel> p = UnixSocketChannel.pair(UnixSocketType.STREAM)) {
            p.first().write(direct("request"));
            p.first().shutdownOutput();
            ByteBuffer b = ByteBuffer.allocateDirect(64);
            assertEquals(7, p.second().read(b));
            assertEquals(-1, p.second().read(b));
            p.second().write(direct("answer"));
            ByteBuffer a = ByteBuffer.allocateDirect(64);
            assertEquals(6, p.first().read(a));
            assertEquals("answer", text(a));
        }
    }

    @Test
    void writingAfterThePeerClosedIsBrokenPipe() throws Exception {
        try (SocketPair<UnixSocketChannel> p = UnixSocketChannel.pair(UnixSocketType.STREAM)) {
            p.second().close();
            BrokenPipeException e = assertThrows(BrokenPipeException.class, () -> p.first().write(direct("x")));
            assertEquals("EPIPE", e.errnoName());
        }
    }

    @Test
    void closingWithDataUnreadResetsThePeer() throws Exception {
        try (SocketPair<UnixSocketChannel> p = UnixSocketChannel.pair(UnixSocketType.STREAM)) {
            p.first().write(direct("never read"));
            p.second().close();
            ConnectionResetException e = assertThrows(ConnectionResetException.class, () -> p.first().read(ByteBuffer.allocateDirect(8)));
            assertEquals("ECONNRESET", e.errnoName());
        }
    }

    @Test
    void peerCredentialsAreThisProcesssForAPair() throws Exception {
        try (SocketPair<UnixSocketChannel> p = UnixSocketChannel.pair(UnixSocketType.STREAM)) {
            PeerCredentials c = p.first().peerCredentials();
            assertEquals(ProcessHandle.current().pid(), c.pid());
            assertEquals(io.github.nativeipc.bindings.Native.libc().geteuid(), c.uid());
        }
    }

    @Test
    void anAbstractNameServerLeavesNoFile() throws Exception {
        UnixSocketAddress at = UnixSocketAddress.ofAbstract("nipc-t" + ProcessHandle.current().pid() + "-abstract");
        try (UnixServerSocketChannel server = UnixServerSocketChannel.bind(at);
                UnixSocketChannel client = UnixSocketChannel.connect(at);
                UnixSocketChannel accepted = server.accept(Duration.ofSeconds(5))) {
            assertEquals(at, client.remoteAddress());
            assertEquals("@nipc-t" + ProcessHandle.current().pid() + "-abstract", at.toString());
            client.write(direct("abstract"));
            ByteBuffer b = ByteBuffer.allocateDirect(16);
            assertEquals(8, accepted.read(b));
            assertThrows(AddressInUseException.class, () -> UnixServerSocketChannel.bind(at));
        }
    }

    @Test
    void aSelectorReportsAcceptAndReadReadiness() throws Exception {
        UnixSocketAddress at = path("sel.sock");
        try (Selector selector = NativeSelectorProvider.getInstance().openSelector();
                UnixServerSocketChannel server = UnixServerSocketChannel.bind(at)) {
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            try (UnixSocketChannel client = UnixSocketChannel.connect(at)) {
                assertEquals(1, selector.select(5000));
                SelectionKey k = selector.selectedKeys().iterator().next();
                assertTrue(k.isAcceptable());
                selector.selectedKeys().clear();
                UnixSocketChannel accepted = server.accept();
                accepted.configureBlocking(false);
                accepted.register(selector, SelectionKey.OP_READ);
                client.write(direct("ready?"));
                assertEquals(1, selector.select(5000));
                SelectionKey r = selector.selectedKeys().iterator().next();
                assertTrue(r.isReadable());
                ByteBuffer b = ByteBuffer.allocateDirect(16);
                assertEquals(6, accepted.read(b));
                accepted.close();
            }
        }
    }
}
