package io.github.nativeipc.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.error.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The command line {@link ChildProcess} gives {@code CreateProcessW}: the C runtime's parser must
 * return exactly the arguments listed. Pure Java: runs on any OS; under Wine,
 * {@code ChildProcessWindowsTest} checks the same against a real child's {@code argv}.
 */
class CommandLineTest {

    @Test
    void writesAPlainArgumentAsItIs() {
        assertEquals("abc", CommandLine.argument("abc"));
        assertEquals("C:\\dir\\file.txt", CommandLine.argument("C:\\dir\\file.txt"));
    }

    @Test
    void quotesAnArgumentWithSpaces() {
        assertEquals("\"a b\"", CommandLine.argument("a b"));
    }

    @Test
    void quotesAnArgumentWithTabsNewlinesAndVerticalTabs() {
        assertEquals("\"a\tb\"", CommandLine.argument("a\tb"));
        assertEquals("\"a\nb\"", CommandLine.argument("a\nb"));
        assertEquals("\"a\u000bb\"", CommandLine.argument("a\u000bb"));
    }

    @Test
    void quotesAnEmptyArgument() {
        assertEquals("\"\"", CommandLine.argument(""));
    }

    @Test
    void escapesAQuoteWithABackslash() {
        assertEquals("\"a\\\"b\"", CommandLine.argument("a\"b"));
    }

    @Test
    void doublesTheBackslashesBeforeAQuoteAndEscapesTheQuote() {
        // a\"b: one backslash, then the quote -> three backslashes and the quote
        assertEquals("\"a\\\\\\\"b\"", CommandLine.argument("a\\\"b"));
    }

    @Test
    void leavesBackslashesNotBeforeAQuoteAlone() {
        assertEquals("\"a\\\\b c\"", CommandLine.argument("a\\\\b c"));
    }

    @Test
    void doublesTrailingBackslashesOfAQuotedArgument() {
        assertEquals("\"C:\\dir with space\\\\\"", CommandLine.argument("C:\\dir with space\\"));
    }

    @Test
    void leavesTrailingBackslashesOfAnUnquotedArgumentAlone() {
        assertEquals("C:\\dir\\", CommandLine.argument("C:\\dir\\"));
    }

    @Test
    void quotesTheProgramOnlyWhenItHasASpaceOrTab() {
        assertEquals("C:\\bin\\x.exe", CommandLine.program("C:\\bin\\x.exe"));
        assertEquals("\"C:\\Program Files\\x.exe\"", CommandLine.program("C:\\Program Files\\x.exe"));
    }

    @Test
    void joinsTheProgramAndTheArgumentsWithSpaces() throws Exception {
        assertEquals("\"C:\\Program Files\\x.exe\" a \"b c\" \"\"", CommandLine.of(List.of("C:\\Program Files\\x.exe", "a", "b c", "")));
    }

    @Test
    void refusesAQuoteInTheProgram() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> CommandLine.of(List.of("a\"b.exe")));
        assertTrue(e.getMessage().contains("double quote"), e.getMessage());
    }

    @Test
    void refusesAnEmptyProgram() {
        assertThrows(InvalidArgumentException.class, () -> CommandLine.of(List.of("")));
    }

    @Test
    void refusesANulInAnArgument() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> CommandLine.of(List.of("x.exe", "a\0b")));
        assertTrue(e.getMessage().contains("argument 1"), e.getMessage());
    }

    @Test
    void refusesACommandLineLongerThanCreateProcessTakes() throws Exception {
        assertEquals(CommandLine.MAX_LENGTH, CommandLine.of(List.of("x", "y".repeat(CommandLine.MAX_LENGTH - 2))).length());
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> CommandLine.of(List.of("x", "y".repeat(CommandLine.MAX_LENGTH - 1))));
        assertTrue(e.getMessage().contains("32766"), e.getMessage());
    }

    @Test
    void theRuntimesParserGivesBackEveryArgumentOfAFixedSet() throws Exception {
        List<String> command = List.of("C:\\Program Files\\x.exe", "", "a b", "a\"b", "a\\b", "trail\\", "trail space\\",
                "\\\"", "\"", "\\\\", "\"quoted\"", "\\\\server\\share", "tab\there", "many   spaces", "ü €");
        assertEquals(command, parse(CommandLine.of(command)));
    }

    @Test
    void theRuntimesParserGivesBackEveryArgumentOfRandomOnes() throws Exception {
        Random random = new Random(20261206);
        char[] alphabet = {'a', 'b', ' ', '\t', '"', '\\', '\\', 'ü', '\n'};
        for (int round = 0; round < 2000; round++) {
            List<String> command = new ArrayList<>();
            command.add("prog.exe");
            int count = random.nextInt(5);
            for (int i = 0; i < count; i++) {
                StringBuilder sb = new StringBuilder();
                int length = random.nextInt(8);
                for (int j = 0; j < length; j++) {
                    sb.append(alphabet[random.nextInt(alphabet.length)]);
                }
                command.add(sb.toString());
            }
            assertEquals(command, parse(CommandLine.of(command)), "round " + round);
        }
    }

    /**
     * The C runtime's parser, as Microsoft documents it ("Parsing C command-line arguments"),
     * written independently of the encoder: the program up to the first space or tab outside
     * quotes, backslashes literal in it; then arguments split at spaces and tabs outside quotes,
     * 2n (2n+1) backslashes before a quote giving n backslashes and a toggle (a literal quote),
     * other backslashes literal, and {@code ""} inside a quoted part giving one literal quote.
     */
    private static List<String> parse(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        StringBuilder program = new StringBuilder();
        boolean quoted = false;
        for (; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == ' ' || c == '\t')) {
                break;
            } else {
                program.append(c);
            }
        }
        out.add(program.toString());
        for (;;) {
            while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            if (i >= line.length()) {
                return out;
            }
            StringBuilder arg = new StringBuilder();
            quoted = false;
            while (i < line.length()) {
                char c = line.charAt(i);
                if (c == '\\') {
                    int n = 0;
                    while (i < line.length() && line.charAt(i) == '\\') {
                        n++;
                        i++;
                    }
                    if (i < line.length() && line.charAt(i) == '"') {
                        arg.append("\\".repeat(n / 2));
                        if (n % 2 == 1) {
                            arg.append('"');
                            i++;
                        }
                    } else {
                        arg.append("\\".repeat(n));
                    }
                } else if (c == '"') {
                    if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        arg.append('"');
                        i += 2;
                    } else {
                        quoted = !quoted;
                        i++;
                    }
                } else if (!quoted && (c == ' ' || c == '\t')) {
                    break;
                } else {
                    arg.append(c);
                    i++;
                }
            }
            out.add(arg.toString());
        }
    }
}
