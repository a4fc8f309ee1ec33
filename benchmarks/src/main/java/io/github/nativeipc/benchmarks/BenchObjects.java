package io.github.nativeipc.benchmarks;

import io.github.nativeipc.IpcName;
import io.github.nativeipc.LocalServer;
import io.github.nativeipc.benchmarks.client.FacadeNames;
import io.github.nativeipc.memory.MappedMemory;
import io.github.nativeipc.posix.Access;
import io.github.nativeipc.posix.CreateOptions;
import io.github.nativeipc.posix.Fifo;
import io.github.nativeipc.posix.MessageQueueAttributes;
import io.github.nativeipc.posix.NamedSemaphore;
import io.github.nativeipc.posix.PosixMessageQueue;
import io.github.nativeipc.posix.PosixSharedMemory;
import io.github.nativeipc.posix.SysVKey;
import io.github.nativeipc.posix.SysVMessageQueue;
import io.github.nativeipc.posix.UnnamedSemaphore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The kernel objects of one run, fresh for every run so no state carries over: the block
 * ({@link BenchLayout#SIZE} bytes, zeroed) and, for the semaphore transports, the two doorbells at
 * value 0 (named ones, or {@code sem_init} inside the block); for {@link Transport#POSIX_MQ} two
 * empty queues (requests, replies) of one message of exactly the message size; for
 * {@link Transport#SYSV_MSG} one private ({@code IPC_PRIVATE}) queue, its id passed to the peers;
 * for {@link Transport#FIFO} two FIFOs in a fresh directory under {@code java.io.tmpdir}; for the
 * socket transports the path where the C server creates its socket: where the facade's name for the
 * run ({@code nipc-bPID-N}, the block's name without its slash) maps,
 * {@link LocalServer#socketPath(IpcName)} ({@code RUNTIME_DIR/nipc-bPID-N.sock}), so that the
 * facade's {@code LocalSocket.connect(name)} reaches the server as every other client does by path.
 * Created by the harness before either process starts (not timed); closing destroys and unlinks
 * everything.
 */
final class BenchObjects implements AutoCloseable {
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final CreateOptions REMOVE_ON_CLOSE = CreateOptions.defaults().unlinkOnClose(true);

    final String shmName;
    /**
     * The REQ and RESP arguments of the peers: the semaphore names ({@link Transport#NAMED_SEMAPHORE}),
     * the queue names ({@link Transport#POSIX_MQ}), the queue id and "-" ({@link Transport#SYSV_MSG}),
     * the FIFO paths, the socket path and "-" ({@link Transport#isSocket()}), otherwise "-".
     */
    final String requestName;
    final String replyName;

    private final PosixSharedMemory shm;
    private final MappedMemory memory;
    private NamedSemaphore namedRequest;
    private NamedSemaphore namedReply;
    private UnnamedSemaphore unnamedRequest;
    private UnnamedSemaphore unnamedReply;
    private PosixMessageQueue mqRequest;
    private PosixMessageQueue mqReply;
    private SysVMessageQueue sysv;
    private Path fifoDir;
    private Path socket;

    private static final java.util.regex.Pattern LEFTOVER = java.util.regex.Pattern.compile("/nipc-b(\\d+)-.*");

    /**
     * Removes the POSIX objects earlier runs left when they were stopped before their cleanup:
     * {@code /nipc-bPID-...} shared memory, semaphores and queues, and {@code nipc-bPID-...} socket
     * files in the facade's runtime directory, whose PID is no longer a live process (names of live
     * runs, this one's included, are left alone). Returns what it removed.
     */
    static java.util.List<String> sweepLeftovers() {
        java.util.List<String> removed = new java.util.ArrayList<>();
        try {
            for (var e : io.github.nativeipc.posix.PosixIpcObjects.sharedMemory()) {
                if (leftover(e.name())) {
                    PosixSharedMemory.unlink(e.name());
                    removed.add(e.name());
                }
            }
            for (var e : io.github.nativeipc.posix.PosixIpcObjects.semaphores()) {
                if (leftover(e.name())) {
                    NamedSemaphore.unlink(e.name());
                    removed.add(e.name());
                }
            }
            var mount = io.github.nativeipc.posix.PosixIpcObjects.messageQueueMount();
            if (mount.isPresent()) {
                for (var e : io.github.nativeipc.posix.PosixIpcObjects.messageQueues(mount.get())) {
                    if (leftover(e.name())) {
                        PosixMessageQueue.unlink(e.name());
                        removed.add(e.name());
                    }
                }
            }
            Path runtimeDirectory = LocalServer.socketPath(IpcName.of("nipc-b")).getParent();
            try (var files = Files.list(runtimeDirectory)) {
                for (Path f : files.toList()) {
                    String file = f.getFileName().toString();
                    if ((file.endsWith(".sock") || file.endsWith(".sock.new")) && leftover("/" + file)) {
                        Files.deleteIfExists(f);
                        removed.add(f.toString());
                    }
                }
            }
        } catch (Exception e) {
            removed.add("(sweep stopped: " + e.getMessage() + ")");
        }
        return removed;
    }

    private static boolean leftover(String name) {
        java.util.regex.Matcher m = LEFTOVER.matcher(name);
        return m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty();
    }

    private BenchObjects(Transport transport, int messageSize) throws Exception {
        String base = "/nipc-b" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet();
        boolean named = transport == Transport.NAMED_SEMAPHORE || transport == Transport.POSIX_MQ;
        shmName = base;
        if (transport == Transport.SYSV_MSG) {
            sysv = SysVMessageQueue.create(SysVKey.PRIVATE, REMOVE_ON_CLOSE);
            requestName = String.valueOf(sysv.id());
            replyName = "-";
        } else if (transport != null && transport.isSocket()) {
            socket = LocalServer.socketPath(FacadeNames.ofPosixName(base));
            requestName = socket.toString();
            replyName = "-";
        } else if (transport == Transport.FIFO) {
            fifoDir = Files.createTempDirectory("nipc-bench-fifo");
            requestName = Fifo.create(fifoDir.resolve("req")).path().toString();
            replyName = Fifo.create(fifoDir.resolve("resp")).path().toString();
        } else {
            requestName = named ? base + "-req" : "-";
            replyName = named ? base + "-resp" : "-";
        }
        try {
            shm = PosixSharedMemory.create(base, BenchLayout.SIZE, REMOVE_ON_CLOSE);
        } catch (Exception e) {
            if (sysv != null) {
                sysv.close();
            }
            removeFifos();
            removeSocket();
            throw e;
        }
        MappedMemory m = null;
        try {
            m = shm.map();
            if (transport == Transport.POSIX_MQ) {
                MessageQueueAttributes one = MessageQueueAttributes.of(1, messageSize);
                mqRequest = PosixMessageQueue.create(requestName, one, Access.READ_WRITE, REMOVE_ON_CLOSE);
                mqReply = PosixMessageQueue.create(replyName, one, Access.READ_WRITE, REMOVE_ON_CLOSE);
            } else if (transport == Transport.NAMED_SEMAPHORE) {
                namedRequest = NamedSemaphore.create(requestName, 0, REMOVE_ON_CLOSE);
                namedReply = NamedSemaphore.create(replyName, 0, REMOVE_ON_CLOSE);
            } else if (transport == Transport.UNNAMED_SEMAPHORE) {
                unnamedRequest = UnnamedSemaphore.init(m, BenchLayout.REQ_SEM, 0);
                unnamedReply = UnnamedSemaphore.init(m, BenchLayout.RESP_SEM, 0);
            }
        } catch (Exception e) {
            if (mqRequest != null) {
                mqRequest.close();
            }
            if (sysv != null) {
                sysv.close();
            }
            if (namedRequest != null) {
                namedRequest.close();
            }
            if (m != null) {
                m.close();
            }
            shm.close();
            removeFifos();
            removeSocket();
            throw e;
        }
        memory = m;
    }

    /** The objects for one run of {@code transport}; {@code null} transport: the block alone (bulk). */
    static BenchObjects create(Transport transport) throws Exception {
        return new BenchObjects(transport, BenchLayout.MESSAGE_MAX);
    }

    /** The objects for one run of {@code transport} with messages of {@code messageSize} bytes. */
    static BenchObjects create(Transport transport, int messageSize) throws Exception {
        return new BenchObjects(transport, messageSize);
    }

    private void removeFifos() throws Exception {
        if (fifoDir != null) {
            Files.deleteIfExists(fifoDir.resolve("req"));
            Files.deleteIfExists(fifoDir.resolve("resp"));
            Files.delete(fifoDir);
        }
    }

    /** The C server unlinks its socket once it accepted; what a failed run left ({@code PATH}, {@code PATH.new}) goes here. */
    private void removeSocket() throws Exception {
        if (socket != null) {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(Path.of(socket + ".new"));
        }
    }

    /** The socket the server listens at ({@link Transport#isSocket()}), to wait for before a client starts. */
    Path socketPath() {
        return Path.of(requestName);
    }

    @Override
    public void close() throws Exception {
        try {
            if (unnamedRequest != null) {
                unnamedRequest.destroy();
                unnamedReply.destroy();
            }
            if (namedRequest != null) {
                namedRequest.close();
                namedReply.close();
            }
            if (mqRequest != null) {
                mqRequest.close();
                mqReply.close();
            }
            if (sysv != null) {
                sysv.close();
            }
            removeFifos();
            removeSocket();
        } finally {
            memory.close();
            shm.close();
        }
    }
}
