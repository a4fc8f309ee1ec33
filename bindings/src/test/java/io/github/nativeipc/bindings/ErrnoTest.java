package io.github.nativeipc.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ErrnoTest {
    @Test
    void valuesAreUniquePerPlatform() {
        Set<Integer> linux = new HashSet<>();
        Set<Integer> darwin = new HashSet<>();
        for (Errno e : Errno.values()) {
            assertEquals(true, linux.add(e.linuxValue()), e + " linux");
            assertEquals(true, darwin.add(e.darwinValue()), e + " darwin");
        }
    }

    @Test
    void numbersMapBackToNames() {
        for (Errno e : Errno.values()) {
            assertEquals(e, Errno.of(e.value()));
            assertEquals(e.name(), Errno.nameOf(e.value()));
        }
        assertNull(Errno.of(-5));
        assertEquals("errno -5", Errno.nameOf(-5));
    }
}
