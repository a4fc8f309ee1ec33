package io.github.nativeipc.posix;

import static io.github.nativeipc.posix.TestBuffers.direct;
import static io.github.nativeipc.posix.TestBuffers.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.error.ConnectionRefusedException;
import io.github.nativeipc.error.MessageTruncatedException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixDatagramChannelTest {
    @TempDir
    Path dir;

    @Test
    void aDatagramArrivesWholeWithItsSendersAddress() throws Exception {
        UnixSocketAddress serverAt = UnixSocketAddress.of(dir.resolve("server.sock"));
        UnixSocketAddress clientAt = UnixSocketAddress.of(dir.resolve("client.sock"));
        try (UnixDatagramChannel server = UnixDatagramChannel.open().bind(serverAt);
                UnixDatagramChannel client = UnixDatagramChannel.open().bind(clientAt)) {
            assertEquals(5, client.send(direct("hello"), serverAt));
            ByteBuffer b = ByteBuffer.allocateDirect(64);
            assertEquals(clientAt, server.receive(b));
            assertEquals("hello", text(b));
            server.send(direct("reply"), clientAt);
            ByteBuffer r = ByteBuffer.allocate(64);
            assertEquals(serverAt, client.receive(r, Duration.ofSeconds(5)));
            assertEquals("reply", text(r));
        }
        assertFalse(Files.exists(dir.resolve("server.sock")));
    }

    @Test
    void anUnboundSendersAddressIsUnnamedAndAutobindGivesAnAbstractName() throws Exception {
        UnixSocketAddress serverAt = UnixSocketAddress.of(dir.resolve("s.sock"));
        try (UnixDatagramChannel server = UnixDatagramChannel.open().bind(serverAt);
                UnixDatagramChannel anonymous = UnixDatagramChannel.open();
                UnixDatagramChannel auto = UnixDatagramChannel.open().bindAutomatically()) {
            anonymous.send(direct("a"), serverAt);
            assertEquals(UnixSocketAddress.UNNAMED, server.receive(ByteBuffer.allocateDirect(8)));
            auto.send(direct("b"), serverAt);
            UnixSocketAddress from = server.receive(ByteBuffer.allocateDirect(8));
            assertEquals(UnixSocketAddress.Kind.ABSTRACT, from.kind());
            assertEquals(auto.localAddress(), from);
        }
    }

    @Test
    void anEmptyDatagramIsAMessageNotTheEnd() throws Exception {
        try (SocketPair<UnixDatagramChannel> p = UnixDatagramChannel.pair()) {
            p.first().write(ByteBuffer.allocateDirect(0));
            p.first().write(direct("after"));
            ByteBuffer b = ByteBuffer.allocateDirect(16);
            assertEquals(0, p.second().read(b));
            assertEquals(5, p.second().read(b));
        }
    }

    @Test
    void aDatagramLongerThanTheBufferIsReported() throws Exception {
        try (SocketPair<UnixDatagramChannel> p = UnixDatagramChannel.pair()) {
            p.first().write(direct("0123456789"));
            ByteBuffer b = ByteBuffer.allocateDirect(6);
            MessageTruncatedException e = assertThrows(MessageTruncatedException.class, () -> p.second().read(b));
            assertEquals(10, e.messageLength());
            assertEquals("012345", text(b));
        }
    }

    @Test
    void aNonBlockingReceiveWithNothingThereReturnsNull() throws Exception {
        try (UnixDatagramChannel d = UnixDatagramChannel.open().bindAutomatically()) {
            d.configureBlocking(false);
            assertNull(d.receive(ByteBuffer.allocateDirect(8)));
            assertNull(d.receive(ByteBuffer.allocateDirect(8), Duration.ofMillis(20)));
        }
    }

    @Test
    void sendingToAnAddressNothingIsBoundToIsRefused() throws Exception {
        UnixSocketAddress gone = UnixSocketAddress.of(dir.resolve("gone.sock"));
        UnixDatagramChannel.open().bind(gone, BindOptions.defaults().removeOnClose(false)).close();
        try (UnixDatagramChannel d = UnixDatagramChannel.open()) {
            ConnectionRefusedException e = assertThrows(ConnectionRefusedException.class, () -> d.send(direct("x"), gone));
            assertTrue(e.getMessage().startsWith("sendmsg("), e.getMessage());
        }
    }

    @Test
    void aConnectedDatagramSocketReadsAndWritesWithoutAddresses() throws Exception {
        UnixSocketAddress at = UnixSocketAddress.of(dir.resolve("peer.sock"));
        try (UnixDatagramChannel peer = UnixDatagramChannel.open().bind(at);
                UnixDatagramChannel d = UnixDatagramChannel.open().bindAutomatically().connect(at)) {
            d.write(direct("connected"));
            ByteBuffer b = ByteBuffer.allocateDirect(16);
            assertEquals(d.localAddress(), peer.receive(b));
            assertEquals(at, d.remoteAddress());
        }
    }
}
