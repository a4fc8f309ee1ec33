package io.github.nativeipc.it;

import static io.github.nativeipc.posix.TestBuffers.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.demo.CPeer;
import io.github.nativeipc.demo.Messages;
import io.github.nativeipc.error.InvalidArgumentException;
import io.github.nativeipc.posix.Access;
import io.github.nativeipc.posix.MessageQueueAttributes;
import io.github.nativeipc.posix.PosixMessageQueue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import io.github.nativeipc.posix.TestNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Java and C processes exchanging messages through POSIX message queues. */
class MessageQueueExchangeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final TestNames names = new TestNames();

    @AfterEach
    void cleanUp() throws Exception {
        names.close();
    }

    @Test
    void javaMessagesReachTheCPeerHighestPriorityFirst() throws Exception {
        String name = names.mq("j2c");
        try (PosixMessageQueue q = PosixMessageQueue.create(name, MessageQueueAttributes.of(8, 128))) {
            q.send("low".getBytes(StandardCharsets.UTF_8), 1);
            q.send("urgent".getBytes(StandardCharsets.UTF_8), 20);
            q.send("normal".getBytes(StandardCharsets.UTF_8), 5);
            q.send("low-again".getBytes(StandardCharsets.UTF_8), 1);
            try (CPeer peer = CPeer.start("mq_peer", "receive", name, "4")) {
                assertEquals(List.of("20 urgent", "5 normal", "1 low", "1 low-again", "done 4"), peer.awaitSuccess(TIMEOUT));
            }
        }
    }

    @Test
    void cMessagesReachJavaHighestPriorityFirst() throws Exception {
        String name = names.mq("c2j");
        try (PosixMessageQueue q = PosixMessageQueue.create(name, MessageQueueAttributes.of(8, 128));
                CPeer peer = CPeer.start("mq_peer", "send", name, "first", "0", "second", "9", "third", "3")) {
            peer.awaitSuccess(TIMEOUT);
            ByteBuffer dst = ByteBuffer.allocateDirect(128);
            assertEquals(9, q.receive(dst, TIMEOUT));
            assertEquals("second", text(dst));
            dst.clear();
            assertEquals(3, q.receive(dst, TIMEOUT));
            assertEquals("third", text(dst));
            dst.clear();
            assertEquals(0, q.receive(dst, TIMEOUT));
            assertEquals("first", text(dst));
        }
    }

    @Test
    void requestsAreEchoedByTheCPeerThroughTwoQueues() throws Exception {
        String reqName = names.mq("req");
        String respName = names.mq("resp");
        int count = 2000;
        try (PosixMessageQueue req = PosixMessageQueue.create(reqName, MessageQueueAttributes.of(4, 256));
                PosixMessageQueue resp = PosixMessageQueue.create(respName, MessageQueueAttributes.of(4, 256));
                CPeer peer = CPeer.start("mq_peer", "echo", reqName, respName, String.valueOf(count))) {
            ByteBuffer out = ByteBuffer.allocateDirect(256);
            ByteBuffer in = ByteBuffer.allocateDirect(256);
            for (int i = 0; i < count; i++) {
                String request = "msg " + i;
                out.clear();
                out.put(request.getBytes(StandardCharsets.UTF_8)).flip();
                req.send(out, i % 7);
                in.clear();
                assertEquals(i % 7, resp.receive(in, TIMEOUT), "the priority travels with the message");
                assertEquals(Messages.cReply(request), text(in));
            }
            assertEquals(List.of("done " + count), peer.awaitSuccess(TIMEOUT));
        }
    }

    @Test
    void whenReadableFiresWhenACProcessSendsToAnEmptyQueue() throws Exception {
        String name = names.mq("notify");
        try (PosixMessageQueue q = PosixMessageQueue.create(name, MessageQueueAttributes.of(2, 64), Access.READ_ONLY,
                io.github.nativeipc.posix.CreateOptions.defaults())) {
            CompletableFuture<Void> ready = q.whenReadable();
            Thread.sleep(100);
            assertFalse(ready.isDone(), "nothing has been sent yet");
            try (CPeer peer = CPeer.start("mq_peer", "send", name, "wake-up", "4")) {
                peer.awaitSuccess(TIMEOUT);
            }
            ready.get(5, TimeUnit.SECONDS);
            ByteBuffer dst = ByteBuffer.allocateDirect(64);
            assertEquals(4, q.tryReceive(dst));
            assertEquals("wake-up", text(dst));
        }
    }

    /** Test-only: the raw per-thread capability calls, to act as an unprivileged process on one thread. */
    public interface Caps {
        int capget(Pointer header, Pointer data);

        int capset(Pointer header, Pointer data);
    }

    @Test
    void withoutCapSysResourceAttributesBeyondMsgMaxAreInvalidNamingTheSysctl() throws Exception {
        long msgMax = Long.parseLong(new String(new java.io.FileInputStream("/proc/sys/fs/mqueue/msg_max").readAllBytes(),
                StandardCharsets.US_ASCII).trim());
        Caps caps = LibraryLoader.create(Caps.class).load("c");
        Runtime rt = Runtime.getRuntime(caps);
        Pointer header = jnr.ffi.Memory.allocateDirect(rt, 8);
        header.putInt(0, 0x20080522);   // _LINUX_CAPABILITY_VERSION_3
        header.putInt(4, 0);            // this thread
        Pointer data = jnr.ffi.Memory.allocateDirect(rt, 24);
        assertEquals(0, caps.capget(header, data));
        int effective = data.getInt(0);
        int capSysResource = 1 << 24;
        MessageQueueAttributes tooMany = MessageQueueAttributes.of(msgMax + 1, 8);
        if ((effective & capSysResource) != 0) {
            // Privileged: the kernel lets this thread exceed msg_max...
            try (PosixMessageQueue q = PosixMessageQueue.create(names.mq("priv"), tooMany)) {
                assertEquals(msgMax + 1, q.maxMessages());
            }
            data.putInt(0, effective & ~capSysResource);   // ...until it drops CAP_SYS_RESOURCE
            assertEquals(0, caps.capset(header, data));
        }
        try {
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                    () -> PosixMessageQueue.create(names.mq("unpriv"), tooMany));
            assertEquals("EINVAL", e.errnoName());
            assertTrue(e.getMessage().contains(msgMax + " messages (/proc/sys/fs/mqueue/msg_max)"), e.getMessage());
        } finally {
            data.putInt(0, effective);
            assertEquals(0, caps.capset(header, data));
        }
    }
}
