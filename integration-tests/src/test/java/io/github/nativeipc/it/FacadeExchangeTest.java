package io.github.nativeipc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.IpcName;
import io.github.nativeipc.LocalServer;
import io.github.nativeipc.LocalSocket;
import io.github.nativeipc.MessageChannel;
import io.github.nativeipc.MessageServer;
import io.github.nativeipc.NamedSemaphore;
import io.github.nativeipc.PeerIdentity;
import io.github.nativeipc.SharedMemory;
import io.github.nativeipc.demo.CPeer;
import io.github.nativeipc.demo.ExchangeLayout;
import io.github.nativeipc.demo.Messages;
import io.github.nativeipc.memory.MappedMemory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Java on the portable facade, a C process on the OS's own facility by the name the facade
 * documents: no private protocol in between.
 */
@org.junit.jupiter.api.Timeout(value = 120, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class FacadeExchangeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static IpcName name(String tag) throws Exception {
        return IpcName.of("nipc-it" + ProcessHandle.current().pid() + "-" + tag);
    }

    @Test
    void aCPeerAnswersThroughTheFacadesSharedMemoryAndSemaphoresByTheirPosixNames() throws Exception {
        IpcName shmName = name("fshm");
        IpcName reqName = name("freq");
        IpcName respName = name("fresp");
        try (SharedMemory shm = SharedMemory.create(shmName, ExchangeLayout.SIZE);
                MappedMemory block = shm.map();
                NamedSemaphore req = NamedSemaphore.create(reqName, 0);
                NamedSemaphore resp = NamedSemaphore.create(respName, 0);
                CPeer peer = CPeer.start("shm_peer", "echo-named", shmName.posixName(), reqName.posixName(), respName.posixName(), "200")) {
            try {
                for (int i = 0; i < 200; i++) {
                    String request = "facade request " + i;
                    Messages.write(block, request);
                    req.release();
                    assertTrue(resp.tryAcquire(TIMEOUT), "C answered request " + i);
                    assertEquals(Messages.cReply(request), Messages.read(block));
                }
                peer.awaitSuccess(TIMEOUT);
            } finally {
                shm.remove();
                req.remove();
                resp.remove();
            }
        }
    }

    @Test
    void aCServerAtTheDocumentedSocketPathIsReachedByName() throws Exception {
        IpcName name = name("fsock");
        String path = LocalServer.socketPath(name).toString();
        try (CPeer peer = CPeer.start("unix_peer", "echo-server", path, "stream")) {
            assertEquals("ready", peer.nextLine(TIMEOUT));
            try (LocalSocket s = LocalSocket.connect(name, TIMEOUT)) {
                PeerIdentity server = s.peer();
                assertEquals(peer.pid(), server.pid());
                s.write(ByteBuffer.wrap("through the facade".getBytes(StandardCharsets.UTF_8)));
                ByteBuffer back = ByteBuffer.allocate(18);
                while (back.hasRemaining()) {
                    assertTrue(s.read(back) > 0);
                }
                assertEquals("through the facade", new String(back.array(), StandardCharsets.UTF_8));
            }
            peer.awaitSuccess(TIMEOUT);
        }
    }

    @Test
    void aCClientReachesAFacadeServerAtItsSocketPath() throws Exception {
        IpcName name = name("fsrv");
        try (LocalServer server = LocalServer.bind(name);
                CPeer peer = CPeer.start("unix_peer", "whoami", LocalServer.socketPath(name).toString());
                LocalSocket client = server.accept(TIMEOUT)) {
            String[] self = peer.nextLine(TIMEOUT).split(" ");
            assertEquals(Long.parseLong(self[1]), client.peer().pid());
            client.close();
            peer.awaitSuccess(TIMEOUT);
        }
    }

    @Test
    void aCSeqpacketServerAtTheDocumentedSocketPathEchoesEachMessageWhole() throws Exception {
        IpcName name = name("fmsg");
        try (CPeer peer = CPeer.start("unix_peer", "echo-server", LocalServer.socketPath(name).toString(), "seqpacket")) {
            assertEquals("ready", peer.nextLine(TIMEOUT));
            try (MessageChannel channel = MessageChannel.connect(name, TIMEOUT)) {
                assertEquals(peer.pid(), channel.peer().pid());
                ByteBuffer back = ByteBuffer.allocateDirect(4096);
                for (String message : new String[] {"one", "two, longer", "3"}) {
                    channel.send(ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)));
                    back.clear();
                    assertEquals(message.length(), channel.receive(back));
                    assertEquals(message, StandardCharsets.UTF_8.decode(back.flip()).toString());
                }
            }
            assertTrue(peer.nextLine(TIMEOUT).startsWith("peer " + ProcessHandle.current().pid() + " "));
            assertEquals("echoed 15 3", peer.nextLine(TIMEOUT), "three messages, 15 bytes, none merged");
            peer.awaitSuccess(TIMEOUT);
        }
    }

    @Test
    void threeMessagesFromACClientArriveAsThreeReceivesOnAFacadeMessageServer() throws Exception {
        IpcName name = name("fmsrv");
        try (MessageServer server = MessageServer.bind(name);
                CPeer peer = CPeer.start("unix_peer", "seqpacket-send", LocalServer.socketPath(name).toString(), "1", "1000", "60000");
                MessageChannel channel = server.accept(TIMEOUT)) {
            assertEquals(peer.pid(), channel.peer().pid());
            ByteBuffer b = ByteBuffer.allocateDirect(100_000);
            for (int size : new int[] {1, 1000, 60000}) {
                b.clear();
                assertEquals(size, channel.receive(b));
                for (int i = 0; i < size; i++) {
                    assertEquals((byte) (i % 251), b.get(i), "byte " + i + " of the message of " + size);
                }
            }
            assertEquals("sent 3", peer.nextLine(TIMEOUT));
            channel.close();   // the C client waits for the end of the connection, then exits
            peer.awaitSuccess(TIMEOUT);
        }
    }

    @Test
    void theFacadesMutexIsTheCPeersPthreadMutexOnTheSameBytes() throws Exception {
        IpcName name = name("fmutex");
        try (SharedMemory shm = SharedMemory.create(name, 4096); MappedMemory mem = shm.map()) {
            try {
                io.github.nativeipc.ProcessMutex m = io.github.nativeipc.ProcessMutex.init(mem, 0);
                long counter = io.github.nativeipc.ProcessMutex.SIZE;
                try (CPeer peer = CPeer.start("mutex_peer", "count", name.posixName(), "0", String.valueOf(counter), "50000")) {
                    for (int i = 0; i < 50_000; i++) {
                        m.lock();
                        mem.putLong(counter, mem.getLong(counter) + 1);
                        m.unlock();
                    }
                    peer.awaitSuccess(TIMEOUT);
                }
                assertEquals(100_000, mem.getLong(counter));
            } finally {
                shm.remove();
            }
        }
    }
}
