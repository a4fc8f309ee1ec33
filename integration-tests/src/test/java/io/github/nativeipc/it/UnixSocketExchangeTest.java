package io.github.nativeipc.it;

import static io.github.nativeipc.posix.TestBuffers.direct;
import static io.github.nativeipc.posix.TestBuffers.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.demo.CPeer;
import io.github.nativeipc.memory.MappedMemory;
import io.github.nativeipc.posix.Access;
import io.github.nativeipc.posix.AnonymousPipe;
import io.github.nativeipc.posix.MemFd;
import io.github.nativeipc.posix.PeerCredentials;
import io.github.nativeipc.posix.ReceivedMessage;
import io.github.nativeipc.posix.UnixDatagramChannel;
import io.github.nativeipc.posix.UnixServerSocketChannel;
import io.github.nativeipc.posix.UnixSocketAddress;
import io.github.nativeipc.posix.UnixSocketChannel;
import io.github.nativeipc.posix.UnixSocketType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Java and a C program (plain libc socket calls) on the two ends of Unix domain sockets. */
class UnixSocketExchangeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static void awaitReady(CPeer peer) throws InterruptedException {
        assertEquals("ready", peer.nextLine(TIMEOUT));
    }

    private static void readFully(UnixSocketChannel c, ByteBuffer b) throws Exception {
        while (b.hasRemaining()) {
            if (c.read(b) < 0) {
                throw new AssertionError("end of stream with " + b.remaining() + " bytes missing");
            }
        }
    }

    @Test
    void aCStreamEchoServerReturnsWhatJavaSends() throws Exception {
        String path = dir.resolve("echo.sock").toString();
        try (CPeer peer = CPeer.start("unix_peer", "echo-server", path, "stream")) {
            awaitReady(peer);
            try (UnixSocketChannel c = UnixSocketChannel.connect(UnixSocketAddress.of(path))) {
                for (int i = 0; i < 100; i++) {
                    String m = "message " + i;
                    c.write(direct(m));
                    ByteBuffer back = ByteBuffer.allocateDirect(m.length());
                    readFully(c, back);
                    assertEquals(m, text(back));
                }
            }
            List<String> out = peer.awaitSuccess(TIMEOUT);
            assertTrue(out.get(out.size() - 1).startsWith("echoed " + (100 * 9 + 90)), out.toString());
        }
    }

    @Test
    void theCServersPeerCredentialsAreThisJvmsAndOursAreTheCServers() throws Exception {
        String path = dir.resolve("creds.sock").toString();
        try (CPeer peer = CPeer.start("unix_peer", "echo-server", path, "stream")) {
            awaitReady(peer);
            try (UnixSocketChannel c = UnixSocketChannel.connect(UnixSocketAddress.of(path))) {
                String[] seen = peer.nextLine(TIMEOUT).split(" ");
                assertEquals("peer", seen[0]);
                assertEquals(ProcessHandle.current().pid(), Long.parseLong(seen[1]));
                PeerCredentials server = c.peerCredentials();
                assertEquals(peer.pid(), server.pid());
                assertEquals(Integer.parseInt(seen[2]), server.uid(), "both run as the same user here");
                assertEquals(Integer.parseInt(seen[3]), server.gid());
            }
            peer.awaitSuccess(TIMEOUT);
        }
    }

    @Test
    void aJavaServerSeesTheCClientsPidUidAndGid() throws Exception {
        UnixSocketAddress at = UnixSocketAddress.of(dir.resolve("whoami.sock"));
        try (UnixServerSocketChannel server = UnixServerSocketChannel.bind(at);
                CPeer peer = CPeer.start("unix_peer", "whoami", at.toString());
                UnixSocketChannel c = server.accept(TIMEOUT)) {
            String[] self = peer.nextLine(TIMEOUT).split(" ");
            PeerCredentials cred = c.peerCredentials();
            assertEquals(new PeerCredentials(Integer.parseInt(self[1]), Integer.parseInt(self[2]), Integer.parseInt(self[3])), cred);
            assertEquals(peer.pid(), cred.pid());
            c.close();
            peer.awaitSuccess(TIMEOUT);
        }
    }

    @Test
    void seqpacketMessagesFromCArriveWithTheirBoundaries() throws Exception {
        UnixSocketAddress at = UnixSocketAddress.of(dir.resolve("seq.sock"));
        int[] sizes = {1, 1000, 60000};
        try (UnixServerSocketChannel server = UnixServerSocketChannel.bind(at, UnixSocketType.SEQPACKET,
                io.github.nativeipc.posix.BindOptions.defaults());
                CPeer peer = CPeer.start("unix_peer", "seqpacket-send", at.toString(), "1", "1000", "60000");
                UnixSocketChannel c = server.accept(TIMEOUT)) {
            assertEquals("sent 3", peer.nextLine(TIMEOUT));
            ByteBuffer b = ByteBuffer.allocateDirect(65536);
            for (int size : sizes) {
                b.clear();
                assertEquals(size, c.read(b), "one read, one whole message");
                for (int j = 0; j < size; j++) {
                    assertEquals((byte) (j % 251), b.get(j));
                }
            }
            c.close();
            peer.awaitSuccess(TIMEOUT);
        }
    }

    @Test
    void aCSeqpacketEchoKeepsJavasMessagesApart() throws Exception {
        String path = dir.resolve("seqecho.sock").toString();
        try (CPeer peer = CPeer.start("unix_peer", "echo-server", path, "seqpacket")) {
            awaitReady(peer);
            try (UnixSocketChannel c = UnixSocketChannel.connect(UnixSocketAddress.of(path), UnixSocketType.SEQPACKET, TIMEOUT)) {
                c.write(direct("a"));
                c.write(direct("bb"));
                c.write(direct("ccc"));
                ByteBuffer b = ByteBuffer.allocateDirect(64);
                for (String expected : List.of("a", "bb", "ccc")) {
                    b.clear();
                    c.read(b);
                    assertEquals(expected, text(b));
                }
            }
            List<String> out = peer.awaitSuccess(TIMEOUT);
            assertEquals("echoed 6 3", out.get(out.size() - 1));
        }
    }

    @Test
    void aCServerOnAnAbstractNameIsReachedByName() throws Exception {
        String name = "nipc-it" + ProcessHandle.current().pid() + "-abstract";
        try (CPeer peer = CPeer.start("unix_peer", "echo-server", "@" + name, "stream")) {
            awaitReady(peer);
            try (UnixSocketChannel c = UnixSocketChannel.connect(UnixSocketAddress.ofAbstract(name))) {
                c.write(direct("abstract"));
                ByteBuffer b = ByteBuffer.allocateDirect(8);
                readFully(c, b);
                assertEquals("abstract", text(b));
                assertEquals("@" + name, c.remoteAddress().toString());
            }
            peer.awaitSuccess(TIMEOUT);
        }
    }

    @Test
    void datagramsToACPeerAreAnsweredToTheirSender() throws Exception {
        UnixSocketAddress cAt = UnixSocketAddress.of(dir.resolve("c-dgram.sock"));
        UnixSocketAddress javaAt = UnixSocketAddress.of(dir.resolve("java-dgram.sock"));
        try (CPeer peer = CPeer.start("unix_peer", "dgram-echo", cAt.toString(), "3")) {
            awaitReady(peer);
            try (UnixDatagramChannel d = UnixDatagramChannel.open().bind(javaAt)) {
                for (String m : List.of("x", "hello", "a longer datagram")) {
                    d.send(direct(m), cAt);
                    ByteBuffer b = ByteBuffer.allocateDirect(64);
                    assertEquals(cAt, d.receive(b, TIMEOUT));
                    assertEquals("C:" + m, text(b));
                }
            }
            assertEquals(List.of("answered 3"), peer.awaitSuccess(TIMEOUT));
        }
    }

    @Test
    void aMemfdSentByCIsMappedAndReadByJava() throws Exception {
        UnixSocketAddress at = UnixSocketAddress.of(dir.resolve("memfd.sock"));
        try (UnixServerSocketChannel server = UnixServerSocketChannel.bind(at);
                CPeer peer = CPeer.start("unix_peer", "send-memfd", at.toString(), "written by C into its memfd");
                UnixSocketChannel c = server.accept(TIMEOUT)) {
            ByteBuffer one = ByteBuffer.allocateDirect(1);
            try (ReceivedMessage m = c.receive(one, 1, TIMEOUT)) {
                assertEquals(1, m.bytes());
                assertEquals('M', one.get(0));
                try (MemFd mem = m.descriptors().get(0).asMemFd(Access.READ_WRITE); MappedMemory view = mem.map()) {
                    assertEquals(4096, mem.size());
                    byte[] got = new byte[27];
                    view.slice(0, 27).get(got);
                    assertEquals("written by C into its memfd", new String(got, StandardCharsets.UTF_8));
                }
            }
            c.close();
            assertTrue(peer.awaitSuccess(TIMEOUT).get(0).startsWith("self " + peer.pid()));
        }
    }

    @Test
    void aPipeWriteEndSentByJavaIsWrittenThroughByC() throws Exception {
        UnixSocketAddress at = UnixSocketAddress.of(dir.resolve("pipe.sock"));
        String text = "written by C through the pipe Java sent";
        try (UnixServerSocketChannel server = UnixServerSocketChannel.bind(at);
                AnonymousPipe pipe = AnonymousPipe.open();
                CPeer peer = CPeer.start("unix_peer", "recv-fd-write", at.toString(), text);
                UnixSocketChannel c = server.accept(TIMEOUT)) {
            c.send(direct("P"), pipe.sink());
            pipe.sink().close();   // the C process holds the only write end now: its close is our end of stream
            byte[] got = pipe.source().inputStream().readAllBytes();
            assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), got);
            assertEquals(List.of("wrote " + text.length()), peer.awaitSuccess(TIMEOUT));
        }
    }
}
