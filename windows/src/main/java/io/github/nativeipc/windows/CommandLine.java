package io.github.nativeipc.windows;

import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.InvalidArgumentException;
import java.util.List;

/**
 * A Windows command line from a list of arguments: the one string {@code CreateProcessW} takes,
 * written so that the Microsoft C runtime's parser (the one that fills {@code argv} in a program
 * built with MSVC or mingw, and {@code CommandLineToArgvW}) gives back exactly the list.
 *
 * <h2>The rules it inverts</h2>
 * <ul>
 * <li>Arguments are separated by spaces or tabs; a double quote starts or ends a quoted part, in
 *     which spaces and tabs are kept.</li>
 * <li>{@code 2n} backslashes followed by a quote are {@code n} backslashes and the quote toggles
 *     quoting; {@code 2n+1} backslashes followed by a quote are {@code n} backslashes and a literal
 *     quote; backslashes not followed by a quote are literal.</li>
 * <li>The program (argument 0) is parsed differently, by {@code CreateProcessW} and the runtime
 *     alike: it runs to the first space or tab outside quotes, and backslashes are literal in it. A
 *     quote cannot be written in it at all (nor can one be in a Windows file name).</li>
 * </ul>
 * So an argument that is not empty and has no space, tab, newline, vertical tab or quote is
 * written as it is; any other is quoted, with each run of backslashes doubled where it comes
 * before a quote (the argument's own, escaped as {@code \"}, or the closing one) and left alone
 * elsewhere. The program is quoted when it has a space or tab.
 *
 * <p>Pure functions; no native call. Thread-safe.
 */
final class CommandLine {
    private CommandLine() {}

    /** The longest command line {@code CreateProcessW} takes, in UTF-16 units, without its terminating NUL. */
    static final int MAX_LENGTH = 32766;

    /**
     * The command line for {@code command} (the program, then its arguments).
     *
     * @throws InvalidArgumentException if the program is empty or has a quote, if a string has a
     *         NUL, or if the line is longer than {@code CreateProcessW} takes (32,766 characters)
     */
    static String of(List<String> command) throws InvalidArgumentException {
        String program = command.get(0);
        String operation = "CreateProcessW";
        if (program.isEmpty()) {
            throw Errors.invalidArgument(operation, "\"\"", "the program name is empty");
        }
        if (program.indexOf('"') >= 0) {
            throw Errors.invalidArgument(operation, program,
                    "the program name contains a double quote, which no Windows file name has and no command line can carry");
        }
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < command.size(); i++) {
            String s = command.get(i);
            if (s.indexOf('\0') >= 0) {
                throw Errors.invalidArgument(operation, program, "argument " + i + " contains a NUL character");
            }
            if (i > 0) {
                line.append(' ');
            }
            line.append(i == 0 ? program(s) : argument(s));
        }
        if (line.length() > MAX_LENGTH) {
            throw Errors.invalidArgument(operation, program, "the command line is " + line.length()
                    + " characters long; CreateProcessW takes at most " + MAX_LENGTH);
        }
        return line.toString();
    }

    /** The program as the first token: quoted if it has a space or tab (it has no quote; see {@link #of}). */
    static String program(String program) {
        return program.indexOf(' ') >= 0 || program.indexOf('\t') >= 0 ? '"' + program + '"' : program;
    }

    /** One argument after the program, written so that the runtime's parser returns it unchanged. */
    static String argument(String argument) {
        if (!argument.isEmpty() && !needsQuotes(argument)) {
            return argument;
        }
        StringBuilder sb = new StringBuilder(argument.length() + 8).append('"');
        int backslashes = 0;
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (c == '\\') {
                backslashes++;
                continue;
            }
            if (c == '"') {
                backslashes(sb, 2 * backslashes + 1);   // the run doubled, and one more for the quote itself
            } else {
                backslashes(sb, backslashes);           // not before a quote: literal as they are
            }
            sb.append(c);
            backslashes = 0;
        }
        backslashes(sb, 2 * backslashes);               // before the closing quote: doubled
        return sb.append('"').toString();
    }

    private static boolean needsQuotes(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '"') {
                return true;
            }
        }
        return false;
    }

    private static void backslashes(StringBuilder sb, int n) {
        for (int i = 0; i < n; i++) {
            sb.append('\\');
        }
    }
}
