package io.github.nativeipc.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PlatformTest {
    @Test
    void javaPropertiesMapToPlatforms() {
        assertEquals(Platform.LINUX_X86_64, Platform.detect("Linux", "amd64"));
        assertEquals(Platform.LINUX_AARCH64, Platform.detect("Linux", "aarch64"));
        assertEquals(Platform.DARWIN_AARCH64, Platform.detect("Mac OS X", "aarch64"));
        assertEquals(Platform.DARWIN_X86_64, Platform.detect("Mac OS X", "x86_64"));
        assertEquals(Platform.WINDOWS_X86_64, Platform.detect("Windows 11", "amd64"));
        assertEquals(Platform.UNSUPPORTED, Platform.detect("Linux", "s390x"));
        assertEquals(Platform.UNSUPPORTED, Platform.detect("FreeBSD", "amd64"));
    }

    @Test
    void thisMachineIsDetected() {
        assertEquals(Platform.detect(System.getProperty("os.name"), System.getProperty("os.arch")), Platform.current());
    }
}
