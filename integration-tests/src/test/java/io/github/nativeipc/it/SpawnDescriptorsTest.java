package io.github.nativeipc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nativeipc.demo.CPeer;
import io.github.nativeipc.memory.MappedMemory;
import io.github.nativeipc.posix.AnonymousPipe;
import io.github.nativeipc.posix.ChildProcess;
import io.github.nativeipc.posix.ExitStatus;
import io.github.nativeipc.posix.MemFd;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A C child started through ChildProcess gets a pipe as fd 3 and a memfd as fd 4, and nothing else of the JVM's. */
class SpawnDescriptorsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void aCChildReadsTheMemfdAsFd4WritesThePipeAsFd3AndExitsWithTheCodeGiven() throws Exception {
        try (AnonymousPipe pipe = AnonymousPipe.open(); MemFd memfd = MemFd.create("spawn-test", 4096)) {
            try (MappedMemory m = memfd.map()) {
                m.slice(0, 11).put("from Java\0\0".getBytes(StandardCharsets.US_ASCII));
            }
            ExitStatus status;
            try (ChildProcess child = ChildProcess.builder(CPeer.binary("fd_child").toString(), "pipe-memfd", "42")
                    .descriptor(3, pipe.sink()).descriptor(4, memfd).start()) {
                pipe.sink().close();   // the child holds the only write end now: its exit ends the stream
                String report = new String(pipe.source().inputStream().readAllBytes(), StandardCharsets.UTF_8);
                status = child.waitFor(TIMEOUT).orElseThrow(() -> new AssertionError("the child did not exit"));
                assertEquals(List.of("memfd:from Java", "fds:0,1,2,3,4"), List.of(report.split("\n")));
            }
            assertEquals(42, status.exitCode(), status.toString());
            try (MappedMemory m = memfd.map()) {
                byte[] b = new byte[10];
                m.slice(0, 10).get(b);
                assertEquals("C was here", new String(b, StandardCharsets.US_ASCII));
            }
        }
    }

    @Test
    void aChildGivenNoDescriptorsHasOnlyTheStandardThreeEvenWithManyOpenHere() throws Exception {
        // Open descriptors that are not close-on-exec, as FileInputStream's are: none may reach the child.
        List<java.io.FileInputStream> open = new java.util.ArrayList<>();
        try (AnonymousPipe out = AnonymousPipe.open()) {
            for (int i = 0; i < 20; i++) {
                open.add(new java.io.FileInputStream("/dev/null"));
            }
            try (ChildProcess child = ChildProcess.builder(CPeer.binary("fd_child").toString(), "list-fds")
                    .descriptor(1, out.sink()).start()) {
                out.sink().close();
                String report = new String(out.source().inputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals("fds:0,1,2\n", report);
                assertEquals(0, child.waitFor().exitCode());
            }
        } finally {
            for (var in : open) {
                in.close();
            }
        }
    }
}
