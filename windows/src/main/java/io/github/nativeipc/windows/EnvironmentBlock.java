package io.github.nativeipc.windows;

import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.InvalidArgumentException;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Windows environment block for {@code CreateProcessW} with {@code CREATE_UNICODE_ENVIRONMENT}:
 * {@code NAME=value} strings, each ended by a NUL, the block ended by one more NUL; sorted by name
 * without regard to case, in code-unit order, without regard to locale, as Windows keeps its own
 * blocks (names are case-insensitive on Windows: {@code Path} and {@code PATH} are one variable).
 *
 * <p>Pure functions; no native call. Thread-safe.
 */
final class EnvironmentBlock {
    private EnvironmentBlock() {}

    /**
     * Names compared as Windows compares them: each UTF-16 unit upper-cased
     * ({@link Character#toUpperCase(char)}), in code-unit order, the shorter name first on a tie.
     */
    static final Comparator<String> NAME_ORDER = (a, b) -> {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = Character.toUpperCase(a.charAt(i));
            char y = Character.toUpperCase(b.charAt(i));
            if (x != y) {
                return x - y;
            }
        }
        return a.length() - b.length();
    };

    /** An empty, mutable environment ordered by {@link #NAME_ORDER}. */
    static TreeMap<String, String> empty() {
        return new TreeMap<>(NAME_ORDER);
    }

    /**
     * A mutable copy of {@code environment} ordered by {@link #NAME_ORDER}.
     *
     * @throws IllegalArgumentException if two names differ only in case (one variable on Windows),
     *         or a name is {@code null}
     */
    static TreeMap<String, String> copyOf(Map<String, String> environment) {
        TreeMap<String, String> copy = empty();
        for (Map.Entry<String, String> e : environment.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException("an environment variable name is null");
            }
            String before = copy.ceilingKey(e.getKey());
            if (before != null && NAME_ORDER.compare(before, e.getKey()) == 0) {
                throw new IllegalArgumentException("environment variables " + before + " and " + e.getKey()
                        + " differ only in case; on Windows they are one variable");
            }
            copy.put(e.getKey(), e.getValue());
        }
        return copy;
    }

    /**
     * The block for {@code environment}: sorted, {@code "A=1\0B=2\0\0"}, or {@code "\0\0"} when it is
     * empty (so that it always ends with two NULs, as the call expects).
     *
     * @throws InvalidArgumentException if a name is empty or has {@code '='} after its first
     *         character (Windows' per-drive {@code =C:} variables start with one), or a name or value
     *         is {@code null} or has a NUL
     */
    static String of(Map<String, String> environment, String program) throws InvalidArgumentException {
        TreeMap<String, String> sorted;
        try {
            sorted = copyOf(environment);
        } catch (IllegalArgumentException e) {
            throw Errors.invalidArgument("CreateProcessW", program, e.getMessage());
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            String name = e.getKey();
            String value = e.getValue();
            if (name.isEmpty() || name.indexOf('=', 1) >= 0 || name.indexOf('\0') >= 0) {
                throw Errors.invalidArgument("CreateProcessW", program, "environment variable name \"" + name
                        + "\" is empty, contains '=' after its first character, or contains NUL");
            }
            if (value == null || value.indexOf('\0') >= 0) {
                throw Errors.invalidArgument("CreateProcessW", program, "environment variable " + name
                        + (value == null ? " has a null value" : " contains NUL in its value"));
            }
            sb.append(name).append('=').append(value).append('\0');
        }
        if (sb.length() == 0) {
            sb.append('\0');
        }
        return sb.append('\0').toString();
    }
}
