package io.github.nativeipc.posix;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reading a kernel setting under {@code /proc/sys}, to name limits in error messages. Read with a
 * plain stream: {@code Files.readString} returns only the first byte of these files on JDK 17
 * (they report size 0). Thread-safe (stateless).
 */
final class ProcSys {
    private ProcSys() {}

    /** The trimmed content of {@code /proc/sys/<path>}, or {@code "unknown"}. */
    static String read(String path) {
        try (InputStream in = new FileInputStream("/proc/sys/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * The number in {@code /proc/sys/<path>} (the first one if the file holds several), or -1 if it
     * cannot be read. The kernel prints some limits as unsigned 64-bit numbers (near 2^64 means "no
     * limit"); those above {@link Long#MAX_VALUE} are returned as {@link Long#MAX_VALUE}.
     */
    static long readLong(String path) {
        String[] fields = read(path).split("\\s+");
        return parseUnsigned(fields[0]);
    }

    /** {@code text} as an unsigned decimal, clamped to {@link Long#MAX_VALUE}; -1 if it is not one. */
    static long parseUnsigned(String text) {
        try {
            long v = Long.parseUnsignedLong(text);
            return v < 0 ? Long.MAX_VALUE : v;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
