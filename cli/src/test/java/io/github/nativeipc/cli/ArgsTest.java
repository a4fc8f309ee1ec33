package io.github.nativeipc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgsTest {

    private static Args parse(String... tokens) throws UsageException {
        return Args.parse("nipc t", List.of(tokens), Set.of("size", "type", "timeout"), Set.of("json"));
    }

    @Test
    void durationsTakeMillisecondsSecondsMinutesHoursAndZero() throws Exception {
        assertEquals(Duration.ofMillis(500), Args.parseDuration("c", "--timeout", "500ms"));
        assertEquals(Duration.ofSeconds(2), Args.parseDuration("c", "--timeout", "2s"));
        assertEquals(Duration.ofMinutes(1), Args.parseDuration("c", "--timeout", "1m"));
        assertEquals(Duration.ofHours(3), Args.parseDuration("c", "--timeout", "3h"));
        assertEquals(Duration.ZERO, Args.parseDuration("c", "--timeout", "0"));
    }

    @Test
    void badDurationsAreUsageErrorsNamingTheOption() {
        for (String bad : List.of("5", "5x", "-1s", "", "1.5s", "s", "99999999999999999999m")) {
            UsageException e = assertThrows(UsageException.class, () -> Args.parseDuration("nipc t", "--timeout", bad), bad);
            assertTrue(e.getMessage().contains("--timeout"), e.getMessage());
        }
    }

    @Test
    void optionsTakeTheirValueAfterASpaceOrEqualsEvenWhenItStartsWithADash() throws Exception {
        Args a = parse("NAME", "--size=10", "--type", "-5", "--json", "DATA");
        assertEquals(List.of("NAME", "DATA"), a.positionals());
        assertEquals(10, a.number("size", 0, 0, 100));
        assertEquals(-5, a.number("type", 0, -10, 10));
        assertTrue(a.flag("json"));
    }

    @Test
    void aLoneDashNegativeNumbersAndEverythingAfterDoubleDashArePositional() throws Exception {
        assertEquals(List.of("-", "-3", "--json"), parse("-", "-3", "--", "--json").positionals());
    }

    @Test
    void numbersAreDecimalOrHexAndChecked() throws Exception {
        Args a = parse();
        assertEquals(0x4e0001, a.number("KEY", "0x4e0001", 0, Long.MAX_VALUE));
        assertEquals(-7, a.number("DELTA", "-7", -10, 10));
        assertEquals(7, a.number("DELTA", "+7", -10, 10));
        assertTrue(assertThrows(UsageException.class, () -> a.number("--size", "-5", 0, 100)).getMessage()
                .contains("must not be negative"));
        assertThrows(UsageException.class, () -> a.number("--size", "ten", 0, 100));
        assertThrows(UsageException.class, () -> a.number("--size", "101", 0, 100));
    }

    @Test
    void unknownOptionsMissingValuesAndRepeatsAreUsageErrors() {
        for (List<String> bad : List.of(List.of("--bogus"), List.of("-x"), List.of("--size"), List.of("--json=1"),
                List.of("--size", "1", "--size", "2"))) {
            assertThrows(UsageException.class, () -> parse(bad.toArray(new String[0])), bad.toString());
        }
    }

    @Test
    void namesGetTheirSlashAndModesAreOctal() throws Exception {
        Args a = Args.parse("nipc t", List.of("orders", "--mode", "0640"), Set.of("mode"), Set.of());
        assertEquals("/orders", a.posixName(0));
        assertEquals(0640, a.mode());
        Args bad = Args.parse("nipc t", List.of("--mode", "0800"), Set.of("mode"), Set.of());
        assertThrows(UsageException.class, bad::mode);
        assertThrows(UsageException.class, () -> bad.posixName(0), "missing NAME");
    }

    @Test
    void jsonEscapesWhatItMustAndParsesBack() {
        String text = "q\"b\\s\n\t\u0001é";
        String json = Json.render(Map.of("k", text));
        assertEquals(Map.of("k", text), MiniJson.parse(json));
        assertEquals(List.of(1L, true, "x"), MiniJson.parse(Json.render(List.of(1, true, "x"))));
    }
}
