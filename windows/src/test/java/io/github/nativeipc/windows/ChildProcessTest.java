package io.github.nativeipc.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@link ChildProcess} decides before any call. Pure Java: runs on any OS (Wine accepts a
 * handle listed twice, so only this test sees that none is; Windows refuses such a list).
 */
class ChildProcessTest {

    @Test
    void listsAHandleGivenSeveralTimesOnce() {
        assertEquals(List.of(8L, 12L, 16L, 20L), ChildProcess.Builder.listOnce(new long[] {8, 12, 12}, List.of(16L, 12L, 8L, 20L)));
    }

    @Test
    void anEmptyCommandIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ChildProcess.builder(List.of()));
    }

    @Test
    void aNullArgumentIsRefused() {
        assertThrows(NullPointerException.class, () -> ChildProcess.builder("x.exe", "a", null));
    }
}
