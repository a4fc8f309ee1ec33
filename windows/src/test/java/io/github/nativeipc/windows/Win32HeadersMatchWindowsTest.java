package io.github.nativeipc.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.bindings.windows.Win32Constants;
import io.github.nativeipc.bindings.windows.Win32Error;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every constant and struct offset the Windows bindings hard-code ({@link Win32Constants}) and every
 * code of {@link Win32Error} equals what the mingw-w64 headers say, printed by the C peer
 * ({@code win_peer constants}). Runs under Wine.
 */
class Win32HeadersMatchWindowsTest {

    private static Map<String, Long> fromHeaders() throws Exception {
        Map<String, Long> values = new HashMap<>();
        for (String line : WinPeer.run("constants").split("\n")) {
            String[] f = line.trim().split(" ");
            values.put(f[0], Long.parseLong(f[1]));
        }
        return values;
    }

    @Test
    void win32ConstantsMatchTheHeaders() throws Exception {
        Map<String, Long> headers = fromHeaders();
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Field f : Win32Constants.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            Long expected = headers.get(f.getName());
            assertTrue(expected != null, "the C peer does not print " + f.getName());
            long actual = f.getType() == int.class ? f.getInt(null) : f.getLong(null);
            if (actual != expected) {
                wrong.add(f.getName() + ": bindings " + actual + ", headers " + expected);
            }
            checked++;
        }
        assertEquals(List.of(), wrong);
        assertTrue(checked > 50, "checked " + checked);
    }

    @Test
    void win32ErrorCodesMatchTheHeaders() throws Exception {
        Map<String, Long> headers = fromHeaders();
        for (Win32Error e : Win32Error.values()) {
            assertEquals(headers.get(e.name()), Long.valueOf(e.code()), e.name());
        }
    }
}
