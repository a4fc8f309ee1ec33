package io.github.nativeipc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

class IpcCapabilityTest {

    @Test
    void macOsLacksPosixMessageQueuesAndUnnamedSemaphoresByDesign() {
        assertEquals(Optional.of("POSIX message queues not supported on macOS"),
                IpcCapability.POSIX_MESSAGE_QUEUES.lackedOn(IpcCapability.Os.DARWIN));
        assertEquals(Optional.of("process-shared unnamed POSIX semaphores not supported on macOS"),
                IpcCapability.UNNAMED_SEMAPHORES.lackedOn(IpcCapability.Os.DARWIN));
        assertEquals(Optional.empty(), IpcCapability.POSIX_SHARED_MEMORY.lackedOn(IpcCapability.Os.DARWIN));
    }

    @Test
    void windowsLacksThePosixFacilitiesAndEventFdIsLinuxOnly() {
        assertEquals(Optional.of("POSIX shared memory not supported on Windows"),
                IpcCapability.POSIX_SHARED_MEMORY.lackedOn(IpcCapability.Os.WINDOWS));
        assertEquals(Optional.of("eventfd not supported on macOS"), IpcCapability.EVENTFD.lackedOn(IpcCapability.Os.DARWIN));
    }

    @Test
    void everyFacilityIsThereOnLinuxAsTheProbesFindIt() {
        for (IpcCapability c : IpcCapability.values()) {
            assertEquals(Optional.empty(), c.unsupportedReason(), c.name());
        }
    }

    @RequiresIpc({IpcCapability.POSIX_MESSAGE_QUEUES, IpcCapability.SYSTEM_V_IPC})
    static class NeedsQueues {
        @Test
        void runs() {}
    }

    @Test
    void aTestRequiringWhatTheMachineHasRuns() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(NeedsQueues.class)).execute()
                .testEvents().assertStatistics(s -> s.started(1).succeeded(1).skipped(0));
    }
}
