package io.github.nativeipc;

import io.github.nativeipc.windows.WineRunTest;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Runs this module's spec tests ({@code SharedMemoryTest}, {@code NamedSemaphoreTest},
 * {@code LocalSocketTest}, ...) once more, under Wine with a Windows JRE, where the facade picks
 * its Windows backends: one specification, checked against both. Each Windows test case is
 * reported here with its real outcome (see {@link WineRunTest}).
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "on Windows the spec tests run directly")
class FacadeUnderWineTest extends WineRunTest {
}
