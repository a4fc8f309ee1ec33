package io.github.nativeipc.posix;

import static io.github.nativeipc.posix.TestBuffers.direct;
import static io.github.nativeipc.posix.TestBuffers.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subclass that is the channel itself (what the facade's LocalSocket is on Linux): connect and
 * accept hand the connected socket to a factory, which passes it to the subclass's constructor.
 */
class UnixSocketChannelFactoryTest {
    @TempDir
    Path dir;

    /** A subclass under another name, as the facade's is. */
    static final class Named extends UnixSocketChannel {
        final String label;

        Named(Connected socket, String label) throws IpcException {
            super(socket);
            this.label = label;
        }
    }

    private static long openDescriptors() throws Exception {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    @Test
    void connectAndAcceptMakeTheFactorysChannelsAndTheyCarryBytes() throws Exception {
        UnixSocketAddress at = UnixSocketAddress.of(dir.resolve("f.sock"));
        try (UnixServerSocketChannel server = UnixServerSocketChannel.bind(at);
                Named client = UnixSocketChannel.connect(at, UnixSocketType.STREAM, Duration.ofSeconds(5),
                        socket -> new Named(socket, "client"));
                Named accepted = server.accept(Duration.ofSeconds(5), socket -> new Named(socket, "server"))) {
            assertEquals("client", client.label);
            assertEquals("server", accepted.label);
            client.write(direct("ping"));
            ByteBuffer b = ByteBuffer.allocateDirect(16);
            assertEquals(4, accepted.read(b));
            assertEquals("ping", text(b));
            assertEquals(at, client.remoteAddress());
        }
    }

    @Test
    void aFactoryThatFailsBeforeTakingTheSocketLeavesNoDescriptorOpen() throws Exception {
        UnixSocketAddress at = UnixSocketAddress.of(dir.resolve("g.sock"));
        try (UnixServerSocketChannel server = UnixServerSocketChannel.bind(at)) {
            long before = openDescriptors();
            for (int i = 0; i < 20; i++) {
                IpcException refused = Errors.invalidArgument("the test's factory", "g.sock", "refused by the test");
                IpcException thrown = assertThrows(IpcException.class, () -> UnixSocketChannel.connect(at, UnixSocketType.STREAM,
                        Duration.ofSeconds(5), socket -> {
                            throw refused;
                        }));
                assertSame(refused, thrown);
                server.accept(Duration.ofSeconds(5)).close();
            }
            assertEquals(before, openDescriptors());
        }
    }

    @Test
    void aSocketTakenTwiceIsRefused() throws Exception {
        UnixSocketAddress at = UnixSocketAddress.of(dir.resolve("h.sock"));
        try (UnixServerSocketChannel server = UnixServerSocketChannel.bind(at)) {
            Named[] first = new Named[1];
            assertThrows(IllegalStateException.class, () -> UnixSocketChannel.connect(at, UnixSocketType.STREAM,
                    Duration.ofSeconds(5), socket -> {
                        first[0] = new Named(socket, "first");
                        return new Named(socket, "second");
                    }));
            try (Named kept = first[0]; UnixSocketChannel accepted = server.accept(Duration.ofSeconds(5))) {
                kept.write(direct("still"));   // the first constructor owns the socket: it works, and closes it
                ByteBuffer b = ByteBuffer.allocateDirect(16);
                assertEquals(5, accepted.read(b));
                assertInstanceOf(Named.class, kept);
            }
        }
    }
}
