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
