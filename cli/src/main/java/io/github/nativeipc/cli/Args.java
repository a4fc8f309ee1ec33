package io.github.nativeipc.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The arguments of one command, parsed against the options it accepts: {@code --name VALUE} or
 * {@code --name=VALUE} for options with a value (the value may start with '-', as in
 * {@code --type -5}), {@code --name} for flags, everything else positional. {@code --} ends the
 * options; a lone {@code -} is a positional (standard input). Every problem is a
 * {@link UsageException} naming the command. Not thread-safe (one command's arguments).
 */
final class Args {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");
    private static final Pattern NEGATIVE_NUMBER = Pattern.compile("-\\d.*");

    private final String command;
    private final Map<String, String> values = new HashMap<>();
    private final List<String> positionals = new ArrayList<>();
    private final java.util.Set<String> flags = new java.util.HashSet<>();

    private Args(String command) {
        this.command = command;
    }

    /**
     * Parses {@code tokens} for {@code command} (such as {@code nipc shm create}).
     *
     * @param withValue options taking a value, without the dashes
     * @param flagNames options without a value
     */
    static Args parse(String command, List<String> tokens, Set<String> withValue, Set<String> flagNames)
            throws UsageException {
        Args a = new Args(command);
        boolean optionsEnded = false;
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (optionsEnded || !t.startsWith("-") || t.equals("-") || NEGATIVE_NUMBER.matcher(t).matches()) {
                a.positionals.add(t);
                continue;
            }
            if (t.equals("--")) {
                optionsEnded = true;
                continue;
            }
            if (!t.startsWith("--")) {
                throw new UsageException(command + ": unknown option " + t);
            }
            String name = t.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (withValue.contains(name)) {
                if (value == null) {
                    if (i + 1 >= tokens.size()) {
                        throw new UsageException(command + ": option --" + name + " needs a value");
                    }
                    value = tokens.get(++i);
                }
                if (a.values.put(name, value) != null) {
                    throw new UsageException(command + ": option --" + name + " given twice");
                }
            } else if (flagNames.contains(name)) {
                if (value != null) {
                    throw new UsageException(command + ": option --" + name + " takes no value");
                }
                a.flags.add(name);
            } else {
                throw new UsageException(command + ": unknown option --" + name);
            }
        }
        return a;
    }

    String command() {
        return command;
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String value(String name) {
        return values.get(name);
    }

    /** Positional {@code index}, which must be there; {@code what} names it in the error (NAME, KEY). */
    String positional(int index, String what) throws UsageException {
        if (index >= positionals.size()) {
            throw new UsageException(command + ": missing " + what);
        }
        return positionals.get(index);
    }

    List<String> positionals() {
        return positionals;
    }

    /** Fails if more than {@code count} positionals were given. */
    void atMost(int count) throws UsageException {
        if (positionals.size() > count) {
            throw new UsageException(command + ": unexpected argument " + positionals.get(count));
        }
    }

    /** A POSIX object name: {@code NAME} or {@code /NAME} (the slash is added when missing). */
    String posixName(int index) throws UsageException {
        String name = positional(index, "NAME");
        if (name.isEmpty()) {
            throw new UsageException(command + ": NAME is empty");
        }
        return name.startsWith("/") ? name : "/" + name;
    }

    /** Option {@code name} as a number within {@code min..max}, or {@code fallback} if absent. */
    long number(String name, long fallback, long min, long max) throws UsageException {
        String v = values.get(name);
        return v == null ? fallback : number("--" + name, v, min, max);
    }

    /** {@code text} (decimal, or hex with 0x) as a number within {@code min..max}. */
    long number(String what, String text, long min, long max) throws UsageException {
        long n;
        try {
            n = parseInteger(text);
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": " + what + " must be a number, not '" + text + "'");
        }
        if (n < min || n > max) {
            String range = min == 0 && n < 0 ? "must not be negative"
                    : max == Long.MAX_VALUE ? "must be at least " + min
                    : "must be within " + min + ".." + max;
            throw new UsageException(command + ": " + what + " " + range + ", not " + text);
        }
        return n;
    }

    private static long parseInteger(String text) {
        String t = text.startsWith("+") ? text.substring(1) : text;
        boolean negative = t.startsWith("-");
        String digits = negative ? t.substring(1) : t;
        long v = digits.startsWith("0x") || digits.startsWith("0X")
                ? Long.parseLong(digits.substring(2), 16) : Long.parseLong(digits);
        return negative ? -v : v;
    }

    /** Option {@code --mode} as octal permission bits, default {@code 0600}. */
    int mode() throws UsageException {
        String v = values.get("mode");
        if (v == null) {
            return 0600;
        }
        try {
            int mode = Integer.parseInt(v, 8);
            if (mode >= 0 && mode <= 0777) {
                return mode;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(command + ": --mode must be octal permission bits within 0..0777, such as 0640, not '" + v + "'");
    }

    /** Option {@code name} as a duration ({@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}, {@code 0}), or null if absent. */
    Duration duration(String name) throws UsageException {
        String v = values.get(name);
        return v == null ? null : parseDuration(command, "--" + name, v);
    }

    static Duration parseDuration(String command, String what, String text) throws UsageException {
        Matcher m = DURATION.matcher(text);
        if (m.matches()) {
            String unit = m.group(2);
            try {
                long n = Long.parseLong(m.group(1));
                if (unit == null) {
                    if (n == 0) {
                        return Duration.ZERO;
                    }
                } else {
                    switch (unit) {
                        case "ms":
                            return Duration.ofMillis(n);
                        case "s":
                            return Duration.ofSeconds(n);
                        case "m":
                            return Duration.ofMinutes(n);
                        default:
                            return Duration.ofHours(n);
                    }
                }
            } catch (NumberFormatException | ArithmeticException e) {
                // reported below
            }
        }
        throw new UsageException(command + ": " + what + " must be a duration such as 500ms, 2s, 1m or 0, not '" + text + "'");
    }
}
