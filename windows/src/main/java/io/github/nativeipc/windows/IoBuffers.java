package io.github.nativeipc.windows;

import java.nio.ByteBuffer;

/**
 * Where one direction of a channel's {@code ReadFile}/{@code WriteFile} calls takes its memory
 * from: the address of the caller's direct buffer (remembered for the last buffer seen, so a
 * caller reusing its buffer costs no lookup and no allocation), or a 64 KiB direct staging buffer
 * that heap buffers are copied through. One call at a time (the owner serialises).
 */
final class IoBuffers {
    private ByteBuffer lastBuffer;
    private long lastAddress;
    private ByteBuffer staging;

    /** The native address of byte 0 of {@code direct}. */
    long addressOf(ByteBuffer direct) {
        if (direct != lastBuffer) {
            lastAddress = Win32.address(direct);
            lastBuffer = direct;
        }
        return lastAddress;
    }

    /** The staging buffer, made on first use. */
    ByteBuffer staging() {
        if (staging == null) {
            staging = Win32.scratch(65536);
        }
        return staging;
    }
}
