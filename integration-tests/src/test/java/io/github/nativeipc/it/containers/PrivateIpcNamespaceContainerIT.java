package io.github.nativeipc.it.containers;

import static io.github.nativeipc.it.containers.Peers.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.posix.MessageQueueAttributes;
import io.github.nativeipc.posix.NamedSemaphore;
import io.github.nativeipc.posix.PosixMessageQueue;
import io.github.nativeipc.posix.PosixSharedMemory;
import io.github.nativeipc.posix.SysVKey;
import io.github.nativeipc.posix.SysVMessageQueue;
import io.github.nativeipc.testing.IpcNames;
import io.github.nativeipc.testing.LeakPolicy;
import io.github.nativeipc.testing.NativeIpcTest;
import io.github.nativeipc.testing.containers.IpcContainers;
import io.github.nativeipc.testing.containers.JavaPeerContainer;
import io.github.nativeipc.testing.containers.RequiresDocker;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A container with an IPC namespace of its own sees none of the host's objects, and says so with typed errors. */
@RequiresDocker
@NativeIpcTest(descriptors = LeakPolicy.REPORT)   // the Docker client keeps a pool of connections to the engine
class PrivateIpcNamespaceContainerIT {

    @Test
    void theLibraryInAPrivateNamespaceFindsNoneOfTheHostsObjectsAndThrowsNotFound(IpcNames names) throws Exception {
        String shmName = names.sharedMemory("hidden");
        String semName = names.semaphore("hidden");
        String mqName = names.messageQueue("hidden");
        SysVKey key = names.sysvKey();
        try (PosixSharedMemory shm = PosixSharedMemory.create(shmName, 4096);
                NamedSemaphore sem = NamedSemaphore.create(semName, 1);
                PosixMessageQueue mq = PosixMessageQueue.create(mqName, MessageQueueAttributes.of(1, 16));
                SysVMessageQueue msg = SysVMessageQueue.create(key);
                JavaPeerContainer jvm = IpcContainers.privateIpc(Peers.java("open", shmName, semName, mqName, key.toString()))) {
            jvm.start();
            List<String> seen = jvm.awaitSuccess(TIMEOUT);
            assertEquals(4, seen.size(), seen.toString());
            assertEquals(List.of("shm", "sem", "mq", "sysv-msg"), seen.stream().map(l -> l.substring(0, l.indexOf(' '))).toList());
            for (String line : seen) {
                assertTrue(line.matches("\\S+ NotFoundException: .*ENOENT \\(2\\).*"), line);
            }
            assertTrue(seen.get(0).contains("shm_open(\"" + shmName + "\""), seen.get(0));
            assertTrue(seen.get(3).contains(key.toString()), seen.get(3));
        }
    }

    @Test
    void theSameJvmCodeWithTheHostsNamespaceOpensEveryObject(IpcNames names) throws Exception {
        String shmName = names.sharedMemory("shown");
        String semName = names.semaphore("shown");
        String mqName = names.messageQueue("shown");
        SysVKey key = names.sysvKey();
        try (PosixSharedMemory shm = PosixSharedMemory.create(shmName, 4096);
                NamedSemaphore sem = NamedSemaphore.create(semName, 1);
                PosixMessageQueue mq = PosixMessageQueue.create(mqName, MessageQueueAttributes.of(1, 16));
                SysVMessageQueue msg = SysVMessageQueue.create(key);
                JavaPeerContainer jvm = IpcContainers.shareHostIpc(Peers.java("open", shmName, semName, mqName, key.toString()))) {
            jvm.start();
            assertEquals(List.of("shm OK", "sem OK", "mq OK", "sysv-msg OK"), jvm.awaitSuccess(TIMEOUT));
        }
    }
}
