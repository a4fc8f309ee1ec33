package io.github.nativeipc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.bindings.Platform;
import io.github.nativeipc.error.ClosedException;
import io.github.nativeipc.error.NotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The facade's child process with pipe ends handed over, against the C child {@code child_peer.c}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChildProcessTest {
    private static final boolean WINDOWS = Platform.current().os() == Platform.Os.WINDOWS;

    private static String readAll(ReadableByteChannel source) throws IOException {
        return new String(Channels.newInputStream(source).readAllBytes(), StandardCharsets.UTF_8).replace("\r", "");
    }

    private static void writeAll(WritableByteChannel sink, byte[] data) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(data);
        while (b.hasRemaining()) {
            sink.write(b);
        }
    }

    private static ChildProcess.Builder peer(String... arguments) throws Exception {
        return ChildProcess.builder(ChildPeer.path(), arguments);
    }

    @Test
    void standardInputAndOutputCarryTheBytesThroughTheChild() throws Exception {
        byte[] data = new byte[256 * 1024];   // more than a pipe holds: the child must be reading while we write
        new Random(12).nextBytes(data);
        try (Pipe in = Pipe.open(); Pipe out = Pipe.open();
             ChildProcess child = peer("echo").standardInput(in.source()).standardOutput(out.sink()).start()) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    writeAll(in.sink(), data);
                    in.sink().close();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            byte[] back = Channels.newInputStream(out.source()).readAllBytes();
            writer.get(30, TimeUnit.SECONDS);
            assertArrayEquals(data, back);
            assertEquals(0, child.waitFor());
        }
    }

    @Test
    void aHandedOverSinkCarriesWhatTheChildWritesThenEndOfFile() throws Exception {
        try (Pipe p = Pipe.open()) {
            ChildProcess.Builder b = peer();
            long number = b.handOver(p.sink());
            try (ChildProcess child = b.arguments("write", Long.toString(number), "from the C child").start()) {
                assertEquals("from the C child", readAll(p.source()));
                assertEquals(0, child.waitFor());
            }
        }
    }

    @Test
    void aHandedOverSourceDeliversWhatThisProcessWrites() throws Exception {
        byte[] data = "handed over, read by C".getBytes(StandardCharsets.UTF_8);
        long sum = 0;
        for (byte x : data) {
            sum = (sum * 31 + (x & 0xff)) & 0xffffffffL;
        }
        try (Pipe p = Pipe.open(); Pipe out = Pipe.open()) {
            ChildProcess.Builder b = peer().standardOutput(out.sink());
            long number = b.handOver(p.source());
            try (ChildProcess child = b.arguments("read", Long.toString(number)).start()) {
                writeAll(p.sink(), data);
                p.sink().close();
                assertEquals("read:" + data.length + ":" + sum + "\n", readAll(out.source()));
                assertEquals(0, child.waitFor());
            }
        }
    }

    @Test
    void twoHandedOverEndsAreTwoDifferentNumbersInTheChild() throws Exception {
        try (Pipe toChild = Pipe.open(); Pipe fromChild = Pipe.open()) {
            ChildProcess.Builder b = peer();
            long in = b.handOver(toChild.source());
            long out = b.handOver(fromChild.sink());
            assertTrue(in != out, in + " and " + out);
            try (ChildProcess child = b.arguments("relay", Long.toString(in), Long.toString(out)).start()) {
                writeAll(toChild.sink(), "relayed through two ends".getBytes(StandardCharsets.UTF_8));
                toChild.sink().close();
                assertEquals("relayed through two ends", readAll(fromChild.source()));
                assertEquals(0, child.waitFor());
            }
        }
    }

    @Test
    void startClosesThisProcessCopiesOfTheEndsItHandedOver() throws Exception {
        try (Pipe p = Pipe.open(); Pipe out = Pipe.open()) {
            ChildProcess.Builder b = peer().standardOutput(out.sink());
            long number = b.handOver(p.source());
            try (ChildProcess child = b.arguments("read", Long.toString(number)).start()) {
                assertFalse(p.source().isOpen());
                assertFalse(out.sink().isOpen());
                assertTrue(p.sink().isOpen());
                p.sink().close();
                assertEquals("read:0:0\n", readAll(out.source()));
                assertEquals(0, child.waitFor());
            }
        }
    }

    @Test
    void aProgramThatDoesNotExistIsNotFoundAndTheEndsStayOpen() throws Exception {
        try (Pipe p = Pipe.open()) {
            ChildProcess.Builder b = ChildProcess.builder(Path.of(ChildPeer.path()).resolveSibling("no-such-program").toString())
                    .standardOutput(p.sink());
            NotFoundException e = assertThrows(NotFoundException.class, b::start);
            assertTrue(e.getMessage().contains("no-such-program"), e.getMessage());
            assertTrue(p.sink().isOpen());
        }
    }

    @Test
    void theExitCodeIsReported() throws Exception {
        try (ChildProcess child = peer("exit", "7").start()) {
            assertEquals(7, child.waitFor());
            assertEquals(Optional.of(7), child.exitCode());
            assertFalse(child.isAlive());
        }
    }

    @Test
    void aTimedWaitOnARunningChildIsEmptyAndDestroyForciblyEndsIt() throws Exception {
        try (ChildProcess child = peer("sleep").discardStandardOutput().start()) {
            assertEquals(Optional.empty(), child.waitFor(Duration.ofMillis(200)));
            assertTrue(child.isAlive());
            child.destroyForcibly();
            assertEquals(WINDOWS ? 1 : 128 + 9, child.waitFor());
        }
    }

    @Test
    void destroyEndsARunningChild() throws Exception {
        try (ChildProcess child = peer("sleep").start()) {
            child.destroy();
            assertEquals(WINDOWS ? 1 : 128 + 15, child.waitFor());
        }
    }

    @Test
    void destroyingAChildThatHasExitedDoesNothing() throws Exception {
        try (ChildProcess child = peer("exit", "3").start()) {
            assertEquals(3, child.waitFor());
            child.destroy();
            child.destroyForcibly();
            assertEquals(Optional.of(3), child.exitCode());
        }
    }

    @Test
    void argumentsArriveExactlyAsGiven() throws Exception {
        String[] tricky = {"with space", "quote\"inside", "trailing\\", "back\\\\slashes \\\" too", "", "plain"};
        try (Pipe out = Pipe.open()) {
            ChildProcess.Builder b = peer("args").arguments(tricky).standardOutput(out.sink());
            try (ChildProcess child = b.start()) {
                StringBuilder expected = new StringBuilder();
                for (String a : tricky) {
                    expected.append('[').append(a).append("]\n");
                }
                assertEquals(expected.toString(), readAll(out.source()));
                assertEquals(0, child.waitFor());
            }
        }
    }

    @Test
    void theEnvironmentGivenReachesTheChild() throws Exception {
        try (Pipe out = Pipe.open()) {
            ChildProcess.Builder b = peer("env", "NIPC_CHILD_TEST").standardOutput(out.sink());
            b.environment().put("NIPC_CHILD_TEST", "a value with spaces");
            try (ChildProcess child = b.start()) {
                assertEquals("NIPC_CHILD_TEST=a value with spaces\n", readAll(out.source()));
                assertEquals(0, child.waitFor());
            }
        }
    }

    @Test
    void aVariableRemovedFromTheEnvironmentIsUnsetInTheChild() throws Exception {
        try (Pipe out = Pipe.open()) {
            String name = System.getenv().containsKey("PATH") ? "PATH" : "Path";
            ChildProcess.Builder b = peer("env", name).standardOutput(out.sink());
            b.environment().remove(name);
            try (ChildProcess child = b.start()) {
                assertEquals(name + " unset\n", readAll(out.source()));
                assertEquals(0, child.waitFor());
            }
        }
    }

    @Test
    void theChildRunsInTheDirectoryGiven(@TempDir Path dir) throws Exception {
        try (Pipe out = Pipe.open()) {
            try (ChildProcess child = peer("cwd").directory(dir).standardOutput(out.sink()).start()) {
                String printed = readAll(out.source()).trim();
                assertEquals(0, child.waitFor());
                assertTrue(Files.isSameFile(dir, Path.of(printed)), printed + " is not " + dir);
            }
        }
    }

    @Test
    void aDiscardedStandardInputReadsEndOfFileAtOnce() throws Exception {
        try (Pipe out = Pipe.open();
             ChildProcess child = peer("echo").discardStandardInput().standardOutput(out.sink()).start()) {
            assertEquals("", readAll(out.source()));
            assertEquals(0, child.waitFor());
        }
    }

    @Test
    void standardErrorCanBeAPipeOfItsOwn() throws Exception {
        try (Pipe err = Pipe.open(); Pipe out = Pipe.open();
             ChildProcess child = peer("stderr", "to standard error").standardOutput(out.sink()).standardError(err.sink()).start()) {
            assertEquals("to standard error", readAll(err.source()));
            assertEquals("", readAll(out.source()));
            assertEquals(0, child.waitFor());
        }
    }

    @Test
    void aChannelThatIsNotAPipeEndIsRefused() throws Exception {
        ChildProcess.Builder b = peer("exit", "0");
        WritableByteChannel foreign = Channels.newChannel(new java.io.ByteArrayOutputStream());
        assertThrows(IllegalArgumentException.class, () -> b.handOver(foreign));
    }

    @Test
    void aClosedEndCannotBeHandedOver() throws Exception {
        try (Pipe p = Pipe.open()) {
            p.sink().close();
            ChildProcess.Builder b = peer("exit", "0");
            assertThrows(ClosedException.class, () -> b.handOver(p.sink()));
        }
    }
}
