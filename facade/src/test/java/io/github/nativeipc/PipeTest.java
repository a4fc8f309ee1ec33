package io.github.nativeipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nativeipc.error.BrokenPipeException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The facade's anonymous pipe, whatever backs it on this OS. */
class PipeTest {
    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void whatTheSinkWritesTheSourceReadsThenEndOfStream() throws Exception {
        try (Pipe p = Pipe.open()) {
            p.sink().write(bytes("first "));
            p.sink().write(ByteBuffer.allocateDirect(6).put("second".getBytes(StandardCharsets.UTF_8)).flip());
            p.sink().close();
            String all = new String(Channels.newInputStream(p.source()).readAllBytes(), StandardCharsets.UTF_8);
            assertEquals("first second", all);
            assertEquals(-1, p.source().read(ByteBuffer.allocate(4)));
        }
    }

    @Test
    void writingWithNoReadEndLeftIsABrokenPipe() throws Exception {
        try (Pipe p = Pipe.open()) {
            p.source().close();
            assertThrows(BrokenPipeException.class, () -> p.sink().write(bytes("nobody reads")));
        }
    }
}
