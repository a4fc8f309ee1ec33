package io.github.nativeipc.windows;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.bindings.windows.Kernel32;
import io.github.nativeipc.memory.MappedMemory;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Opening and closing every kind of object many times leaves the process's handle count where it was. Runs under Wine. */
class HandleLeakWindowsTest {
    private static final int ROUNDS = 100;

    private static int handleCount() {
        ByteBuffer out = Win32.scratch(4);
        assertTrue(Kernel32.GetProcessHandleCount(-1L, Win32.address(out)) != 0, "GetProcessHandleCount");
        return out.getInt(0);
    }

    @Test
    void closedObjectsLeaveNoHandleBehind() throws Exception {
        cycle();   // warm up: JNA, classes, the Cleaner threads
        int before = handleCount();
        cycle();
        int after = handleCount();
        assertTrue(after - before < 10, "handles before " + before + ", after " + ROUNDS + " rounds " + after);
    }

    private static void cycle() throws Exception {
        for (int i = 0; i < ROUNDS; i++) {
            try (WindowsSemaphore s = WindowsSemaphore.create(WinPeer.objectName("leak"), 0, 1);
                 WindowsEvent e = WindowsEvent.createUnnamed(EventReset.AUTO, false);
                 WindowsMutex m = WindowsMutex.createUnnamed();
                 FileMapping f = FileMapping.createUnnamed(4096);
                 AnonymousPipe a = AnonymousPipe.open()) {
                s.release();
                e.set();
                MappedMemory mem = f.map(MappingAccess.READ_WRITE);
                mem.putInt(0, i);
                mem.close();
                a.sink().write(ByteBuffer.wrap(new byte[] {1}));
            }
            String name = WinPeer.pipeName("leak");
            try (NamedPipeServer server = NamedPipeServer.create(name, PipeMode.MESSAGE);
                 NamedPipe client = NamedPipeClient.connect(name, PipeMode.MESSAGE, Duration.ofSeconds(5));
                 NamedPipe pipe = server.accept(Duration.ofSeconds(5))) {
                client.send(ByteBuffer.wrap(new byte[] {1, 2, 3}));
                pipe.receive(ByteBuffer.allocateDirect(8), Duration.ofSeconds(5));
            }
        }
    }
}
