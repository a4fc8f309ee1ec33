package io.github.nativeipc.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The hot paths allocate nothing per operation: 10,000 operations after a warm-up add less than
 * one byte per operation to this thread's allocated byte count. The smallest object allocated on
 * every operation would add at least 160,000 bytes; the slack of one byte per operation leaves
 * room for a rare path (a wait that really blocks, seen once at 2,096 bytes in 10,000 pipe round
 * trips under Wine) without letting a per-operation allocation through. Runs under Wine.
 */
class AllocationWindowsTest {
    private static final int OPERATIONS = 10_000;
    private static final long SLACK = OPERATIONS;

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private interface Op {
        void run() throws Exception;
    }

    private static long allocatedBy(Op op) throws Exception {
        for (int i = 0; i < OPERATIONS; i++) {
            op.run();
        }
        long before = allocated();
        for (int i = 0; i < OPERATIONS; i++) {
            op.run();
        }
        return allocated() - before;
    }

    @Test
    void semaphoreReleaseAndTryAcquireAllocateNothing() throws Exception {
        try (WindowsSemaphore sem = WindowsSemaphore.createUnnamed(0, 1)) {
            long bytes = allocatedBy(() -> {
                sem.release();
                sem.tryAcquire(Duration.ZERO);
            });
            assertTrue(bytes < SLACK, bytes + " bytes for " + OPERATIONS + " release+tryAcquire");
        }
    }

    @Test
    void eventSetAndAwaitAllocateNothing() throws Exception {
        try (WindowsEvent event = WindowsEvent.createUnnamed(EventReset.AUTO, false)) {
            long bytes = allocatedBy(() -> {
                event.set();
                event.await();
            });
            assertTrue(bytes < SLACK, bytes + " bytes for " + OPERATIONS + " set+await");
        }
    }

    @Test
    void pipeSendAndReceiveWithDirectBuffersAllocateNothing() throws Exception {
        String name = WinPeer.pipeName("alloc");
        try (NamedPipeServer server = NamedPipeServer.create(name, PipeMode.MESSAGE);
             NamedPipe client = NamedPipeClient.connect(name, PipeMode.MESSAGE, Duration.ofSeconds(5));
             NamedPipe pipe = server.accept(Duration.ofSeconds(5))) {
            ByteBuffer out = ByteBuffer.allocateDirect(64);
            ByteBuffer in = ByteBuffer.allocateDirect(64);
            long bytes = allocatedBy(() -> {
                out.clear();
                client.send(out);
                in.clear();
                assertEquals(64, pipe.receive(in));
            });
            assertTrue(bytes < SLACK, bytes + " bytes for " + OPERATIONS + " send+receive");
        }
    }
}
