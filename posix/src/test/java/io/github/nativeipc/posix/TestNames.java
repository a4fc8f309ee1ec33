package io.github.nativeipc.posix;

import io.github.nativeipc.error.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Unique POSIX names and System V keys for one test run (pid + counter, so parallel runs never
 * collide), and the removal of every object a test created, also when the test failed. Shared with
 * the integration tests through this module's test jar.
 */
public final class TestNames implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final long PID = ProcessHandle.current().pid();

    private final List<String> shm = new ArrayList<>();
    private final List<String> sem = new ArrayList<>();
    private final List<String> mq = new ArrayList<>();
    private final List<SysVKey> keys = new ArrayList<>();

    /** A System V key unique to this run (0x4e, 16 bits of the pid, a counter); its objects are removed by {@link #close()}. */
    public SysVKey sysvKey() {
        SysVKey k = SysVKey.of(0x4e000000 | (int) ((PID & 0xffff) << 8) | (COUNTER.incrementAndGet() & 0xff));
        keys.add(k);
        return k;
    }

    /** A fresh message-queue name, unlinked by {@link #close()}. */
    public String mq(String tag) {
        String n = "/nipc-t" + PID + "-" + COUNTER.incrementAndGet() + "-" + tag;
        mq.add(n);
        return n;
    }

    /** A fresh shared-memory name, unlinked by {@link #close()}. */
    public String shm(String tag) {
        String n = "/nipc-t" + PID + "-" + COUNTER.incrementAndGet() + "-" + tag;
        shm.add(n);
        return n;
    }

    /** A fresh semaphore name, unlinked by {@link #close()}. */
    public String sem(String tag) {
        String n = "/nipc-t" + PID + "-" + COUNTER.incrementAndGet() + "-" + tag;
        sem.add(n);
        return n;
    }

    private interface Removal {
        void run() throws Exception;
    }

    private static void removeQuietly(Removal r) throws Exception {
        try {
            r.run();
        } catch (NotFoundException alreadyGone) {
            // removed by the test itself, or never created
        }
    }

    @Override
    public void close() throws Exception {
        for (String n : shm) {
            try {
                PosixSharedMemory.unlink(n);
            } catch (NotFoundException alreadyGone) {
                // removed by the test itself
            }
        }
        for (SysVKey k : keys) {
            removeQuietly(() -> SysVSharedMemory.open(k).remove());
            removeQuietly(() -> SysVMessageQueue.open(k).remove());
            removeQuietly(() -> SysVSemaphoreSet.open(k).remove());
        }
        for (String n : mq) {
            try {
                PosixMessageQueue.unlink(n);
            } catch (NotFoundException alreadyGone) {
                // removed by the test itself
            }
        }
        for (String n : sem) {
            try {
                NamedSemaphore.unlink(n);
            } catch (NotFoundException alreadyGone) {
                // removed by the test itself
            }
        }
    }
}
