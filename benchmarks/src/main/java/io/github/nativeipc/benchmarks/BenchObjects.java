package io.github.nativeipc.benchmarks;

import io.github.nativeipc.memory.MappedMemory;
import io.github.nativeipc.posix.CreateOptions;
import io.github.nativeipc.posix.NamedSemaphore;
import io.github.nativeipc.posix.PosixSharedMemory;
import io.github.nativeipc.posix.UnnamedSemaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The kernel objects of one run, fresh for every run so no state carries over: the block
 * ({@link BenchLayout#SIZE} bytes, zeroed) and, for the semaphore transports, the two doorbells at
 * value 0 (named ones, or {@code sem_init} inside the block). Created by the harness before either
 * process starts (not timed); closing destroys and unlinks everything.
 */
final class BenchObjects implements AutoCloseable {
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final CreateOptions REMOVE_ON_CLOSE = CreateOptions.defaults().unlinkOnClose(true);

    final String shmName;
    /** The semaphore names for {@link Transport#NAMED_SEMAPHORE}, otherwise "-" (the argument the peers take). */
    final String requestName;
    final String replyName;

    private final PosixSharedMemory shm;
    private final MappedMemory memory;
    private NamedSemaphore namedRequest;
    private NamedSemaphore namedReply;
    private UnnamedSemaphore unnamedRequest;
    private UnnamedSemaphore unnamedReply;

    private BenchObjects(Transport transport) throws Exception {
        String base = "/nipc-b" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet();
        boolean named = transport == Transport.NAMED_SEMAPHORE;
        shmName = base;
        requestName = named ? base + "-req" : "-";
        replyName = named ? base + "-resp" : "-";
        shm = PosixSharedMemory.create(base, BenchLayout.SIZE, REMOVE_ON_CLOSE);
        MappedMemory m = null;
        try {
            m = shm.map();
            if (named) {
                namedRequest = NamedSemaphore.create(requestName, 0, REMOVE_ON_CLOSE);
                namedReply = NamedSemaphore.create(replyName, 0, REMOVE_ON_CLOSE);
            } else if (transport == Transport.UNNAMED_SEMAPHORE) {
                unnamedRequest = UnnamedSemaphore.init(m, BenchLayout.REQ_SEM, 0);
                unnamedReply = UnnamedSemaphore.init(m, BenchLayout.RESP_SEM, 0);
            }
        } catch (Exception e) {
            if (namedRequest != null) {
                namedRequest.close();
            }
            if (m != null) {
                m.close();
            }
            shm.close();
            throw e;
        }
        memory = m;
    }

    /** The objects for one run of {@code transport}; {@code null} transport: the block alone (bulk). */
    static BenchObjects create(Transport transport) throws Exception {
        return new BenchObjects(transport);
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
        } finally {
            memory.close();
            shm.close();
        }
    }
}
