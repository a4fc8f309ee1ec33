package io.github.nativeipc.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nativeipc.error.BrokenPipeException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** CreatePipe: bytes in, bytes out, end of stream, broken pipe. Runs under Wine. */
class AnonymousPipeWindowsTest {

    @Test
    void bytesWrittenToTheWriteEndAreReadFromTheReadEnd() throws Exception {
        try (AnonymousPipe pipe = AnonymousPipe.open()) {
            assertEquals(5, pipe.sink().write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII))));
            ByteBuffer in = ByteBuffer.allocateDirect(16);
            assertEquals(5, pipe.source().read(in));
            in.flip();
            assertEquals("hello", StandardCharsets.US_ASCII.decode(in).toString());
        }
    }

    @Test
    void closingTheWriteEndEndsTheStreamAfterTheData() throws Exception {
        try (AnonymousPipe pipe = AnonymousPipe.open(4096)) {
            pipe.sink().write(ByteBuffer.wrap(new byte[] {1, 2}));
            pipe.sink().close();
            ByteBuffer in = ByteBuffer.allocate(8);
            assertEquals(2, pipe.source().read(in));
            assertEquals(-1, pipe.source().read(in));
        }
    }

    @Test
    void writingWithTheReadEndClosedIsABrokenPipe() throws Exception {
        try (AnonymousPipe pipe = AnonymousPipe.open()) {
            pipe.source().close();
            BrokenPipeException e = assertThrows(BrokenPipeException.class, () -> pipe.sink().write(ByteBuffer.wrap(new byte[] {1})));
            assertEquals(true, e.errnoName().equals("ERROR_NO_DATA") || e.errnoName().equals("ERROR_BROKEN_PIPE"), e.getMessage());
        }
    }

    @Test
    void aClosedEndRefusesCalls() throws Exception {
        try (AnonymousPipe pipe = AnonymousPipe.open()) {
            pipe.source().close();
            assertThrows(ClosedChannelException.class, () -> pipe.source().read(ByteBuffer.allocate(1)));
        }
    }
}
