package io.github.nativeipc.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.error.InvalidArgumentException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The environment block {@link ChildProcess} gives {@code CreateProcessW}: sorted by name without
 * regard to case, NUL-separated, ended by two NULs. Pure Java: runs on any OS.
 */
class EnvironmentBlockTest {

    @Test
    void sortsNamesWithoutRegardToCaseInCodeUnitOrder() throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("b", "1");
        env.put("_X", "2");      // '_' comes after the upper-case letters
        env.put("A", "3");
        env.put("a_", "4");      // the shorter name first
        env.put("=C:", "C:\\");  // a per-drive directory variable: '=' comes before the letters
        env.put("Path", "5");
        assertEquals("=C:=C:\\\0A=3\0a_=4\0b=1\0Path=5\0_X=2\0\0", EnvironmentBlock.of(env, "p"));
    }

    @Test
    void anEmptyEnvironmentIsTwoNuls() throws Exception {
        assertEquals("\0\0", EnvironmentBlock.of(Map.of(), "p"));
    }

    @Test
    void aNameSetAgainInAnotherCaseIsOneVariable() throws Exception {
        TreeMap<String, String> env = EnvironmentBlock.empty();
        env.put("Path", "old");
        env.put("PATH", "new");
        assertEquals("Path=new\0\0", EnvironmentBlock.of(env, "p"));
    }

    @Test
    void aCopyRefusesNamesThatDifferOnlyInCase() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("Path", "a");
        env.put("PATH", "b");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EnvironmentBlock.copyOf(env));
        assertTrue(e.getMessage().contains("Path") && e.getMessage().contains("PATH"), e.getMessage());
    }

    @Test
    void refusesAnEqualsSignInsideAName() {
        assertThrows(InvalidArgumentException.class, () -> EnvironmentBlock.of(Map.of("A=B", "1"), "p"));
    }

    @Test
    void refusesAnEmptyName() {
        assertThrows(InvalidArgumentException.class, () -> EnvironmentBlock.of(Map.of("", "1"), "p"));
    }

    @Test
    void refusesANulInAValue() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> EnvironmentBlock.of(Map.of("A", "x\0y"), "p"));
        assertTrue(e.getMessage().contains("NUL"), e.getMessage());
    }
}
