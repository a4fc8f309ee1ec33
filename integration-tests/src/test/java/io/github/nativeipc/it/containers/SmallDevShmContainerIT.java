package io.github.nativeipc.it.containers;

import static io.github.nativeipc.it.containers.Peers.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.testing.IpcNames;
import io.github.nativeipc.testing.LeakPolicy;
import io.github.nativeipc.testing.NativeIpcTest;
import io.github.nativeipc.testing.containers.IpcContainers;
import io.github.nativeipc.testing.containers.JavaPeerContainer;
import io.github.nativeipc.testing.containers.RequiresDocker;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A container whose {@code /dev/shm} is 1 MB ({@code --shm-size=1m}) and an 8 MiB object in it:
 * creating succeeds (the size is only a number until pages are touched), reserving the pages is a
 * typed {@code LimitReachedException} (ENOSPC), and touching them is a typed
 * {@code MappingFaultException}, with the JVM still alive afterwards.
 */
@RequiresDocker
@NativeIpcTest(descriptors = LeakPolicy.REPORT)   // the Docker client keeps a pool of connections to the engine
class SmallDevShmContainerIT {
    private static final long ONE_MB = 1_000_000;
    private static final long SIZE = 8L << 20;

    @Test
    void anObjectLargerThanDevShmIsATypedErrorWhenReservedOrTouchedNotACrash(IpcNames names) throws Exception {
        String name = names.sharedMemory("big");
        try (JavaPeerContainer jvm = IpcContainers.privateIpc(Peers.java("small-shm", name, String.valueOf(SIZE)))
                .withSharedMemorySize(ONE_MB)) {
            jvm.start();
            List<String> seen = jvm.awaitSuccess(TIMEOUT);
            System.out.println("the JVM in the container saw: " + seen);
            assertEquals(4, seen.size(), seen.toString());
            assertEquals("created " + SIZE, seen.get(0));
            assertTrue(seen.get(1).startsWith("allocate LimitReachedException: fallocate("), seen.get(1));
            assertTrue(seen.get(1).contains("ENOSPC (28)"), seen.get(1));
            assertTrue(seen.get(1).contains("the file system holding " + name + " cannot back " + SIZE + " bytes"), seen.get(1));
            assertTrue(seen.get(1).contains("--shm-size"), seen.get(1));
            assertTrue(seen.get(2).startsWith("touch MappingFaultException: access at offset "), seen.get(2));
            assertTrue(seen.get(2).contains(" of " + name + " faulted (SIGBUS) although the object still has " + SIZE + " bytes"),
                    seen.get(2));
            assertEquals("alive", seen.get(3));
        }
    }

    @Test
    void anObjectThatFitsIsReservedAndFilled(IpcNames names) throws Exception {
        try (JavaPeerContainer jvm = IpcContainers.privateIpc(Peers.java("small-shm", names.sharedMemory("small"), String.valueOf(SIZE / 2)))
                .withSharedMemorySize(2 * SIZE)) {
            jvm.start();
            assertEquals(List.of("created " + SIZE / 2, "allocate OK", "touch OK", "alive"), jvm.awaitSuccess(TIMEOUT));
        }
    }
}
