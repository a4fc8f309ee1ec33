package io.github.nativeipc.demo;

import io.github.nativeipc.memory.MappedMemory;
import io.github.nativeipc.posix.CreateOptions;
import io.github.nativeipc.posix.NamedSemaphore;
import io.github.nativeipc.posix.PosixSharedMemory;
import io.github.nativeipc.posix.UnnamedSemaphore;
import io.github.nativeipc.posix.Access;
import io.github.nativeipc.posix.MessageQueueAttributes;
import io.github.nativeipc.posix.PosixMessageQueue;
import io.github.nativeipc.posix.SysVKey;
import io.github.nativeipc.posix.SysVMessageQueue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * The main job: a Java program and a C program exchanging messages through POSIX shared memory,
 * guarded first by named semaphores and then by unnamed semaphores inside the object, racing on a
 * shared counter with C11 atomics, then through two POSIX message queues and a System V message
 * queue. Prints what crossed and the round-trip times.
 *
 * <p>Run with {@code mvn -q -Pdemo -DskipTests verify} (which compiles the C peer).
 */
public final class Demo {
    private static final int ROUND_TRIPS = 20_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Demo() {}

    public static void main(String[] args) throws Exception {
        long pid = ProcessHandle.current().pid();
        String shmName = "/nipc-demo-" + pid;
        String reqName = "/nipc-demo-" + pid + "-req";
        String respName = "/nipc-demo-" + pid + "-resp";
        CreateOptions removeOnClose = CreateOptions.defaults().unlinkOnClose(true);

        System.out.println("native-ipc demo: Java (pid " + pid + ") <-> C peer through POSIX shared memory");
        try (PosixSharedMemory shm = PosixSharedMemory.create(shmName, ExchangeLayout.SIZE, removeOnClose);
                MappedMemory block = shm.map();
                NamedSemaphore req = NamedSemaphore.create(reqName, 0, removeOnClose);
                NamedSemaphore resp = NamedSemaphore.create(respName, 0, removeOnClose)) {
            System.out.printf("created %s (%d bytes, mode 0%o) and semaphores %s, %s%n",
                    shmName, shm.size(), shm.status().mode(), reqName, respName);

            // 1. Named semaphores: Java asks, C answers.
            try (CPeer peer = CPeer.start("shm_peer", "echo-named", shmName, reqName, respName,
                    String.valueOf(ROUND_TRIPS))) {
                long[] rtt = exchange(block, req, resp, "named semaphores");
                peer.awaitSuccess(TIMEOUT);
                report("named semaphores (sem_open)", rtt);
            }

            // 2. Unnamed semaphores inside the object: sem_init(pshared=1) by Java, used by C.
            try (UnnamedSemaphore ureq = UnnamedSemaphore.init(block, ExchangeLayout.REQ_SEM, 0);
                    UnnamedSemaphore uresp = UnnamedSemaphore.init(block, ExchangeLayout.RESP_SEM, 0);
                    CPeer peer = CPeer.start("shm_peer", "echo-unnamed", shmName, String.valueOf(ROUND_TRIPS))) {
                long[] rtt = exchange(block, ureq, uresp, "unnamed semaphores");
                peer.awaitSuccess(TIMEOUT);
                report("unnamed semaphores (sem_init in the object)", rtt);
                ureq.destroy();
                uresp.destroy();
            }

            // 3. Java getAndAdd against C atomic_fetch_add on the same 8 bytes.
            int n = 1_000_000;
            block.setLongVolatile(ExchangeLayout.COUNTER, 0);
            block.setIntVolatile(ExchangeLayout.START, 0);
            try (CPeer peer = CPeer.start("shm_peer", "counter", shmName, String.valueOf(n))) {
                peer.nextLine(TIMEOUT);   // "ready"
                long t0 = System.nanoTime();
                block.setIntRelease(ExchangeLayout.START, 1);
                for (int i = 0; i < n; i++) {
                    block.getAndAddLong(ExchangeLayout.COUNTER, 1);
                }
                String done = peer.awaitSuccess(TIMEOUT).get(0);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                System.out.printf("atomic counter: Java +%d, C +%d -> %d (expected %d) in %d ms; C saw Java's adds"
                        + " between its own %s times%n", n, n, block.getLongAcquire(ExchangeLayout.COUNTER), 2L * n, ms,
                        done.substring(done.lastIndexOf(' ') + 1));
            }
        }
        System.out.println("removed " + shmName + ", " + reqName + ", " + respName + " (unlink on close)");

        // 4. POSIX message queues: priorities travel with the messages; C echoes.
        String mqReq = "/nipc-demo-" + pid + "-mq-req";
        String mqResp = "/nipc-demo-" + pid + "-mq-resp";
        try (PosixMessageQueue req = PosixMessageQueue.create(mqReq, MessageQueueAttributes.of(8, 256), Access.READ_WRITE, removeOnClose);
                PosixMessageQueue resp = PosixMessageQueue.create(mqResp, MessageQueueAttributes.of(8, 256), Access.READ_WRITE, removeOnClose);
                CPeer peer = CPeer.start("mq_peer", "echo", mqReq, mqResp, String.valueOf(ROUND_TRIPS))) {
            ByteBuffer out = ByteBuffer.allocateDirect(256);
            ByteBuffer in = ByteBuffer.allocateDirect(256);
            long[] rtt = new long[ROUND_TRIPS];
            for (int i = 0; i < ROUND_TRIPS; i++) {
                String request = "queued message #" + i;
                long t0 = System.nanoTime();
                out.clear();
                out.put(request.getBytes(StandardCharsets.UTF_8)).flip();
                req.send(out, i % 10);
                in.clear();
                int priority = resp.receive(in, TIMEOUT);
                rtt[i] = System.nanoTime() - t0;
                in.flip();
                String reply = StandardCharsets.UTF_8.decode(in).toString();
                if (!reply.equals(Messages.cReply(request)) || priority != i % 10) {
                    throw new IllegalStateException("unexpected reply " + reply + " (priority " + priority + ") to " + request);
                }
                if (i < 2) {
                    System.out.println("  java -> c: " + request + " (priority " + (i % 10) + ")   c -> java: " + reply
                            + " (priority " + priority + ")");
                }
            }
            peer.awaitSuccess(TIMEOUT);
            report("POSIX message queues (mq_send/mq_receive)", rtt);
        }
        // 5. A System V message queue: requests as type 1, replies as type 2, on one queue.
        try (SysVMessageQueue q = SysVMessageQueue.create(SysVKey.PRIVATE, removeOnClose);
                CPeer peer = CPeer.start("sysv_peer", "msg-echo", "id:" + q.id(), String.valueOf(ROUND_TRIPS))) {
            ByteBuffer out = ByteBuffer.allocateDirect(256);
            ByteBuffer in = ByteBuffer.allocateDirect(256);
            long[] rtt = new long[ROUND_TRIPS];
            for (int i = 0; i < ROUND_TRIPS; i++) {
                String request = "typed message #" + i;
                long t0 = System.nanoTime();
                out.clear();
                out.put(request.getBytes(StandardCharsets.UTF_8)).flip();
                q.send(1, out);
                in.clear();
                long type = q.receive(2, in);
                rtt[i] = System.nanoTime() - t0;
                in.flip();
                String reply = StandardCharsets.UTF_8.decode(in).toString();
                if (type != 2 || !reply.equals(Messages.cReply(request))) {
                    throw new IllegalStateException("unexpected reply " + reply + " (type " + type + ") to " + request);
                }
                if (i < 2) {
                    System.out.println("  java -> c: " + request + " (type 1)   c -> java: " + reply + " (type " + type + ")");
                }
            }
            peer.awaitSuccess(TIMEOUT);
            report("System V message queue (msgsnd/msgrcv, key IPC_PRIVATE, msqid " + q.id() + ")", rtt);
        }
        // 7. Two FIFOs with a C echo, and a C child given a pipe as fd 3 and a memfd as fd 4.
        PipesDemo.run();
        // 8. Unix domain sockets: stream and seqpacket echo, datagrams, descriptors passed both ways.
        System.out.println("Unix domain sockets with C peers (unix_peer.c):");
        SocketsDemo.run();
        System.out.println("(unpinned times: on a 2-core machine a wake-up across CPUs costs tens of microseconds)");
    }

    private static long[] exchange(MappedMemory block, io.github.nativeipc.posix.PosixSemaphore req,
            io.github.nativeipc.posix.PosixSemaphore resp, String label) throws Exception {
        long[] rtt = new long[ROUND_TRIPS];
        for (int i = 0; i < ROUND_TRIPS; i++) {
            String request = "hello from java #" + i;
            long t0 = System.nanoTime();
            Messages.write(block, request);
            req.post();
            if (!resp.tryAcquire(TIMEOUT)) {
                throw new IllegalStateException("the C peer did not answer request " + i + " (" + label + ")");
            }
            String reply = Messages.read(block);
            rtt[i] = System.nanoTime() - t0;
            if (!reply.equals(Messages.cReply(request))) {
                throw new IllegalStateException("unexpected reply " + reply + " to " + request);
            }
            if (i < 2) {
                System.out.println("  java -> c: " + request + "   c -> java: " + reply);
            }
        }
        return rtt;
    }

    static void report(String label, long[] rtt) {
        long[] sorted = rtt.clone();
        Arrays.sort(sorted);
        System.out.printf("%s: %d round trips, all replies checked; median %.1f us, p99 %.1f us, max %.1f us%n",
                label, sorted.length, sorted[sorted.length / 2] / 1e3, sorted[(int) (sorted.length * 0.99)] / 1e3,
                sorted[sorted.length - 1] / 1e3);
    }
}
