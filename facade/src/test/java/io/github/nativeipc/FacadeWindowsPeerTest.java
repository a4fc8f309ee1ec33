package io.github.nativeipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.memory.MappedMemory;
import io.github.nativeipc.windows.WinPeer;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * On Windows (run under Wine by {@link FacadeUnderWineTest}): the facade's objects reached by a C
 * program (mingw-w64, {@code windows/src/test/c/win_peer.c}) through plain Win32 calls on the names
 * {@link IpcName} documents. No private protocol in between.
 */
@EnabledOnOs(OS.WINDOWS)
class FacadeWindowsPeerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void aCReleaseOnTheLocalNameIsTakenByTheFacadesSemaphore() throws Exception {
        IpcName name = SharedMemoryTest.uniqueName();
        try (NamedSemaphore s = NamedSemaphore.create(name, 0)) {
            WinPeer.run("sem-release", name.windowsName(), "2");
            assertTrue(s.tryAcquire(TIMEOUT));
            assertTrue(s.tryAcquire(TIMEOUT));
            assertTrue(!s.tryAcquire(), "exactly the two C released");
        }
    }

    @Test
    void aCClientWritesToTheFacadesLocalServerThroughItsPipeName() throws Exception {
        IpcName name = SharedMemoryTest.uniqueName();
        int bytes = 100_000;
        try (LocalServer server = LocalServer.bind(name); WinPeer peer = WinPeer.start("pipe-byte-source", name.windowsPipeName(),
                String.valueOf(bytes)); LocalSocket client = server.accept(TIMEOUT)) {
            assertTrue(client.peer().pid() > 0);
            ByteBuffer b = ByteBuffer.allocateDirect(64 * 1024);
            long i = 0;
            for (int n; (n = client.read(b.clear())) >= 0; ) {
                for (int j = 0; j < n; j++, i++) {
                    assertEquals((byte) ((i * 131 + 7) ^ (i >> 8)), b.get(j), "byte " + i);
                }
            }
            assertEquals(bytes, i);
            peer.finish();
        }
    }

    @Test
    void aCMessageModeClientExchangesThreeWholeMessagesEachWayWithTheFacadesMessageServer() throws Exception {
        IpcName name = SharedMemoryTest.uniqueName();
        int[] sizes = {1, 1000, 50_000};
        try (MessageServer server = MessageServer.bind(name);
                WinPeer peer = WinPeer.start("pipe-msg-client", name.windowsPipeName());
                MessageChannel channel = server.accept(TIMEOUT)) {
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                ByteBuffer m = WinPeer.patterned(sizes[i], i);
                expected.append(String.format("message %d: %d bytes, fnv %016x%n", i, sizes[i], WinPeer.fnv(WinPeer.FNV_START, m)));
                channel.send(m);
            }
            ByteBuffer in = ByteBuffer.allocateDirect(100_000);
            int[] cSizes = {3, 3000, 30_000};
            for (int i = 0; i < 3; i++) {
                in.clear();
                assertEquals(cSizes[i], channel.receive(in), "message " + i + " arrives whole and alone");
                for (int j = 0; j < cSizes[i]; j++) {
                    assertEquals(WinPeer.pattern(j, 100 + i), in.get(j), "message " + i + " byte " + j);
                }
            }
            assertEquals(expected.toString().replace("\r", ""), peer.finish());
            in.clear();
            assertEquals(-1, channel.receive(in), "the C client closed its end");
        }
    }

    @Test
    void theFacadesSharedMemoryIsTheFileMappingCOpensByName() throws Exception {
        IpcName name = SharedMemoryTest.uniqueName();
        try (SharedMemory shm = SharedMemory.create(name, 4096); MappedMemory mem = shm.map()) {
            assertEquals(4096, shm.size());
            // The C peer's "mapping" protocol: text at 0, its reply at 256, a barrier at 512, a counter at 1024.
            byte[] text = "from the facade".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            mem.slice(0, text.length + 1).put(text).put((byte) 0);
            try (WinPeer peer = WinPeer.start("mapping", name.windowsName(), "4096", "1000")) {
                mem.getAndAddInt(512, 1);   // Java's arrival at the barrier (a LONG, InterlockedIncrement in C)
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                while (mem.getIntAcquire(512) < 2 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                for (int i = 0; i < 1000; i++) {
                    mem.getAndAddLong(1024, 1);
                }
                String out = peer.finish();
                assertTrue(out.contains("java wrote: from the facade"), out);
            }
            byte[] reply = new byte[12];
            mem.slice(256, 12).get(reply);
            assertEquals("hello from C", new String(reply, java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals(2000, mem.getLongAcquire(1024), "interlocked adds from both sides");
        }
    }

    @Test
    void aCProcessThatExitsHoldingTheFacadesMutexLeavesItAbandoned() throws Exception {
        IpcName name = SharedMemoryTest.uniqueName();
        try (SharedMemory shm = SharedMemory.create(name, 4096); MappedMemory mem = shm.map();
                ProcessMutex m = ProcessMutex.init(mem, 0)) {
            String out = WinPeer.run("mutex-abandon", name.windowsName() + ".mutex0");
            assertTrue(out.contains("owned"), out);
            var e = org.junit.jupiter.api.Assertions.assertThrows(io.github.nativeipc.error.OwnerDiedException.class,
                    () -> m.tryLock(TIMEOUT));
            assertTrue(e.getMessage().contains("WAIT_ABANDONED"), e.getMessage());
            m.markConsistent();
            m.unlock();
            assertTrue(m.tryLock(), "usable again");
            m.unlock();
        }
    }
}
