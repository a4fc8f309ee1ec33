package io.github.nativeipc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.error.InvalidArgumentException;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.error.MessageTruncatedException;
import io.github.nativeipc.error.NotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The facade's message channels, whatever backs them on this OS. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MessageChannelTest {
    private final IpcName name = SharedMemoryTest.uniqueName();

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] received(ByteBuffer b) {
        byte[] out = new byte[b.flip().remaining()];
        b.get(out);
        return out;
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "a Linux seqpacket socket; on Windows a MessageChannel holds a named pipe")
    void onLinuxBothEndsAreTheTypedSeqpacketChannelItselfWithNothingInBetween() throws Exception {
        try (MessageServer server = MessageServer.bind(name);
                MessageChannel client = MessageChannel.connect(name, Duration.ofSeconds(5));
                MessageChannel accepted = server.accept(Duration.ofSeconds(5))) {
            assertInstanceOf(io.github.nativeipc.posix.UnixSocketChannel.class, client);
            assertEquals(io.github.nativeipc.posix.UnixSocketType.SEQPACKET,
                    ((io.github.nativeipc.posix.UnixSocketChannel) accepted).type());
            assertTrue(client.toString().startsWith("MessageChannel["), client.toString());
        }
    }

    @Test
    void threeSendsOfDifferentSizesArriveAsThreeMessagesBothWays() throws Exception {
        int[] sizes = {1, 1000, 60_000};
        try (MessageServer server = MessageServer.bind(name);
                MessageChannel client = MessageChannel.connect(name, Duration.ofSeconds(5));
                MessageChannel accepted = server.accept(Duration.ofSeconds(5))) {
            for (int i = 0; i < sizes.length; i++) {
                client.send(ByteBuffer.wrap(random(sizes[i], i)));
                accepted.send(ByteBuffer.wrap(random(sizes[i], 10 + i)));
            }
            ByteBuffer b = ByteBuffer.allocateDirect(100_000);
            for (int i = 0; i < sizes.length; i++) {
                b.clear();
                assertEquals(sizes[i], accepted.receive(b));
                assertArrayEquals(random(sizes[i], i), received(b));
                b.clear();
                assertEquals(sizes[i], client.receive(b));
                assertArrayEquals(random(sizes[i], 10 + i), received(b));
            }
        }
    }

    @Test
    void aMessageLongerThanTheBufferIsReportedItsRestDroppedAndTheNextArrivesWhole() throws Exception {
        try (MessageServer server = MessageServer.bind(name);
                MessageChannel client = MessageChannel.connect(name, Duration.ofSeconds(5));
                MessageChannel accepted = server.accept(Duration.ofSeconds(5))) {
            byte[] longOne = random(100_000, 7);
            // a Windows pipe write waits until the reader has taken what its buffer cannot hold
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                try {
                    client.send(ByteBuffer.wrap(longOne));
                    client.send(bytes("next"));
                } catch (IOException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            ByteBuffer small = ByteBuffer.allocateDirect(10);
            MessageTruncatedException e = assertThrows(MessageTruncatedException.class, () -> accepted.receive(small));
            assertEquals(100_000, e.messageLength());
            assertEquals(10, e.kept());
            assertArrayEquals(java.util.Arrays.copyOf(longOne, 10), received(small));
            ByteBuffer b = ByteBuffer.allocate(64);
            assertEquals(4, accepted.receive(b));
            assertEquals("next", new String(received(b), StandardCharsets.UTF_8));
            sender.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void anEmptyMessageIsRefusedBeforeAnyCall() throws Exception {
        try (MessageServer server = MessageServer.bind(name);
                MessageChannel client = MessageChannel.connect(name, Duration.ofSeconds(5));
                MessageChannel accepted = server.accept(Duration.ofSeconds(5))) {
            assertThrows(InvalidArgumentException.class, () -> client.send(ByteBuffer.allocate(0)));
            client.send(bytes("after"));
            ByteBuffer b = ByteBuffer.allocate(16);
            assertEquals(5, accepted.receive(b));
        }
    }

    @Test
    void receiveReturnsMinusOneOnceThePeerClosedAndEveryMessageWasRead() throws Exception {
        try (MessageServer server = MessageServer.bind(name);
                MessageChannel client = MessageChannel.connect(name, Duration.ofSeconds(5));
                MessageChannel accepted = server.accept(Duration.ofSeconds(5))) {
            client.send(bytes("last words"));
            client.close();
            ByteBuffer b = ByteBuffer.allocate(64);
            assertEquals(10, accepted.receive(b));
            b.clear();
            assertEquals(-1, accepted.receive(b));
        }
    }

    @Test
    void aTimedReceiveWithNothingSentReturnsZeroAndLosesNothing() throws Exception {
        try (MessageServer server = MessageServer.bind(name);
                MessageChannel client = MessageChannel.connect(name, Duration.ofSeconds(5));
                MessageChannel accepted = server.accept(Duration.ofSeconds(5))) {
            ByteBuffer b = ByteBuffer.allocateDirect(64);
            assertEquals(0, accepted.receive(b, Duration.ofMillis(100)));
            client.send(bytes("in time"));
            assertEquals(7, accepted.receive(b, Duration.ofSeconds(5)));
        }
    }

    @Test
    void eachEndKnowsThePeerProcess() throws Exception {
        try (MessageServer server = MessageServer.bind(name);
                MessageChannel client = MessageChannel.connect(name, Duration.ofSeconds(5));
                MessageChannel accepted = server.accept(Duration.ofSeconds(5))) {
            assertEquals(ProcessHandle.current().pid(), accepted.peer().pid());
            assertTrue(accepted.peer().isSameUser());
            assertEquals(ProcessHandle.current().pid(), client.peer().pid());
        }
    }

    @Test
    void connectingToANameNoServerHasIsNotFound() {
        assertThrows(NotFoundException.class, () -> MessageChannel.connect(name, Duration.ofMillis(200)));
    }

    @Test
    void closeReleasesAReceiveBlockedInAnotherThread() throws Exception {
        try (MessageServer server = MessageServer.bind(name);
                MessageChannel client = MessageChannel.connect(name, Duration.ofSeconds(5));
                MessageChannel accepted = server.accept(Duration.ofSeconds(5))) {
            CompletableFuture<Integer> blocked = CompletableFuture.supplyAsync(() -> {
                try {
                    return accepted.receive(ByteBuffer.allocateDirect(64));
                } catch (IOException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            Thread.sleep(200);
            accepted.close();
            ExecutionException e = assertThrows(ExecutionException.class, () -> blocked.get(10, TimeUnit.SECONDS));
            assertInstanceOf(ClosedChannelException.class, e.getCause(), e.toString());
        }
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "a byte-mode pipe client can read a message pipe on Windows; Linux refuses the other socket type")
    void aStreamClientCannotConnectToAMessageServer() throws Exception {
        try (MessageServer server = MessageServer.bind(name)) {
            IpcException e = assertThrows(IpcException.class, () -> LocalSocket.connect(name, Duration.ofMillis(500)));
            assertTrue(e.getMessage().contains("EPROTOTYPE") && e.getMessage().contains("connect"), e.getMessage());
        }
    }
}
