package io.github.nativeipc.it.containers;

import io.github.nativeipc.demo.ExchangeLayout;
import io.github.nativeipc.demo.Messages;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.memory.MappedMemory;
import io.github.nativeipc.posix.MessageQueueAttributes;
import io.github.nativeipc.posix.NamedSemaphore;
import io.github.nativeipc.posix.PosixMessageQueue;
import io.github.nativeipc.posix.PosixSharedMemory;
import io.github.nativeipc.posix.SysVKey;
import io.github.nativeipc.posix.SysVMessageQueue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The Java side that runs inside a container (through {@code JavaPeerContainer}), on the library
 * this build compiled. Prints what it saw, one fact a line; exits 0, or 1 with the failure.
 *
 * <pre>
 *   mq-client REQ RESP COUNT           create both queues, print "ready", send COUNT requests and check
 *                                      each reply is the C peer's ("C:" + upper case, same priority);
 *                                      print "replies COUNT", unlink both
 *   shm-client SHM REQ RESP COUNT      create the exchange block and both semaphores, print "ready", write
 *                                      COUNT requests, post REQ, wait on RESP, check each reply is the
 *                                      C peer's; print "replies COUNT", unlink all three
 *   open SHM SEM MQ SYSV_KEY           open each object; print "KIND OK" or "KIND EXCEPTION: MESSAGE"
 *   namespace                          print "namespace ipc:[...]"
 *   small-shm NAME SIZE                create NAME with SIZE bytes and print "created SIZE"; allocate() it
 *                                      and print "allocate OK" or "allocate EXCEPTION: MESSAGE"; map it,
 *                                      fill it in one bulk copy, print "touch OK" or "touch EXCEPTION:
 *                                      MESSAGE"; print "alive" (the JVM is still there); unlink
 * </pre>
 */
public final class ContainerJavaPeer {
    private ContainerJavaPeer() {}

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        switch (args[0]) {
            case "mq-client" -> mqClient(args[1], args[2], Integer.parseInt(args[3]));
            case "shm-client" -> shmClient(args[1], args[2], args[3], Integer.parseInt(args[4]));
            case "open" -> openAll(args[1], args[2], args[3], SysVKey.of(Integer.decode(args[4])));
            case "small-shm" -> smallShm(args[1], Long.parseLong(args[2]));
            case "namespace" -> System.out.println("namespace " + Files.readSymbolicLink(Path.of("/proc/self/ns/ipc")));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static void mqClient(String reqName, String respName, int count) throws Exception {
        Duration timeout = Duration.ofSeconds(30);
        try (PosixMessageQueue req = PosixMessageQueue.create(reqName, MessageQueueAttributes.of(4, 256));
                PosixMessageQueue resp = PosixMessageQueue.create(respName, MessageQueueAttributes.of(4, 256))) {
            System.out.println("namespace " + Files.readSymbolicLink(Path.of("/proc/self/ns/ipc")));
            System.out.println("ready");
            ByteBuffer out = ByteBuffer.allocateDirect(256);
            ByteBuffer in = ByteBuffer.allocateDirect(256);
            for (int i = 0; i < count; i++) {
                String request = "from the jvm " + i;
                out.clear().put(request.getBytes(StandardCharsets.UTF_8)).flip();
                req.send(out, i % 5);
                in.clear();
                int priority = resp.receive(in, timeout);
                in.flip();
                String reply = StandardCharsets.UTF_8.decode(in).toString();
                if (priority != i % 5 || !reply.equals(Messages.cReply(request))) {
                    throw new AssertionError("reply " + i + ": priority " + priority + ", \"" + reply + "\"");
                }
                if (i == 0) {
                    System.out.println("first reply " + reply);
                }
            }
            System.out.println("replies " + count);
            req.unlink();
            resp.unlink();
        }
    }

    private static void smallShm(String name, long size) throws Exception {
        try (PosixSharedMemory shm = PosixSharedMemory.create(name, size)) {
            System.out.println("created " + shm.size());
            report("allocate", shm::allocate);
            try (MappedMemory memory = shm.map()) {
                byte[] page = new byte[(int) size];
                java.util.Arrays.fill(page, (byte) 7);
                try {
                    memory.put(0, page, 0, page.length);
                    System.out.println("touch OK");
                } catch (RuntimeException e) {
                    System.out.println("touch " + e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
            System.out.println("alive");
            shm.unlink();
        }
    }

    private static void shmClient(String shmName, String reqName, String respName, int count) throws Exception {
        Duration timeout = Duration.ofSeconds(30);
        try (PosixSharedMemory shm = PosixSharedMemory.create(shmName, ExchangeLayout.SIZE);
                MappedMemory block = shm.map();
                NamedSemaphore req = NamedSemaphore.create(reqName, 0);
                NamedSemaphore resp = NamedSemaphore.create(respName, 0)) {
            System.out.println("namespace " + Files.readSymbolicLink(Path.of("/proc/self/ns/ipc")));
            System.out.println("ready");
            for (int i = 0; i < count; i++) {
                String request = "jvm to c " + i;
                Messages.write(block, request);
                req.post();
                if (!resp.tryAcquire(timeout)) {
                    throw new AssertionError("no reply to request " + i + " within " + timeout);
                }
                String reply = Messages.read(block);
                if (!reply.equals(Messages.cReply(request))) {
                    throw new AssertionError("reply " + i + ": \"" + reply + "\"");
                }
                if (i == 0) {
                    System.out.println("first reply " + reply);
                }
            }
            System.out.println("replies " + count);
            shm.unlink();
            req.unlink();
            resp.unlink();
        }
    }

    private interface Open {
        void run() throws IpcException;
    }

    private static void openAll(String shm, String sem, String mq, SysVKey key) {
        report("shm", () -> PosixSharedMemory.open(shm).close());
        report("sem", () -> NamedSemaphore.open(sem).close());
        report("mq", () -> PosixMessageQueue.open(mq).close());
        report("sysv-msg", () -> SysVMessageQueue.open(key).close());
    }

    private static void report(String kind, Open open) {
        try {
            open.run();
            System.out.println(kind + " OK");
        } catch (IpcException e) {
            System.out.println(kind + " " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
