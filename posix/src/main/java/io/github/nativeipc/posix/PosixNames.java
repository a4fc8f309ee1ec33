package io.github.nativeipc.posix;

import io.github.nativeipc.bindings.Platform;
import io.github.nativeipc.bindings.PosixConstants;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.InvalidArgumentException;
import java.nio.charset.StandardCharsets;

/**
 * Validation of POSIX IPC object names ({@code shm_open}, {@code sem_open}, later {@code mq_open})
 * before any system call: a leading {@code /}, no other {@code /}, not empty, not {@code .} or
 * {@code ..}, no NUL, and within the OS's length limit in UTF-8 bytes.
 *
 * <p>Limits: Linux allows {@code NAME_MAX} (255) bytes after the slash for shared memory and
 * message queues; glibc stores a named semaphore as {@code /dev/shm/sem.NAME}, which leaves 251.
 * macOS allows 31 bytes for the whole name, slash included. Thread-safe (stateless).
 */
final class PosixNames {
    private PosixNames() {}

    enum Kind {
        SHARED_MEMORY(PosixConstants.NAME_MAX),
        SEMAPHORE(PosixConstants.NAME_MAX - 4);

        private final int linuxMax;

        Kind(int linuxMax) {
            this.linuxMax = linuxMax;
        }

        /** Longest name in UTF-8 bytes, counting the leading slash. */
        int maxBytes() {
            return Platform.current().isDarwin() ? PosixConstants.DARWIN_IPC_NAME_MAX : linuxMax + 1;
        }
    }

    static void validate(String name, Kind kind, String operation) throws InvalidArgumentException {
        String reason = problem(name, kind);
        if (reason != null) {
            throw Errors.invalidArgument(operation + "(" + (name == null ? "null" : Syscalls.quote(name)) + ")",
                    String.valueOf(name), reason);
        }
    }

    private static String problem(String name, Kind kind) {
        if (name == null) {
            return "name is null";
        }
        if (name.isEmpty() || name.charAt(0) != '/') {
            return "name must start with '/'";
        }
        if (name.length() == 1) {
            return "name must have at least one character after '/'";
        }
        if (name.indexOf('/', 1) >= 0) {
            return "name must not contain '/' after the first character";
        }
        if (name.indexOf('\0') >= 0) {
            return "name must not contain NUL";
        }
        if (name.equals("/.") || name.equals("/..")) {
            return "name must not be '.' or '..'";
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > kind.maxBytes()) {
            return "name is " + bytes + " bytes long, the limit on " + Platform.current().os() + " is "
                    + kind.maxBytes() + " bytes including the leading '/'";
        }
        return null;
    }
}
