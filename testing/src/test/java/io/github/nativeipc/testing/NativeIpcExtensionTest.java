package io.github.nativeipc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.nativeipc.error.NotFoundException;
import io.github.nativeipc.posix.CreateOptions;
import io.github.nativeipc.posix.Fifo;
import io.github.nativeipc.posix.MessageQueueAttributes;
import io.github.nativeipc.posix.NamedSemaphore;
import io.github.nativeipc.posix.PosixMessageQueue;
import io.github.nativeipc.posix.PosixSharedMemory;
import io.github.nativeipc.posix.SysVKey;
import io.github.nativeipc.posix.SysVMessageQueue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The extension, run on small test classes through JUnit's own engine (the test kit), checked
 * against the kernel: which objects exist afterwards, which outcome and report each test got.
 */
class NativeIpcExtensionTest {
    /** What the sample tests below created, for the checks after they ran. */
    static final Map<String, Object> CREATED = new ConcurrentHashMap<>();

    private static EngineExecutionResults run(Class<?> testClass) {
        CREATED.clear();
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
    }

    private static String failureMessage(EngineExecutionResults results) {
        Event failed = results.testEvents().failed().list().get(0);
        return failed.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                .map(t -> t.getMessage() + " " + java.util.Arrays.toString(t.getSuppressed()))
                .orElse("");
    }

    @NativeIpcTest
    static class FailsAfterCreatingOneOfEach {
        @Test
        void createsAndFails(IpcNames names) throws Exception {
            String shm = names.sharedMemory("orders");
            String sem = names.semaphore("ready");
            String mq = names.messageQueue("jobs");
            SysVKey key = names.sysvKey();
            Path fifo = names.fifo("in");
            PosixSharedMemory.create(shm, 4096).close();
            NamedSemaphore.create(sem, 0).close();
            PosixMessageQueue.create(mq, MessageQueueAttributes.of(1, 8)).close();
            SysVMessageQueue.create(key).close();
            Fifo.create(fifo);
            CREATED.putAll(Map.of("shm", shm, "sem", sem, "mq", mq, "key", key, "fifo", fifo, "dir", names.directory()));
            throw new AssertionError("the test fails");
        }
    }

    @Test
    void everyObjectOfAFailingTestIsRemoved() {
        EngineExecutionResults results = run(FailsAfterCreatingOneOfEach.class);
        results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertTrue(failureMessage(results).startsWith("the test fails"), failureMessage(results));
        assertThrows(NotFoundException.class, () -> PosixSharedMemory.open((String) CREATED.get("shm")));
        assertThrows(NotFoundException.class, () -> NamedSemaphore.open((String) CREATED.get("sem")));
        assertThrows(NotFoundException.class, () -> PosixMessageQueue.open((String) CREATED.get("mq")));
        assertThrows(NotFoundException.class, () -> SysVMessageQueue.open((SysVKey) CREATED.get("key")));
        assertFalse(Files.exists((Path) CREATED.get("fifo")));
        assertFalse(Files.exists((Path) CREATED.get("dir")));
    }

    @NativeIpcTest
    static class LeaksADescriptor {
        @Test
        void leaks(IpcNames names) throws Exception {
            CREATED.put("shm", names.sharedMemory("leaked"));
            CREATED.put("handle", PosixSharedMemory.create((String) CREATED.get("shm"), 4096));
        }
    }

    @Test
    void aDescriptorLeftOpenFailsTheTestNamingWhatItRefersTo() throws Exception {
        EngineExecutionResults results = run(LeaksADescriptor.class);
        try {
            results.testEvents().assertStatistics(s -> s.started(1).failed(1));
            String message = failureMessage(results);
            assertTrue(message.startsWith("descriptors opened by leaks(IpcNames) and still open: {"), message);
            assertTrue(message.contains("=/dev/shm" + CREATED.get("shm")), message);
        } finally {
            ((PosixSharedMemory) CREATED.get("handle")).close();
        }
    }

    @NativeIpcTest(descriptors = LeakPolicy.REPORT)
    static class LeaksADescriptorReported {
        @Test
        void leaks(IpcNames names) throws Exception {
            CREATED.put("handle", PosixSharedMemory.create(names.sharedMemory("reported"), 4096));
        }
    }

    @Test
    void underReportALeakedDescriptorIsAReportEntryAndTheTestPasses() throws Exception {
        EngineExecutionResults results = run(LeaksADescriptorReported.class);
        try {
            results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
            List<String> reports = results.allEvents().reportingEntryPublished().stream()
                    .map(e -> e.getPayload(org.junit.platform.engine.reporting.ReportEntry.class).orElseThrow())
                    .flatMap(r -> r.getKeyValuePairs().entrySet().stream())
                    .filter(kv -> kv.getKey().equals("nipc.descriptors"))
                    .map(Map.Entry::getValue)
                    .toList();
            assertEquals(1, reports.size(), reports.toString());
            assertTrue(reports.get(0).contains("/dev/shm/nipc-"), reports.get(0));
        } finally {
            ((PosixSharedMemory) CREATED.get("handle")).close();
        }
    }

    @NativeIpcTest(objects = LeakPolicy.FAIL)
    static class LeavesAnObject {
        @Test
        void leaves(IpcNames names) throws Exception {
            String name = names.messageQueue("left");
            CREATED.put("mq", name);
            PosixMessageQueue.create(name, MessageQueueAttributes.of(1, 8)).close();
        }
    }

    @Test
    void underFailAnObjectLeftBehindFailsTheTestAndIsRemovedAllTheSame() {
        EngineExecutionResults results = run(LeavesAnObject.class);
        results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertTrue(failureMessage(results).contains("removed: mq " + CREATED.get("mq")), failureMessage(results));
        assertThrows(NotFoundException.class, () -> PosixMessageQueue.open((String) CREATED.get("mq")));
    }

    @NativeIpcTest(objects = LeakPolicy.FAIL)
    static class RemovesWhatItCreates {
        @Test
        void cleansUp(IpcNames names) throws Exception {
            try (PosixSharedMemory shm = PosixSharedMemory.create(names.sharedMemory("tidy"), 4096,
                    CreateOptions.defaults().unlinkOnClose(true))) {
                shm.size();
            }
        }
    }

    @Test
    void aTestThatRemovesWhatItCreatesPassesUnderTheStrictestPolicies() {
        run(RemovesWhatItCreates.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    }

    @Test
    void objectsNamedWithThePrefixByAnyoneAreRemovedToo() throws Exception {
        IpcNames names = new IpcNames();
        String theirs = names.prefix() + "made-by-a-peer";
        PosixSharedMemory.create(theirs, 4096).close();
        assertEquals(List.of("shm " + theirs), names.removeAll());
        assertThrows(NotFoundException.class, () -> PosixSharedMemory.open(theirs));
    }

    @Test
    void namesAreUniqueValidPosixNamesUnderThePrefix() {
        IpcNames a = new IpcNames();
        IpcNames b = new IpcNames();
        assertFalse(a.prefix().equals(b.prefix()));
        String first = a.sharedMemory("x");
        String second = a.sharedMemory("x");
        assertFalse(first.equals(second));
        assertTrue(first.startsWith(a.prefix()) && first.lastIndexOf('/') == 0, first);
        assertThrows(IllegalArgumentException.class, () -> a.messageQueue("a/b"));
        assertFalse(a.sysvKey().equals(a.sysvKey()));
    }

    @NativeIpcTest
    static class UsesAPipe {
        @Test
        void pipes() throws Exception {
            try (io.github.nativeipc.posix.AnonymousPipe pipe = io.github.nativeipc.posix.AnonymousPipe.open()) {
                pipe.sink().write(java.nio.ByteBuffer.wrap(new byte[] {1}));
            }
        }
    }

    @Test
    void aTestThatClosesItsPipeIsNotBlamedForWhatTheLibraryOpensOncePerJvm() {
        run(UsesAPipe.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    }
}
