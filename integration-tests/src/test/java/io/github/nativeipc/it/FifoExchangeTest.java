package io.github.nativeipc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nativeipc.demo.CPeer;
import io.github.nativeipc.posix.Fifo;
import io.github.nativeipc.posix.PipeSink;
import io.github.nativeipc.posix.PipeSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Java and a C process talking through FIFOs, each opening its end as C programs do. */
class FifoExchangeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void whatJavaWritesTheCReaderReceivesUpToEndOfFile() throws Exception {
        Fifo f = Fifo.create(dir.resolve("to-c"));
        try (CPeer peer = CPeer.start("fifo_peer", "read", f.path().toString())) {
            try (PipeSink out = f.openForWriting(TIMEOUT)) {
                out.write(utf8("first line\n"));
                out.write(utf8("second line\n"));
            }
            assertEquals(List.of("bytes 23", "first line", "second line"), peer.awaitSuccess(TIMEOUT));
        }
    }

    @Test
    void whatTheCWriterSendsJavaReadsThenEndOfStream() throws Exception {
        Fifo f = Fifo.create(dir.resolve("to-java"));
        try (CPeer peer = CPeer.start("fifo_peer", "write", f.path().toString(), "alpha", "beta", "gamma");
                PipeSource in = f.openForReading(TIMEOUT)) {
            String text = new String(in.inputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals("alpha\nbeta\ngamma\n", text);
            peer.awaitSuccess(TIMEOUT);
        }
    }

    @Test
    void aCEchoAnswersOverASecondFifo() throws Exception {
        Fifo requests = Fifo.create(dir.resolve("requests"));
        Fifo replies = Fifo.create(dir.resolve("replies"));
        try (CPeer peer = CPeer.start("fifo_peer", "echo", requests.path().toString(), replies.path().toString())) {
            PipeSink out = requests.openForWriting(TIMEOUT);
            try (PipeSource in = replies.openForReading(TIMEOUT);
                    BufferedReader r = new BufferedReader(new InputStreamReader(in.inputStream(), StandardCharsets.UTF_8))) {
                for (int i = 0; i < 100; i++) {
                    out.write(utf8("message " + i + "\n"));
                    assertEquals("C:MESSAGE " + i, r.readLine());
                }
                out.close();
                assertEquals(null, r.readLine(), "the echo closes its end after our end-of-file");
            }
            peer.awaitSuccess(TIMEOUT);
        }
    }
}
