package io.github.nativeipc.it;

import io.github.nativeipc.error.NotFoundException;
import io.github.nativeipc.posix.NamedSemaphore;
import io.github.nativeipc.posix.PosixSharedMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Unique POSIX names per run (pid + counter) and the removal of all of them after each test,
 * whether it passed or not.
 */
final class Names implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final long PID = ProcessHandle.current().pid();

    private final List<String> shm = new ArrayList<>();
    private final List<String> sem = new ArrayList<>();
    private final List<String> mq = new ArrayList<>();
    private final List<io.github.nativeipc.posix.SysVKey> keys = new ArrayList<>();

    /** A System V key unique to this run (0x4f, 16 bits of the pid, a counter); its objects are removed after the test. */
    io.github.nativeipc.posix.SysVKey sysvKey() {
        io.github.nativeipc.posix.SysVKey k = io.github.nativeipc.posix.SysVKey.of(
                0x4f000000 | (int) ((PID & 0xffff) << 8) | (COUNTER.incrementAndGet() & 0xff));
        keys.add(k);
        return k;
    }

    String mq(String tag) {
        String n = "/nipc-it" + PID + "-" + COUNTER.incrementAndGet() + "-" + tag;
        mq.add(n);
        return n;
    }

    String shm(String tag) {
        String n = "/nipc-it" + PID + "-" + COUNTER.incrementAndGet() + "-" + tag;
        shm.add(n);
        return n;
    }

    String sem(String tag) {
        String n = "/nipc-it" + PID + "-" + COUNTER.incrementAndGet() + "-" + tag;
        sem.add(n);
        return n;
    }

    @Override
    public void close() throws Exception {
        for (String n : shm) {
            try {
                PosixSharedMemory.unlink(n);
            } catch (NotFoundException gone) {
                // removed by the test
            }
        }
        for (io.github.nativeipc.posix.SysVKey k : keys) {
            try {
                io.github.nativeipc.posix.SysVSharedMemory.open(k).remove();
            } catch (NotFoundException gone) {
                // none
            }
            try {
                io.github.nativeipc.posix.SysVMessageQueue.open(k).remove();
            } catch (NotFoundException gone) {
                // none
            }
            try {
                io.github.nativeipc.posix.SysVSemaphoreSet.open(k).remove();
            } catch (NotFoundException gone) {
                // none
            }
        }
        for (String n : mq) {
            try {
                io.github.nativeipc.posix.PosixMessageQueue.unlink(n);
            } catch (NotFoundException gone) {
                // removed by the test
            }
        }
        for (String n : sem) {
            try {
                NamedSemaphore.unlink(n);
            } catch (NotFoundException gone) {
                // removed by the test
            }
        }
    }
}
