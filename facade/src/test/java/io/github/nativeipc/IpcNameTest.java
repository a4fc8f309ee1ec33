package io.github.nativeipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.error.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class IpcNameTest {
    @Test
    void aPortableNameMapsToEachNamespace() throws Exception {
        IpcName n = IpcName.of("orders-1.v2_x");
        assertEquals("/orders-1.v2_x", n.posixName());
        assertEquals("Local\\orders-1.v2_x", n.windowsName());
        assertEquals("\\\\.\\pipe\\orders-1.v2_x", n.windowsPipeName());
    }

    @Test
    void namesOutsideTheRulesAreRefusedBeforeAnyCall() {
        for (String bad : new String[] {"", "a/b", "a\\b", ".hidden", "-opt", "spa ce", "é", "x".repeat(31), "c:d", "*"}) {
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> IpcName.of(bad), bad);
            assertEquals(0, e.errno());
        }
        assertEquals(30, assertDoesNotThrow("x".repeat(30)).value().length());
    }

    private static IpcName assertDoesNotThrow(String name) {
        try {
            return IpcName.of(name);
        } catch (Exception e) {
            throw new AssertionError(name + " refused", e);
        }
    }

    @Test
    void aPerUserNameCarriesTheUserIdOnPosixAndIsUnchangedOnWindows() throws Exception {
        IpcName n = IpcName.perUser("cache");
        if (io.github.nativeipc.bindings.Platform.current().os() == io.github.nativeipc.bindings.Platform.Os.WINDOWS) {
            assertEquals("cache", n.value(), "Local\\ is private to the logon session already");
        } else {
            assertEquals("cache.u" + io.github.nativeipc.bindings.Native.libc().geteuid(), n.value());
            assertTrue(n.posixName().startsWith("/cache.u"));
        }
    }
}
