package io.github.nativeipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.posix.MemFd;
import io.github.nativeipc.posix.PosixSharedMemory;
import org.junit.jupiter.api.Test;

/** What the probe says agrees with what the kernel does. */
class CapabilitiesTest {
    private final Capabilities caps = Capabilities.current();

    @Test
    void everyCapabilityIsEitherSupportedOrHasAReason() {
        for (Capability c : Capability.values()) {
            assertEquals(caps.has(c), caps.whyNot(c).isEmpty(), c.toString());
        }
    }

    @Test
    void eachOsHasItsOwnFacilitiesAndNotTheOthers() {
        boolean windows = caps.platform().os() == io.github.nativeipc.bindings.Platform.Os.WINDOWS;
        assertEquals(windows, caps.has(Capability.WINDOWS_NAMED_PIPES));
        assertEquals(windows, caps.has(Capability.WINDOWS_FILE_MAPPINGS));
        assertEquals(!windows, caps.has(Capability.UNIX_SOCKETS));
        assertEquals(!windows, caps.has(Capability.POSIX_SHARED_MEMORY));
        if (windows) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(io.github.nativeipc.error.NotSupportedException.class,
                    () -> caps.require(Capability.POSIX_MESSAGE_QUEUES, "mq_open", "/q"));
            assertTrue(e.getMessage().contains("POSIX message queues"), e.getMessage());
        }
    }

    @Test
    @org.junit.jupiter.api.condition.DisabledOnOs(value = org.junit.jupiter.api.condition.OS.WINDOWS, disabledReason = "POSIX probe")
    void sharedMemoryIsSupportedExactlyWhenAnObjectCanBeMade() throws Exception {
        boolean works;
        String name = "/nipc-t" + ProcessHandle.current().pid() + "-caps";
        try (PosixSharedMemory shm = PosixSharedMemory.create(name, 16)) {
            shm.unlink();
            works = true;
        } catch (Exception e) {
            works = false;
        }
        assertEquals(works, caps.has(Capability.POSIX_SHARED_MEMORY));
    }

    @Test
    @org.junit.jupiter.api.condition.DisabledOnOs(value = org.junit.jupiter.api.condition.OS.WINDOWS, disabledReason = "Linux probe")
    void memfdIsSupportedExactlyWhenOneCanBeMade() {
        boolean works;
        try (MemFd m = MemFd.create("caps-test", 0)) {
            works = true;
        } catch (Exception e) {
            works = false;
        }
        assertEquals(works, caps.has(Capability.MEMFD));
    }

    @Test
    void onLinuxTheLimitsAreRead() {
        if (caps.platform().isLinux()) {
            assertTrue(caps.sharedMemorySpace().orElseThrow().total() > 0);
            assertTrue(caps.messageQueueLimits().orElseThrow().msgMax() > 0);
        }
    }
}
