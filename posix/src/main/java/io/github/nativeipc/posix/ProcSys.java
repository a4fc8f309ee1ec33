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
}
