package io.github.nativeipc.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.error.InvalidArgumentException;
import org.junit.jupiter.api.Test;

/** Names are checked before any call, on any OS. */
class WindowsNamesTest {

    @Test
    void acceptsALocalPipeName() throws Exception {
        assertEquals("\\\\.\\pipe\\orders", WindowsNames.pipe("\\\\.\\pipe\\orders", "CreateNamedPipeW"));
        assertEquals("\\\\.\\PIPE\\a b.c-1", WindowsNames.pipe("\\\\.\\PIPE\\a b.c-1", "CreateNamedPipeW"));
    }

    @Test
    void refusesAPipeNameWithoutThePrefixNamingTheOperation() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> WindowsNames.pipe("orders", "CreateNamedPipeW"));
        assertTrue(e.getMessage().startsWith("CreateNamedPipeW: "), e.getMessage());
        assertTrue(e.getMessage().contains("\\\\.\\pipe\\"), e.getMessage());
        assertEquals("orders", e.object());
    }

    @Test
    void refusesARemotePipeName() {
        assertThrows(InvalidArgumentException.class, () -> WindowsNames.pipe("\\\\server\\pipe\\orders", "op"));
    }

    @Test
    void refusesAnEmptyPipeNameAfterThePrefix() {
        assertThrows(InvalidArgumentException.class, () -> WindowsNames.pipe("\\\\.\\pipe\\", "op"));
    }

    @Test
    void refusesABackslashOrNulInsideAPipeName() {
        assertThrows(InvalidArgumentException.class, () -> WindowsNames.pipe("\\\\.\\pipe\\a\\b", "op"));
        assertThrows(InvalidArgumentException.class, () -> WindowsNames.pipe("\\\\.\\pipe\\a\0b", "op"));
    }

    @Test
    void refusesAPipeNameLongerThan256Characters() {
        String ok = "\\\\.\\pipe\\" + "x".repeat(WindowsNames.MAX_PIPE_NAME - 9);
        assertEquals(256, ok.length());
        assertThrows(InvalidArgumentException.class, () -> WindowsNames.pipe(ok + "x", "op"));
        assertTrue(assertDoesNotThrow(ok));
    }

    private static boolean assertDoesNotThrow(String pipe) {
        try {
            WindowsNames.pipe(pipe, "op");
            return true;
        } catch (InvalidArgumentException e) {
            return false;
        }
    }

    @Test
    void acceptsLocalAndGlobalObjectNames() throws Exception {
        assertEquals("Local\\orders", WindowsNames.kernelObject("Local\\orders", "CreateEventW"));
        assertEquals("Global\\orders", WindowsNames.kernelObject("Global\\orders", "CreateEventW"));
    }

    @Test
    void refusesAnObjectNameWithoutNamespace() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> WindowsNames.kernelObject("orders", "CreateSemaphoreW"));
        assertTrue(e.getMessage().contains("Local\\"), e.getMessage());
    }

    @Test
    void refusesAnObjectNameWithAnotherBackslashOrEmpty() {
        assertThrows(InvalidArgumentException.class, () -> WindowsNames.kernelObject("Local\\a\\b", "op"));
        assertThrows(InvalidArgumentException.class, () -> WindowsNames.kernelObject("Global\\", "op"));
        assertThrows(InvalidArgumentException.class, () -> WindowsNames.kernelObject(null, "op"));
    }

    @Test
    void refusesAnObjectNameLongerThanMaxPath() {
        assertThrows(InvalidArgumentException.class,
                () -> WindowsNames.kernelObject("Local\\" + "x".repeat(WindowsNames.MAX_OBJECT_NAME), "op"));
    }
}
