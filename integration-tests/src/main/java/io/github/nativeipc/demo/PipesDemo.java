package io.github.nativeipc.demo;

import io.github.nativeipc.memory.MappedMemory;
import io.github.nativeipc.posix.AnonymousPipe;
import io.github.nativeipc.posix.ChildProcess;
import io.github.nativeipc.posix.ExitStatus;
import io.github.nativeipc.posix.Fifo;
import io.github.nativeipc.posix.MemFd;
import io.github.nativeipc.posix.PipeSink;
import io.github.nativeipc.posix.PipeSource;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The demo's pipe part: 20,000 round trips through two FIFOs with a C echo process, then a C child
 * started with a pipe as its fd 3 and a memfd as its fd 4, which reports what it read and which
 * descriptors it has.
 */
final class PipesDemo {
    private PipesDemo() {}

    private static final int ROUND_TRIPS = 20_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    static void run() throws Exception {
        Path dir = Files.createTempDirectory("nipc-demo-fifo");
        try {
            fifoExchange(dir);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
        spawnWithDescriptors();
    }

    private static void fifoExchange(Path dir) throws Exception {
        Fifo requests = Fifo.create(dir.resolve("requests"));
        Fifo replies = Fifo.create(dir.resolve("replies"));
        try (CPeer peer = CPeer.start("fifo_peer", "echo", requests.path().toString(), replies.path().toString())) {
            long[] rtt = new long[ROUND_TRIPS];
            try (PipeSink out = requests.openForWriting(TIMEOUT); PipeSource in = replies.openForReading(TIMEOUT)) {
                ByteBuffer request = ByteBuffer.allocateDirect(64);
                ByteBuffer reply = ByteBuffer.allocateDirect(64);
                for (int i = 0; i < ROUND_TRIPS; i++) {
                    byte[] line = ("line " + i + "\n").getBytes(StandardCharsets.US_ASCII);
                    byte[] expected = ("C:LINE " + i + "\n").getBytes(StandardCharsets.US_ASCII);
                    long t0 = System.nanoTime();
                    out.write(request.clear().put(line).flip());
                    reply.clear().limit(expected.length);
                    while (reply.hasRemaining()) {
                        if (in.read(reply) < 0) {
                            throw new IllegalStateException("the C echo closed its FIFO at line " + i);
                        }
                    }
                    rtt[i] = System.nanoTime() - t0;
                    if (!reply.flip().equals(ByteBuffer.wrap(expected))) {
                        throw new IllegalStateException("unexpected echo of line " + i);
                    }
                    if (i < 2) {
                        System.out.println("  java -> c: line " + i + "   c -> java: C:LINE " + i);
                    }
                }
            }
            peer.awaitSuccess(TIMEOUT);
            Demo.report("two FIFOs (" + requests.path().getFileName() + ", " + replies.path().getFileName()
                    + "; write/read, the echo upper-cases each line)", rtt);
        }
    }

    private static void spawnWithDescriptors() throws Exception {
        try (AnonymousPipe pipe = AnonymousPipe.open(); MemFd memfd = MemFd.create("demo", 4096)) {
            try (MappedMemory m = memfd.map()) {
                m.slice(0, 16).put("hello from Java\0".getBytes(StandardCharsets.US_ASCII));
            }
            String report;
            ExitStatus status;
            try (ChildProcess child = ChildProcess.builder(CPeer.binary("fd_child").toString(), "pipe-memfd", "7")
                    .descriptor(3, pipe.sink()).descriptor(4, memfd).start()) {
                pipe.sink().close();
                report = new String(pipe.source().inputStream().readAllBytes(), StandardCharsets.UTF_8);
                status = child.waitFor(TIMEOUT).orElseThrow(() -> new IllegalStateException("the child did not exit"));
            }
            byte[] back = new byte[10];
            try (MappedMemory m = memfd.map()) {
                m.slice(0, 10).get(back);
            }
            System.out.println("posix_spawn of fd_child with the pipe's write end as fd 3 and a memfd as fd 4:");
            for (String line : report.split("\n")) {
                System.out.println("  child wrote to fd 3: " + line);
            }
            System.out.println("  memfd now holds: " + new String(back, StandardCharsets.US_ASCII) + "; child ended with " + status);
            if (status.exitCode() != 7 || !report.contains("fds:0,1,2,3,4")) {
                throw new IllegalStateException("the child saw other descriptors or exited with " + status);
            }
        }
    }
}
