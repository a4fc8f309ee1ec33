package io.github.nativeipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.error.AddressInUseException;
import io.github.nativeipc.error.NotFoundException;
import io.github.nativeipc.error.WouldBlockException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The facade's local sockets, whatever backs them on this OS. */
class LocalSocketTest {
    private final IpcName name = SharedMemoryTest.uniqueName();

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aClientAndTheServerExchangeBytesAndTheServerKnowsWhoConnected() throws Exception {
        try (LocalServer server = LocalServer.bind(name);
                LocalSocket client = LocalSocket.connect(name, Duration.ofSeconds(5));
                LocalSocket accepted = server.accept(Duration.ofSeconds(5))) {
            client.write(bytes("hello"));
            ByteBuffer b = ByteBuffer.allocate(16);
            assertEquals(5, accepted.read(b));
            PeerIdentity who = accepted.peer();
            assertEquals(ProcessHandle.current().pid(), who.pid());
            assertTrue(who.isSameUser());
            assertEquals(ProcessHandle.current().pid(), client.peer().pid());
            client.close();
            assertEquals(-1, accepted.read(b), "the peer's close is the end of the stream");
        }
    }

    @Test
    @org.junit.jupiter.api.condition.DisabledOnOs(value = org.junit.jupiter.api.condition.OS.WINDOWS,
            disabledReason = "on Windows a LocalSocket holds a named pipe")
    void onPosixBothEndsAreTheTypedChannelItselfWithNothingInBetween() throws Exception {
        try (LocalServer server = LocalServer.bind(name);
                LocalSocket client = LocalSocket.connect(name, Duration.ofSeconds(5));
                LocalSocket accepted = server.accept(Duration.ofSeconds(5))) {
            assertInstanceOf(io.github.nativeipc.posix.UnixSocketChannel.class, client);
            assertInstanceOf(io.github.nativeipc.posix.UnixSocketChannel.class, accepted);
            assertTrue(client.toString().startsWith("LocalSocket["), client.toString());
        }
    }

    @Test
    void aTimedReadWithNothingSentReturnsZeroAndLosesNothing() throws Exception {
        try (LocalServer server = LocalServer.bind(name);
                LocalSocket client = LocalSocket.connect(name, Duration.ofSeconds(5));
                LocalSocket accepted = server.accept(Duration.ofSeconds(5))) {
            ByteBuffer b = ByteBuffer.allocateDirect(16);
            assertEquals(0, accepted.read(b, Duration.ofMillis(100)));
            client.write(bytes("late"));
            assertEquals(4, accepted.read(b, Duration.ofSeconds(5)));
            assertEquals("late", StandardCharsets.UTF_8.decode(b.flip()).toString());
        }
    }

    @Test
    @org.junit.jupiter.api.condition.DisabledOnOs(value = org.junit.jupiter.api.condition.OS.WINDOWS,
            disabledReason = "a socket file is the POSIX backend's; on Windows the pipe's DACL does this (windows module tests)")
    void theSocketFileIsPrivateToThisUser() throws Exception {
        Path file = LocalServer.socketPath(name);
        try (LocalServer server = LocalServer.bind(name)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
            assertThrows(AddressInUseException.class, () -> LocalServer.bind(name));
        }
        assertFalse(Files.exists(file), "close removes the socket file");
    }

    @Test
    void connectingToANameNoServerHasIsNotFound() {
        assertThrows(NotFoundException.class, () -> LocalSocket.connect(name, Duration.ofMillis(200)));
    }

    @Test
    void acceptWithATimeoutAndNoClientThrowsAfterTheTimeout() throws Exception {
        try (LocalServer server = LocalServer.bind(name)) {
            long start = System.nanoTime();
            assertThrows(WouldBlockException.class, () -> server.accept(Duration.ofMillis(200)));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(ms >= 200 && ms < 1000, ms + " ms");
        }
    }

    @Test
    void closingTheServerFromAnotherThreadReleasesABlockedAccept() throws Exception {
        LocalServer server = LocalServer.bind(name);
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
        assertInstanceOf(java.nio.channels.AsynchronousCloseException.class, blocked.get(5, TimeUnit.SECONDS));
    }

    @Test
    void anAbstractNameServerIsReachedByName() throws Exception {
        if (!Capabilities.current().has(Capability.ABSTRACT_SOCKET_NAMES)) {
            assertThrows(io.github.nativeipc.error.NotSupportedException.class, () -> LocalServer.bind(name, LocalServer.Namespace.ABSTRACT));
            return;
        }
        try (LocalServer server = LocalServer.bind(name, LocalServer.Namespace.ABSTRACT);
                LocalSocket client = LocalSocket.connect(name, LocalServer.Namespace.ABSTRACT, Duration.ofSeconds(5));
                LocalSocket accepted = server.accept(Duration.ofSeconds(5))) {
            client.write(bytes("abstract"));
            ByteBuffer b = ByteBuffer.allocate(16);
            assertEquals(8, accepted.read(b));
        }
    }
}
