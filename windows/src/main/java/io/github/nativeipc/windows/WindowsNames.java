package io.github.nativeipc.windows;

import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.InvalidArgumentException;

/**
 * Validates the names of Windows objects before any call: pipe names {@code \\.\pipe\NAME} and
 * kernel object names {@code Local\NAME} or {@code Global\NAME} (semaphores, events, mutexes,
 * file mappings share one namespace per session). Pure Java: runs on any OS. Thread-safe.
 */
public final class WindowsNames {
    private WindowsNames() {}

    /** The prefix of every local pipe name. */
    public static final String PIPE_PREFIX = "\\\\.\\pipe\\";
    /** At most this many characters in a whole pipe name ({@code CreateNamedPipe}). */
    public static final int MAX_PIPE_NAME = 256;
    /** At most this many characters in a kernel object name ({@code MAX_PATH}). */
    public static final int MAX_OBJECT_NAME = 260;

    /**
     * Checks {@code \\.\pipe\NAME}: the prefix exactly (lower-case {@code pipe} too), then at
     * least one character, none of them a backslash or NUL, 256 characters in all at most.
     *
     * @return {@code name}
     * @throws InvalidArgumentException naming {@code operation} and what is wrong
     */
    public static String pipe(String name, String operation) throws InvalidArgumentException {
        if (name == null) {
            throw Errors.invalidArgument(operation, "null", "a pipe name is required, such as \\\\.\\pipe\\orders");
        }
        if (!name.regionMatches(true, 0, PIPE_PREFIX, 0, PIPE_PREFIX.length())) {
            throw Errors.invalidArgument(operation, name,
                    "a local pipe name starts with \\\\.\\pipe\\ (remote pipes are refused), such as \\\\.\\pipe\\orders");
        }
        String rest = name.substring(PIPE_PREFIX.length());
        checkRest(rest, name, operation, "pipe");
        if (name.length() > MAX_PIPE_NAME) {
            throw Errors.invalidArgument(operation, name, "a pipe name has at most " + MAX_PIPE_NAME
                    + " characters; this one has " + name.length());
        }
        return name;
    }

    /**
     * Checks {@code Local\NAME} or {@code Global\NAME}: the namespace prefix, then at least one
     * character, none a backslash or NUL, 260 characters in all at most.
     *
     * @return {@code name}
     * @throws InvalidArgumentException naming {@code operation} and what is wrong
     */
    public static String kernelObject(String name, String operation) throws InvalidArgumentException {
        if (name == null) {
            throw Errors.invalidArgument(operation, "null", "a name is required, such as Local\\orders");
        }
        String rest;
        if (name.startsWith("Local\\")) {
            rest = name.substring("Local\\".length());
        } else if (name.startsWith("Global\\")) {
            rest = name.substring("Global\\".length());
        } else {
            throw Errors.invalidArgument(operation, name,
                    "a kernel object name starts with Local\\ (this session) or Global\\ (all sessions), such as Local\\orders");
        }
        checkRest(rest, name, operation, "object");
        if (name.length() > MAX_OBJECT_NAME) {
            throw Errors.invalidArgument(operation, name, "a kernel object name has at most " + MAX_OBJECT_NAME
                    + " characters; this one has " + name.length());
        }
        return name;
    }

    private static void checkRest(String rest, String name, String operation, String what) throws InvalidArgumentException {
        if (rest.isEmpty()) {
            throw Errors.invalidArgument(operation, name, "the " + what + " name after the prefix is empty");
        }
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '\\') {
                throw Errors.invalidArgument(operation, name, "the " + what + " name after the prefix may not contain a backslash");
            }
            if (c == 0) {
                throw Errors.invalidArgument(operation, name, "the " + what + " name contains a NUL character");
            }
        }
    }
}
