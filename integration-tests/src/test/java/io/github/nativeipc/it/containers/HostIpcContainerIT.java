package io.github.nativeipc.it.containers;

import static io.github.nativeipc.it.containers.Peers.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.demo.ExchangeLayout;
import io.github.nativeipc.demo.Messages;
import io.github.nativeipc.memory.MappedMemory;
import io.github.nativeipc.posix.Fifo;
import io.github.nativeipc.posix.MessageQueueAttributes;
import io.github.nativeipc.posix.NamedSemaphore;
import io.github.nativeipc.posix.PipeSink;
import io.github.nativeipc.posix.PipeSource;
import io.github.nativeipc.posix.PosixMessageQueue;
import io.github.nativeipc.posix.PeerCredentials;
import io.github.nativeipc.posix.PosixSharedMemory;
import io.github.nativeipc.posix.SysVKey;
import io.github.nativeipc.posix.SysVMessageQueue;
import io.github.nativeipc.posix.UnixServerSocketChannel;
import io.github.nativeipc.posix.UnixSocketAddress;
import io.github.nativeipc.posix.UnixSocketChannel;
import io.github.nativeipc.posix.UnixSocketType;
import io.github.nativeipc.testing.IpcNames;
import io.github.nativeipc.testing.LeakPolicy;
import io.github.nativeipc.testing.NativeIpcTest;
import io.github.nativeipc.testing.containers.CPeerContainer;
import io.github.nativeipc.testing.containers.IpcContainers;
import io.github.nativeipc.testing.containers.RequiresDocker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Java on the host and a C peer in a container with the host's IPC namespace ({@code --ipc=host}),
 * or a directory bound into it, exchanging through each kind of object.
 */
@RequiresDocker
@NativeIpcTest(descriptors = LeakPolicy.REPORT)   // the Docker client keeps a pool of connections to the engine
class HostIpcContainerIT {

    private static String text(ByteBuffer b) {
        b.flip();
        return StandardCharsets.UTF_8.decode(b).toString();
    }

    @Test
    void aContainerWithHostIpcIsInThisJvmsNamespace(IpcNames names) throws Exception {
        String name = names.messageQueue("ns");
        try (PosixMessageQueue q = PosixMessageQueue.create(name, MessageQueueAttributes.of(2, 64));
                CPeerContainer peer = IpcContainers.shareHostIpc(Peers.c("mq_peer", "receive", name, "1"))) {
            peer.start();
            assertEquals(IpcContainers.ipcNamespace(), IpcContainers.ipcNamespace(peer));
            q.send("hello".getBytes(StandardCharsets.UTF_8), 3);
            assertEquals(List.of("3 hello", "done 1"), peer.awaitSuccess(TIMEOUT));
        }
    }

    @Test
    void requestsThroughSharedMemoryAndNamedSemaphoresAreAnsweredByTheCPeer(IpcNames names) throws Exception {
        String shmName = names.sharedMemory("xchg");
        String reqName = names.semaphore("req");
        String respName = names.semaphore("resp");
        int count = 500;
        try (PosixSharedMemory shm = PosixSharedMemory.create(shmName, ExchangeLayout.SIZE);
                MappedMemory block = shm.map();
                NamedSemaphore req = NamedSemaphore.create(reqName, 0);
                NamedSemaphore resp = NamedSemaphore.create(respName, 0);
                CPeerContainer peer = IpcContainers.shareHostIpc(
                        Peers.c("shm_peer", "echo-named", shmName, reqName, respName, String.valueOf(count)))) {
            peer.start();
            for (int i = 0; i < count; i++) {
                String request = "to the container " + i;
                Messages.write(block, request);
                req.post();
                assertTrue(resp.tryAcquire(TIMEOUT), "no reply to request " + i);
                assertEquals(Messages.cReply(request), Messages.read(block));
            }
            assertEquals(List.of("done " + count), peer.awaitSuccess(TIMEOUT));
        }
    }

    @Test
    void posixQueueMessagesAreEchoedByTheCPeerWithTheirPriorities(IpcNames names) throws Exception {
        String reqName = names.messageQueue("req");
        String respName = names.messageQueue("resp");
        int count = 500;
        try (PosixMessageQueue req = PosixMessageQueue.create(reqName, MessageQueueAttributes.of(4, 256));
                PosixMessageQueue resp = PosixMessageQueue.create(respName, MessageQueueAttributes.of(4, 256));
                CPeerContainer peer = IpcContainers.shareHostIpc(
                        Peers.c("mq_peer", "echo", reqName, respName, String.valueOf(count)))) {
            peer.start();
            ByteBuffer out = ByteBuffer.allocateDirect(256);
            ByteBuffer in = ByteBuffer.allocateDirect(256);
            for (int i = 0; i < count; i++) {
                String request = "mq " + i;
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
    void systemVMessagesAreEchoedByTheCPeerWithTheirTypes(IpcNames names) throws Exception {
        SysVKey key = names.sysvKey();
        int count = 500;
        try (SysVMessageQueue q = SysVMessageQueue.create(key);
                CPeerContainer peer = IpcContainers.shareHostIpc(
                        Peers.c("sysv_peer", "msg-echo", key.toString(), String.valueOf(count)))) {
            peer.start();
            ByteBuffer out = ByteBuffer.allocateDirect(256);
            ByteBuffer in = ByteBuffer.allocateDirect(256);
            for (int i = 0; i < count; i++) {
                String request = "sysv " + i;
                out.clear();
                out.put(request.getBytes(StandardCharsets.UTF_8)).flip();
                q.send(1, out);
                in.clear();
                assertEquals(2, q.receive(2, in), "the peer answers with type 2");
                assertEquals(Messages.cReply(request), text(in));
            }
            assertEquals(List.of("done " + count), peer.awaitSuccess(TIMEOUT));
        }
    }

    @Test
    void linesCrossFifosInADirectoryBoundIntoTheContainer(IpcNames names) throws Exception {
        Path in = names.fifo("to-peer");
        Path out = names.fifo("from-peer");
        Fifo toPeer = Fifo.create(in);
        Fifo fromPeer = Fifo.create(out);
        int count = 200;
        try (CPeerContainer peer = IpcContainers.bindDirectory(
                Peers.c("fifo_peer", "echo", "/ipc/" + in.getFileName(), "/ipc/" + out.getFileName()),
                names.directory(), "/ipc")) {
            peer.start();
            try (PipeSink sink = toPeer.openForWriting(TIMEOUT);
                    PipeSource source = fromPeer.openForReading(TIMEOUT);
                    BufferedReader replies = new BufferedReader(new InputStreamReader(source.inputStream(), StandardCharsets.UTF_8))) {
                OutputStream requests = sink.outputStream();
                for (int i = 0; i < count; i++) {
                    requests.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
                    requests.flush();
                    assertEquals(Messages.cReply("line " + i), replies.readLine());
                }
                requests.close();   // closes our end: the peer reads end-of-file
                assertEquals(null, replies.readLine(), "the peer closed its end after ours");
            }
            assertEquals(0, peer.awaitExit(TIMEOUT), peer.errors());
        }
    }

    @Test
    void aCClientInTheContainerReachesAJavaServerThroughASocketFileInABoundDirectory(IpcNames names) throws Exception {
        Path socket = names.directory().resolve("server.sock");
        // The container's root must reach the file: the bound directory is this test's, the mode is the
        // socket's own (0600 by default, and the container runs as the same uid 0 here).
        try (UnixServerSocketChannel server = UnixServerSocketChannel.bind(UnixSocketAddress.of(socket));
                CPeerContainer peer = IpcContainers.bindDirectory(Peers.c("unix_peer", "whoami", "/ipc/server.sock"),
                        names.directory(), "/ipc")) {
            peer.start();
            try (UnixSocketChannel client = server.accept(TIMEOUT)) {
                String[] self = peer.nextLine(TIMEOUT).split(" ");
                PeerCredentials cred = client.peerCredentials();
                assertEquals(Integer.parseInt(self[2]), cred.uid(), "the uid the C process has in the container");
                // The kernel gives the pid as this JVM's pid namespace sees it: the container's process on the host.
                String command = ProcessHandle.of(cred.pid()).flatMap(h -> h.info().command()).orElse("");
                assertTrue(command.contains("unix_peer"), "pid " + cred.pid() + " is the container's C process: " + command);
            }
            assertEquals(0, peer.awaitExit(TIMEOUT), peer.errors());
        }
    }

    @Test
    void javaReachesACEchoServerInTheContainerThroughItsSocketFile(IpcNames names) throws Exception {
        Path socket = names.directory().resolve("echo.sock");
        try (CPeerContainer peer = IpcContainers.bindDirectory(Peers.c("unix_peer", "echo-server", "/ipc/echo.sock", "seqpacket"),
                names.directory(), "/ipc")) {
            peer.start();
            assertEquals("ready", peer.nextLine(TIMEOUT));
            try (UnixSocketChannel c = UnixSocketChannel.connect(UnixSocketAddress.of(socket), UnixSocketType.SEQPACKET, TIMEOUT)) {
                for (String m : List.of("one", "two messages", "three")) {
                    c.write(ByteBuffer.wrap(m.getBytes(StandardCharsets.UTF_8)));
                    ByteBuffer back = ByteBuffer.allocateDirect(64);
                    c.read(back);
                    assertEquals(m, text(back), "one message back, boundaries kept across the container's mount");
                }
            }
            List<String> rest = peer.awaitSuccess(TIMEOUT);
            assertEquals("echoed 20 3", rest.get(rest.size() - 1));
        }
    }
}
