package io.github.nativeipc.posix;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Text in and out of buffers for the tests; shared with the integration tests through this module's test jar. */
public final class TestBuffers {
    private TestBuffers() {}

    /** A direct buffer holding {@code s} in UTF-8, ready to read. */
    public static ByteBuffer direct(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocateDirect(b.length).put(b).flip();
    }

    /** What was written into {@code b} (flipped first), as UTF-8. */
    public static String text(ByteBuffer b) {
        b.flip();
        return StandardCharsets.UTF_8.decode(b).toString();
    }
}
