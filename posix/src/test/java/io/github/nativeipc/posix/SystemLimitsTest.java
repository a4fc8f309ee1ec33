package io.github.nativeipc.posix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.bindings.Platform;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class SystemLimitsTest {

    @Test
    void parsesUnsignedNumbersClampingThoseNear2To64() {
        assertEquals(10, ProcSys.parseUnsigned("10"));
        assertEquals(Long.MAX_VALUE, ProcSys.parseUnsigned("18446744073692774399"));
        assertEquals(-1, ProcSys.parseUnsigned("unknown"));
    }

    @Test
    void splitsTheFourSemFields() {
        assertArrayEquals(new long[] {32000, 1024000000, 500, 32000}, SystemLimits.semFields("32000\t1024000000\t500\t32000\n"));
        assertArrayEquals(new long[] {-1, -1, -1, -1}, SystemLimits.semFields("unknown"));
    }

    @Test
    void readsTheLimitsTheErrorMessagesName() {
        Assumptions.assumeTrue(Platform.current().isLinux(), "the /proc/sys limits are Linux's");
        SystemLimits.MessageQueueLimits mq = SystemLimits.messageQueues();
        assertEquals(Long.parseLong(ProcSys.read("fs/mqueue/msg_max")), mq.msgMax());
        assertEquals(Long.parseLong(ProcSys.read("fs/mqueue/msgsize_max")), mq.msgsizeMax());
        assertTrue(mq.queuesMax() > 0 && mq.msgDefault() > 0 && mq.msgsizeDefault() > 0);

        SystemLimits.SysVLimits sysv = SystemLimits.sysV();
        assertEquals(Long.parseLong(ProcSys.read("kernel/msgmax")), sysv.msgmax());
        assertTrue(sysv.shmmax() > 0 && sysv.shmall() > 0 && sysv.shmmni() > 0 && sysv.msgmnb() > 0 && sysv.msgmni() > 0);
        assertTrue(sysv.semmsl() > 0 && sysv.semmns() > 0 && sysv.semopm() > 0 && sysv.semmni() > 0);
    }

    @Test
    void readsRlimitMsgqueueThroughGetrlimit() {
        SystemLimits.ResourceLimit r = SystemLimits.messageQueueBytes();
        assertTrue(r.soft() >= 0 && r.hard() >= r.soft(), r.toString());
    }

    @Test
    void environmentFactsAreReadable() {
        Assumptions.assumeTrue(Platform.current().isLinux(), "Linux facts");
        assertTrue(IpcEnvironment.ipcNamespace().orElseThrow().startsWith("ipc:["));
        assertTrue(IpcEnvironment.platform().startsWith("linux "), IpcEnvironment.platform());
        IpcEnvironment.Space shm = IpcEnvironment.sharedMemorySpace().orElseThrow();
        assertTrue(shm.total() > 0 && shm.free() <= shm.total(), shm.toString());
        IpcEnvironment.Support s = IpcEnvironment.support();
        assertTrue(s.posixSharedMemory() && s.posixMessageQueues() && s.sysV(), s.toString());
    }

    @Test
    void recognisesContainerRuntimesInCgroupText() {
        assertEquals(Optional.of("/proc/1/cgroup names docker"),
                IpcEnvironment.containerInCgroup("12:memory:/docker/0123abcd\n"));
        assertEquals(Optional.of("/proc/1/cgroup names kubepods"),
                IpcEnvironment.containerInCgroup("0::/kubepods/besteffort/pod1\n"));
        assertEquals(Optional.empty(), IpcEnvironment.containerInCgroup("0::/\n9:name=systemd:/\n"));
    }
}
