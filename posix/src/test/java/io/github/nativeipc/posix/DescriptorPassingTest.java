package io.github.nativeipc.posix;

import static io.github.nativeipc.posix.TestBuffers.direct;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.error.InvalidArgumentException;
import io.github.nativeipc.error.MessageTruncatedException;
import io.github.nativeipc.memory.MappedMemory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** SCM_RIGHTS and SCM_CREDENTIALS through socket pairs: descriptors arrive as typed objects, none leak. */
class DescriptorPassingTest {

    private static long openDescriptors() throws Exception {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    @Test
    void aMemfdSentArrivesAsMemoryWithTheSameContents() throws Exception {
        try (SocketPair<UnixSocketChannel> p = UnixSocketChannel.pair(UnixSocketType.STREAM);
                MemFd sent = MemFd.create("passed", 4096);
                MappedMemory m = sent.map()) {
            m.putLong(0, 0x1122334455667788L);
            assertEquals(1, p.first().send(direct("m"), sent));
            ByteBuffer b = ByteBuffer.allocateDirect(8);
            try (ReceivedMessage msg = p.second().receive(b, 4)) {
                assertEquals(1, msg.bytes());
                assertEquals(1, msg.descriptors().size());
                assertEquals(ReceivedDescriptor.Kind.FILE, msg.descriptors().get(0).kind());
                try (MemFd got = msg.descriptors().get(0).asMemFd(Access.READ_WRITE); MappedMemory view = got.map()) {
                    assertEquals(0x1122334455667788L, view.getLong(0));
                    view.putLong(8, 42);
                    assertEquals(42, m.getLong(8), "one object: a write through the received descriptor is seen by the sender");
                }
            }
        }
    }

    @Test
    void aPipeEndSentIsWrittenThroughByTheReceiver() throws Exception {
        try (SocketPair<UnixSocketChannel> p = UnixSocketChannel.pair(UnixSocketType.SEQPACKET);
                AnonymousPipe pipe = AnonymousPipe.open()) {
            p.first().send(direct("sink"), pipe.sink());
            pipe.sink().close();
            try (ReceivedMessage msg = p.second().receive(ByteBuffer.allocateDirect(16), 1);
                    PipeSink sink = msg.descriptors().get(0).asPipeSink()) {
                sink.write(direct("through the passed end"));
            }
            assertEquals("through the passed end", new String(pipe.source().inputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aDescriptorTakenAsTheWrongKindStaysOwnedAndIsClosedWithTheMessage() throws Exception {
        long before = openDescriptors();
        try (SocketPair<UnixSocketChannel> p = UnixSocketChannel.pair(UnixSocketType.STREAM); EventFd e = EventFd.create(0, false)) {
            p.first().send(direct("e"), e);
            ReceivedMessage msg = p.second().receive(ByteBuffer.allocateDirect(4), 1);
            ReceivedDescriptor d = msg.descriptors().get(0);
            assertEquals(ReceivedDescriptor.Kind.OTHER, d.kind());
            assertThrows(InvalidArgumentException.class, d::asPipeSource);
            msg.close();
            assertThrows(io.github.nativeipc.error.ClosedException.class, d::detach);
        }
        assertEquals(before, openDescriptors());
    }

    @Test
    void moreDescriptorsThanTheControlSpaceHoldsAreClosedAndReported() throws Exception {
        long before = openDescriptors();
        AnonymousPipe[] pipes = new AnonymousPipe[8];
        DescriptorOwner[] ends = new DescriptorOwner[16];
        try (SocketPair<UnixSocketChannel> p = UnixSocketChannel.pair(UnixSocketType.STREAM)) {
            for (int i = 0; i < pipes.length; i++) {
                pipes[i] = AnonymousPipe.open();
                ends[2 * i] = pipes[i].source();
                ends[2 * i + 1] = pipes[i].sink();
            }
            p.first().send(direct("many"), ends);
            ByteBuffer dst = ByteBuffer.allocateDirect(8);
            MessageTruncatedException e = assertThrows(MessageTruncatedException.class, () -> p.second().receive(dst, 1));
            assertTrue(e.getMessage().contains("MSG_CTRUNC"), e.getMessage());
            assertEquals(4, dst.position(), "the data bytes are kept");
        } finally {
            for (AnonymousPipe pipe : pipes) {
                if (pipe != null) {
                    pipe.close();
                }
            }
        }
        assertEquals(before, openDescriptors(), "nothing leaked");
    }

    @Test
    void moreDescriptorsThanAskedForAreClosedAndReportedEvenWhenTheyFit() throws Exception {
        long before = openDescriptors();
        try (SocketPair<UnixSocketChannel> p = UnixSocketChannel.pair(UnixSocketType.STREAM); AnonymousPipe a = AnonymousPipe.open()) {
            p.first().send(direct("two"), a.source(), a.sink());
            MessageTruncatedException e = assertThrows(MessageTruncatedException.class,
                    () -> p.second().receive(ByteBuffer.allocateDirect(8), 1));
            assertEquals(2, e.kept());
        }
        assertEquals(before, openDescriptors(), "nothing leaked");
    }

    @Test
    void aTruncatedDatagramClosesTheDescriptorsItCarried() throws Exception {
        long before = openDescriptors();
        try (SocketPair<UnixDatagramChannel> p = UnixDatagramChannel.pair(); AnonymousPipe a = AnonymousPipe.open()) {
            p.first().send(direct("long message"), a.sink());
            assertThrows(MessageTruncatedException.class, () -> p.second().receive(ByteBuffer.allocateDirect(2), 1));
        }
        assertEquals(before, openDescriptors());
    }

    @Test
    void descriptorsOnAStreamNeedAtLeastOneByte() throws Exception {
        try (SocketPair<UnixSocketChannel> p = UnixSocketChannel.pair(UnixSocketType.STREAM); AnonymousPipe a = AnonymousPipe.open()) {
            assertThrows(InvalidArgumentException.class, () -> p.first().send(ByteBuffer.allocateDirect(0), a.sink()));
        }
    }

    @Test
    void aConnectedSocketSentArrivesUsable() throws Exception {
        try (SocketPair<UnixSocketChannel> carrier = UnixSocketChannel.pair(UnixSocketType.STREAM);
                SocketPair<UnixSocketChannel> passed = UnixSocketChannel.pair(UnixSocketType.SEQPACKET)) {
            carrier.first().send(direct("s"), passed.second());
            passed.second().close();
            try (ReceivedMessage msg = carrier.second().receive(ByteBuffer.allocateDirect(4), 1);
                    UnixSocketChannel got = msg.descriptors().get(0).asSocketChannel()) {
                assertEquals(UnixSocketType.SEQPACKET, got.type());
                passed.first().write(direct("via passed socket"));
                ByteBuffer b = ByteBuffer.allocateDirect(32);
                assertEquals(17, got.read(b));
            }
        }
    }

    @Test
    void withPassCredentialsEveryMessageNamesItsSender() throws Exception {
        try (SocketPair<UnixSocketChannel> p = UnixSocketChannel.pair(UnixSocketType.STREAM)) {
            p.second().setPassCredentials(true);
            assertTrue(p.second().passCredentials());
            p.first().write(direct("who"));
            try (ReceivedMessage msg = p.second().receive(ByteBuffer.allocateDirect(8), 0, Duration.ofSeconds(5))) {
                PeerCredentials c = msg.credentials().orElseThrow();
                assertEquals(ProcessHandle.current().pid(), c.pid());
                assertFalse(msg.isEndOfStream());
            }
        }
    }

    @Test
    void receivingAtTheEndOfAStreamSaysSo() throws Exception {
        try (SocketPair<UnixSocketChannel> p = UnixSocketChannel.pair(UnixSocketType.STREAM)) {
            p.first().close();
            try (ReceivedMessage msg = p.second().receive(ByteBuffer.allocateDirect(8), 2)) {
                assertTrue(msg.isEndOfStream());
            }
        }
    }
}
