package io.github.nativeipc.demo;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The demo's Unix socket part: 20,000 round trips with a C stream echo server and 20,000 with a C
 * seqpacket echo (each reply checked), datagrams answered by C, then descriptors passed both ways:
 * a memfd C filled, mapped by Java, and a pipe's write end Java sent, written through by C.
 */
final class SocketsDemo {
    private SocketsDemo() {}

    private static final int ROUND_TRIPS = 20_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    static void run() throws Exception {
        Path dir = Files.createTempDirectory("nipc-demo-sock");
        try {
            echo(dir, UnixSocketType.STREAM);
            echo(dir, UnixSocketType.SEQPACKET);
            datagrams(dir);
            descriptors(dir);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    private static void echo(Path dir, UnixSocketType type) throws Exception {
        String kind = type == UnixSocketType.STREAM ? "stream" : "seqpacket";
        String path = dir.resolve(kind + ".sock").toString();
        try (CPeer peer = CPeer.start("unix_peer", "echo-server", path, kind)) {
            expect(peer, "ready");
            long[] rtt = new long[ROUND_TRIPS];
            try (UnixSocketChannel c = UnixSocketChannel.connect(UnixSocketAddress.of(path), type, TIMEOUT)) {
                PeerCredentials server = c.peerCredentials();
                String seen = peer.nextLine(TIMEOUT);
                System.out.println("  " + kind + " socket " + path + ": Java sees the C server as " + server
                        + "; C sees Java as " + seen);
                ByteBuffer request = ByteBuffer.allocateDirect(64);
                ByteBuffer reply = ByteBuffer.allocateDirect(64);
                for (int i = 0; i < ROUND_TRIPS; i++) {
                    byte[] message = ("message " + i).getBytes(StandardCharsets.US_ASCII);
                    long t0 = System.nanoTime();
                    c.write(request.clear().put(message).flip());
                    reply.clear().limit(message.length);
                    while (reply.hasRemaining()) {
                        if (c.read(reply) < 0) {
                            throw new IllegalStateException("the C echo closed the socket at message " + i);
                        }
                    }
                    rtt[i] = System.nanoTime() - t0;
                    if (!reply.flip().equals(ByteBuffer.wrap(message))) {
                        throw new IllegalStateException("unexpected echo of message " + i);
                    }
                }
            }
            String echoed = peer.awaitSuccess(TIMEOUT).get(0);
            Demo.report("Unix " + kind + " socket with a C echo (write/read; C reports \"" + echoed + "\")", rtt);
        }
    }

    private static void datagrams(Path dir) throws Exception {
        UnixSocketAddress cAt = UnixSocketAddress.of(dir.resolve("c-dgram.sock"));
        try (CPeer peer = CPeer.start("unix_peer", "dgram-echo", cAt.toString(), "2");
                UnixDatagramChannel d = UnixDatagramChannel.open().bindAutomatically()) {
            expect(peer, "ready");
            for (String m : new String[] {"first datagram", "second"}) {
                d.send(ByteBuffer.wrap(m.getBytes(StandardCharsets.UTF_8)), cAt);
                ByteBuffer b = ByteBuffer.allocate(64);
                UnixSocketAddress from = d.receive(b, TIMEOUT);
                b.flip();
                System.out.println("  datagram from " + d.localAddress() + " to " + cAt.path().orElseThrow().getFileName()
                        + ": \"" + m + "\"; answer from " + from.path().orElseThrow().getFileName() + ": \""
                        + StandardCharsets.UTF_8.decode(b) + "\"");
            }
            peer.awaitSuccess(TIMEOUT);
        }
    }

    private static void descriptors(Path dir) throws Exception {
        UnixSocketAddress at = UnixSocketAddress.of(dir.resolve("fds.sock"));
        try (UnixServerSocketChannel server = UnixServerSocketChannel.bind(at)) {
            try (CPeer peer = CPeer.start("unix_peer", "send-memfd", at.toString(), "text C wrote into a memfd it sent");
                    UnixSocketChannel c = server.accept(TIMEOUT);
                    ReceivedMessage m = c.receive(ByteBuffer.allocateDirect(1), 1, TIMEOUT);
                    MemFd mem = m.descriptors().get(0).asMemFd(Access.READ_WRITE);
                    MappedMemory view = mem.map()) {
                byte[] text = new byte[33];
                view.slice(0, text.length).get(text);
                System.out.println("  SCM_RIGHTS from C: a memfd of " + mem.size() + " bytes; mapped by Java it holds \""
                        + new String(text, StandardCharsets.UTF_8) + "\"");
                c.close();
                peer.awaitSuccess(TIMEOUT);
            }
            String text = "C wrote this through the pipe end Java sent";
            try (AnonymousPipe pipe = AnonymousPipe.open();
                    CPeer peer = CPeer.start("unix_peer", "recv-fd-write", at.toString(), text);
                    UnixSocketChannel c = server.accept(TIMEOUT)) {
                c.send(ByteBuffer.wrap(new byte[] {'P'}), pipe.sink());
                pipe.sink().close();
                String got = new String(pipe.source().inputStream().readAllBytes(), StandardCharsets.UTF_8);
                System.out.println("  SCM_RIGHTS from Java: a pipe's write end; read back from the pipe: \"" + got + "\"");
                if (!got.equals(text)) {
                    throw new IllegalStateException("the pipe carried \"" + got + "\"");
                }
                peer.awaitSuccess(TIMEOUT);
            }
        }
    }

    private static void expect(CPeer peer, String line) throws InterruptedException {
        String got = peer.nextLine(TIMEOUT);
        if (!line.equals(got)) {
            throw new IllegalStateException("the C peer said \"" + got + "\", not \"" + line + "\": " + peer.errors());
        }
    }
}
