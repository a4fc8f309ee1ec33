package io.github.nativeipc.it.containers;

import static io.github.nativeipc.it.containers.Peers.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.demo.Messages;
import io.github.nativeipc.error.NotFoundException;
import io.github.nativeipc.posix.NamedSemaphore;
import io.github.nativeipc.posix.PosixMessageQueue;
import io.github.nativeipc.posix.PosixSharedMemory;
import io.github.nativeipc.testing.IpcNames;
import io.github.nativeipc.testing.LeakPolicy;
import io.github.nativeipc.testing.NativeIpcTest;
import io.github.nativeipc.testing.containers.CPeerContainer;
import io.github.nativeipc.testing.containers.IpcContainers;
import io.github.nativeipc.testing.containers.JavaPeerContainer;
import io.github.nativeipc.testing.containers.RequiresDocker;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two containers in one IPC namespace that is not the host's: a JVM using the library
 * ({@code --ipc=shareable}) and a C peer that joins it ({@code --ipc=container:ID}).
 */
@RequiresDocker
@NativeIpcTest(descriptors = LeakPolicy.REPORT)   // the Docker client keeps a pool of connections to the engine
class SharedIpcNamespaceContainerIT {

    @Test
    void aJvmInOneContainerAndACPeerInAnotherExchangeThroughPosixQueuesTheHostCannotSee(IpcNames names) throws Exception {
        String req = names.messageQueue("req");
        String resp = names.messageQueue("resp");
        int count = 300;
        try (JavaPeerContainer jvm = IpcContainers.shareable(Peers.java("mq-client", req, resp, String.valueOf(count)));
                CPeerContainer c = IpcContainers.joinIpcOf(Peers.c("mq_peer", "echo", req, resp, String.valueOf(count)), jvm)) {
            jvm.start();
            String namespace = jvm.nextLine(TIMEOUT);
            assertTrue(namespace.startsWith("namespace ipc:["), namespace);
            assertNotEquals("namespace " + IpcContainers.ipcNamespace(), namespace, "the JVM's container has a namespace of its own");
            assertEquals("ready", jvm.nextLine(TIMEOUT));
            assertThrows(NotFoundException.class, () -> PosixMessageQueue.open(req), "the host does not see the queue");

            c.start();
            assertEquals(List.of("done " + count), c.awaitSuccess(TIMEOUT));
            assertEquals(List.of("first reply " + Messages.cReply("from the jvm 0"), "replies " + count), jvm.awaitSuccess(TIMEOUT));
        }
    }

    @Test
    void aJvmInOneContainerAndACPeerInAnotherExchangeThroughSharedMemoryAndNamedSemaphores(IpcNames names) throws Exception {
        String shm = names.sharedMemory("xchg");
        String req = names.semaphore("req");
        String resp = names.semaphore("resp");
        int count = 300;
        try (JavaPeerContainer jvm = IpcContainers.shareable(Peers.java("shm-client", shm, req, resp, String.valueOf(count)));
                CPeerContainer c = IpcContainers.joinIpcOf(
                        Peers.c("shm_peer", "echo-named", shm, req, resp, String.valueOf(count)), jvm)) {
            jvm.start();
            assertNotEquals("namespace " + IpcContainers.ipcNamespace(), jvm.nextLine(TIMEOUT));
            assertEquals("ready", jvm.nextLine(TIMEOUT));
            assertThrows(NotFoundException.class, () -> PosixSharedMemory.open(shm), "the host does not see the object");
            assertThrows(NotFoundException.class, () -> NamedSemaphore.open(req), "nor the semaphore");

            c.start();
            assertEquals(List.of("done " + count), c.awaitSuccess(TIMEOUT));
            assertEquals(List.of("first reply " + Messages.cReply("jvm to c 0"), "replies " + count), jvm.awaitSuccess(TIMEOUT));
        }
    }
}
