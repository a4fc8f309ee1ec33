package io.github.nativeipc.windows;

import static io.github.nativeipc.bindings.windows.Win32Constants.HANDLE_FLAG_INHERIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.bindings.windows.Kernel32;
import io.github.nativeipc.bindings.windows.Win32Constants;
import io.github.nativeipc.error.ClosedException;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.error.NotFoundException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ChildProcess: a real Windows child (the mingw-built {@code win_peer.exe} in its {@code child-*}
 * modes) started with {@code CreateProcessW}; every test asserts on what crossed between the two
 * processes. Runs under Wine.
 */
class ChildProcessWindowsTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    private static ChildProcess.Builder peer(String... args) {
        List<String> command = new ArrayList<>();
        command.add(WinPeer.exe().toString());
        command.addAll(List.of(args));
        return ChildProcess.builder(command);
    }

    /**
     * {@code builder.start()}, again (at most three times in all) when Wine's process creation fails
     * with ERROR_INTERNAL_ERROR (1359), as {@link WinPeer#start} does: no child ran then.
     */
    private static ChildProcess start(ChildProcess.Builder builder) throws IpcException {
        for (int attempt = 1; ; attempt++) {
            try {
                return builder.start();
            } catch (IpcException e) {
                if (attempt == 3 || e.errno() != 1359) {
                    throw e;
                }
            }
        }
    }

    /** Reads {@code end} to its end of file (at most 30 s) as UTF-8, without the C runtime's carriage returns. */
    private static String readAll(AnonymousPipe.ReadEnd end) {
        return assertTimeoutPreemptively(LONG, () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocateDirect(4096);
            for (;;) {
                buf.clear();
                int n = end.read(buf);
                if (n < 0) {
                    return out.toString(StandardCharsets.UTF_8).replace("\r", "");
                }
                buf.flip();
                byte[] b = new byte[n];
                buf.get(b);
                out.write(b);
            }
        }, "no end of file on the pipe within 30 s");
    }

    /** Starts {@code builder} with standard output to a pipe, reads that to its end, waits for the exit. */
    private static String output(ChildProcess.Builder builder) throws Exception {
        try (AnonymousPipe out = AnonymousPipe.open()) {
            builder.standardOutput(out.sink());
            try (ChildProcess child = start(builder)) {
                out.sink().close();
                String text = readAll(out.source());
                assertEquals(0, child.waitFor(), "the child's exit code; its output: " + text);
                return text;
            }
        }
    }

    private static int flags(long handle) {
        ByteBuffer b = Win32.scratch(4);
        assertTrue(Kernel32.GetHandleInformation(handle, Win32.address(b)) != 0, "GetHandleInformation");
        return b.getInt(0);
    }

    private static int handleCount() {
        ByteBuffer out = Win32.scratch(4);
        assertTrue(Kernel32.GetProcessHandleCount(-1L, Win32.address(out)) != 0, "GetProcessHandleCount");
        return out.getInt(0);
    }

    // ---------------------------------------------------------------- handles handed over

    @Test
    void standardInputAndOutputThroughTwoAnonymousPipesMakeARoundTrip() throws Exception {
        try (AnonymousPipe in = AnonymousPipe.open(); AnonymousPipe out = AnonymousPipe.open();
             ChildProcess child = start(peer("child-echo").standardInput(in.source()).standardOutput(out.sink()))) {
            in.source().close();
            out.sink().close();
            byte[] sent = new byte[100_000];
            for (int i = 0; i < sent.length; i++) {
                sent[i] = (byte) (i * 31 + (i >> 9));
            }
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    in.sink().write(ByteBuffer.wrap(sent));
                    in.sink().close();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            assertTimeoutPreemptively(LONG, () -> {
                ByteBuffer buf = ByteBuffer.allocate(8192);
                while (out.source().read(buf.clear()) >= 0) {
                    got.write(buf.array(), 0, buf.position());
                }
            });
            writer.get(30, TimeUnit.SECONDS);
            assertEquals(0, child.waitFor());
            assertTrue(java.util.Arrays.equals(sent, got.toByteArray()), "the child echoed " + got.size() + " of " + sent.length + " bytes");
        }
    }

    @Test
    void anInheritedWriteEndWrittenByTheChildArrivesHere() throws Exception {
        try (AnonymousPipe pipe = AnonymousPipe.open()) {
            ChildProcess.Builder b = peer("child-write");
            long h = b.inherit(pipe.sink());
            b.addArguments(Long.toString(h), "hello from the child");
            try (ChildProcess child = start(b.nullStandardOutput())) {
                pipe.sink().close();
                assertEquals("hello from the child", readAll(pipe.source()));
                assertEquals(0, child.waitFor());
            }
        }
    }

    @Test
    void anUnnamedEventHandedToTheChildIsSetByIt() throws Exception {
        try (WindowsEvent event = WindowsEvent.createUnnamed(EventReset.MANUAL, false)) {
            ChildProcess.Builder b = peer("child-event-set");
            b.addArguments(Long.toString(b.inherit(event)));
            try (ChildProcess child = start(b.nullStandardOutput())) {
                assertEquals(0, child.waitFor());
                assertTrue(event.await(LONG), "the child's SetEvent reached this process's event");
            }
        }
    }

    @Test
    void anUnnamedFileMappingHandedToTheChildHoldsWhatItWrote() throws Exception {
        try (FileMapping mapping = FileMapping.createUnnamed(4096);
                io.github.nativeipc.memory.MappedMemory view = mapping.map(MappingAccess.READ_WRITE)) {
            ChildProcess.Builder b = peer("child-mapping-write");
            b.addArguments(Long.toString(b.inherit(mapping)), "written by the child");
            try (ChildProcess child = start(b.nullStandardOutput())) {
                assertEquals(0, child.waitFor());
                byte[] got = new byte[20];
                view.get(0, got, 0, got.length);
                assertEquals("written by the child", new String(got, StandardCharsets.US_ASCII));
                assertEquals(0, view.get(20), "and its NUL");
            }
        }
    }

    @Test
    void aClosedEventCannotBeHandedOver() throws Exception {
        WindowsEvent event = WindowsEvent.createUnnamed(EventReset.AUTO, false);
        event.close();
        assertThrows(io.github.nativeipc.error.ClosedException.class, () -> peer("child-event-set").inherit(event));
    }

    @Test
    void anInheritedReadEndReadByTheChildGetsWhatIsWrittenHere() throws Exception {
        try (AnonymousPipe pipe = AnonymousPipe.open(); AnonymousPipe out = AnonymousPipe.open()) {
            ChildProcess.Builder b = peer("child-read");
            b.addArguments(Long.toString(b.inherit(pipe.source())));
            try (ChildProcess child = start(b.standardOutput(out.sink()))) {
                pipe.source().close();
                out.sink().close();
                pipe.sink().write(ByteBuffer.wrap("to the child".getBytes(StandardCharsets.UTF_8)));
                pipe.sink().close();
                assertEquals("to the child", readAll(out.source()));
                assertEquals(0, child.waitFor());
            }
        }
    }

    @Test
    void theReadEndSeesEndOfFileOnceTheChildExitedAndThisProcessClosedItsCopy() throws Exception {
        try (AnonymousPipe pipe = AnonymousPipe.open();
             ChildProcess child = start(peer("child-sleep", "300").standardOutput(pipe.sink()))) {
            pipe.sink().close();
            long t0 = System.nanoTime();
            assertEquals(-1, assertTimeoutPreemptively(LONG, () -> pipe.source().read(ByteBuffer.allocate(16))));
            assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(200),
                    "end of file came before the child (holding the write end for 300 ms) could have exited");
            assertEquals(Optional.of(0), child.waitFor(Duration.ofSeconds(10)));
        }
    }

    @Test
    void anInheritableHandleThatIsNotListedIsNotInheritedByTheChild() throws Exception {
        try (AnonymousPipe listed = AnonymousPipe.open(); AnonymousPipe unlisted = AnonymousPipe.open()) {
            long yes = listed.sink().acquireHandle();
            long no = unlisted.sink().acquireHandle();
            try {
                assertTrue(Kernel32.SetHandleInformation(no, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT) != 0);
                ChildProcess.Builder b = peer("child-check-handle", Long.toString(yes), Long.toString(no));
                b.inherit(listed.sink());
                String out = output(b);
                assertEquals(yes + " valid\n" + no + " invalid 6\n", out,
                        "the listed handle must be valid in the child, the inheritable one not listed must not (ERROR_INVALID_HANDLE)");
            } finally {
                listed.sink().releaseHandle();
                unlisted.sink().releaseHandle();
            }
        }
    }

    @Test
    void listedHandlesAreInheritableOnlyDuringTheStartAndKeepTheFlagTheyHad() throws Exception {
        try (AnonymousPipe a = AnonymousPipe.open(); AnonymousPipe b = AnonymousPipe.open()) {
            long ha = a.sink().acquireHandle();
            long hb = b.sink().acquireHandle();
            try {
                Kernel32.SetHandleInformation(hb, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT);
                ChildProcess.Builder builder = peer("child-exit", "0").nullStandardOutput();
                builder.inherit(a.sink());
                builder.inherit(b.sink());
                try (ChildProcess child = start(builder)) {
                    assertEquals(0, child.waitFor());
                }
                assertEquals(0, flags(ha) & HANDLE_FLAG_INHERIT, "a handle that was not inheritable is not after the start");
                assertEquals(HANDLE_FLAG_INHERIT, flags(hb) & HANDLE_FLAG_INHERIT, "an inheritable one still is");
            } finally {
                a.sink().releaseHandle();
                b.sink().releaseHandle();
            }
        }
    }

    @Test
    void aHandleGivenAsOutputErrorAndInheritedIsListedOnce() throws Exception {
        try (AnonymousPipe pipe = AnonymousPipe.open()) {
            long h = pipe.sink().acquireHandle();
            pipe.sink().releaseHandle();
            ChildProcess.Builder b = peer("child-write", Long.toString(h), "once").standardOutput(pipe.sink()).standardError(pipe.sink());
            assertEquals(h, b.inherit(pipe.sink()));
            try (ChildProcess child = start(b)) {
                pipe.sink().close();
                assertEquals("once", readAll(pipe.source()));
                assertEquals(0, child.waitFor());
            }
        }
    }

    @Test
    void aNamedPipeEndInheritedByTheChildCarriesItsWrites() throws Exception {
        String name = WinPeer.pipeName("child");
        try (NamedPipeServer server = NamedPipeServer.create(name, PipeMode.BYTE);
             NamedPipe client = NamedPipeClient.connect(name, PipeMode.BYTE, Duration.ofSeconds(5));
             NamedPipe pipe = server.accept(Duration.ofSeconds(5))) {
            ChildProcess.Builder b = peer("child-write").nullStandardOutput();
            b.addArguments(Long.toString(b.inherit(client)), "through a named pipe");
            try (ChildProcess child = start(b)) {
                client.close();
                assertEquals(0, child.waitFor());
                ByteBuffer in = ByteBuffer.allocateDirect(64);
                StringBuilder got = new StringBuilder();
                for (int n; (n = pipe.read(in.clear(), Duration.ofSeconds(10))) >= 0;) {
                    got.append(StandardCharsets.UTF_8.decode(in.flip()));
                }
                assertEquals("through a named pipe", got.toString());
            }
        }
    }

    @Test
    void anInheritableHandleIsSeenInTheChildWhenNothingListsTheHandles() throws Exception {
        // The control for the test above: the JDK's ProcessBuilder passes bInheritHandles = TRUE
        // without a handle list, so the same check in its child does see an inheritable handle.
        try (AnonymousPipe pipe = AnonymousPipe.open()) {
            long h = pipe.sink().acquireHandle();
            try {
                assertTrue(Kernel32.SetHandleInformation(h, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT) != 0);
                assertEquals(h + " valid\n", WinPeer.run("child-check-handle", Long.toString(h)));
            } finally {
                pipe.sink().releaseHandle();
            }
        }
    }

    @Test
    void aStandardHandleNotGivenIsThisProcesssOwn() throws Exception {
        long in = Kernel32.GetStdHandle(Win32Constants.STD_INPUT_HANDLE);
        long err = Kernel32.GetStdHandle(Win32Constants.STD_ERROR_HANDLE);
        ByteBuffer b = Win32.scratch(4);
        Assumptions.assumeTrue(Kernel32.GetHandleInformation(in, Win32.address(b)) != 0
                && Kernel32.GetHandleInformation(err, Win32.address(b)) != 0, "this JVM lacks a valid standard input or error handle");
        String out = output(peer("child-std"));
        List<String> lines = List.of(out.split("\n"));
        assertEquals("in " + in, lines.get(0));
        assertEquals("err " + err, lines.get(2));
    }

    @Test
    void aStandardHandleThisProcessLacksIsTheNulDeviceInTheChild() throws Exception {
        com.sun.jna.platform.win32.Kernel32 k = com.sun.jna.platform.win32.Kernel32.INSTANCE;
        long in = Kernel32.GetStdHandle(Win32Constants.STD_INPUT_HANDLE);
        assertTrue(k.SetStdHandle(Win32Constants.STD_INPUT_HANDLE, null), "SetStdHandle(STD_INPUT_HANDLE, NULL)");
        try {
            // child-echo fails (exit 2) on an invalid standard input, and reads end of file at once from NUL
            assertEquals("", output(peer("child-echo")));
        } finally {
            k.SetStdHandle(Win32Constants.STD_INPUT_HANDLE, new com.sun.jna.platform.win32.WinNT.HANDLE(new com.sun.jna.Pointer(in)));
        }
    }

    @Test
    void aStaleStandardHandleOfThisProcessIsReplacedByTheNulDeviceInTheChild() throws Exception {
        com.sun.jna.platform.win32.Kernel32 k = com.sun.jna.platform.win32.Kernel32.INSTANCE;
        long in = Kernel32.GetStdHandle(Win32Constants.STD_INPUT_HANDLE);
        try (AnonymousPipe out = AnonymousPipe.open()) {
            // A value no handle of this process has: a value closed just now was taken again by
            // another thread of the JVM before the start once in a while (CI, 2026-12-06), and the
            // child then inherited that object as its standard input.
            long stale = 0x7FFF_FFF8L;
            try (com.sun.jna.Memory flags = new com.sun.jna.Memory(4)) {
                assertEquals(0, Kernel32.GetHandleInformation(stale, com.sun.jna.Pointer.nativeValue(flags)),
                        "0x7FFFFFF8 is no handle of this process");
            }
            assertTrue(k.SetStdHandle(Win32Constants.STD_INPUT_HANDLE, new com.sun.jna.platform.win32.WinNT.HANDLE(new com.sun.jna.Pointer(stale))));
            try (ChildProcess child = start(peer("child-echo").standardOutput(out.sink()))) {
                out.sink().close();
                assertEquals("", readAll(out.source()));
                assertEquals(0, child.waitFor(), "child-echo exits with 2 on an invalid standard input");
            } finally {
                k.SetStdHandle(Win32Constants.STD_INPUT_HANDLE, new com.sun.jna.platform.win32.WinNT.HANDLE(new com.sun.jna.Pointer(in)));
            }
        }
    }

    @Test
    void theNulDeviceAsStandardInputGivesEndOfFileAtOnce() throws Exception {
        assertEquals("", output(peer("child-echo").nullStandardInput()));
    }

    @Test
    void aClosedOwnerIsAClosedException() throws Exception {
        try (AnonymousPipe pipe = AnonymousPipe.open()) {
            ChildProcess.Builder b = peer("child-exit", "0").standardOutput(pipe.sink());
            pipe.sink().close();
            assertThrows(ClosedException.class, b::start);
            assertThrows(ClosedException.class, () -> peer("child-exit", "0").inherit(pipe.sink()));
        }
    }

    // ---------------------------------------------------------------- command line, environment, directory

    @Test
    void argumentsWithSpacesQuotesAndBackslashesArriveExactly() throws Exception {
        List<String> args = List.of("", "a b", "a\"b", "a\\b", "trail\\", "trail space\\", "\\\"", "\"", "\\\\",
                "\"quoted\"", "\\\\server\\share", "tab\there", "many   spaces", "ü € 中");
        List<String> command = new ArrayList<>();
        command.add("child-argv");
        command.addAll(args);
        String out = output(peer(command.toArray(new String[0])));
        List<String> lines = List.of(out.split("\n", -1));
        assertEquals("argc " + (args.size() + 2), lines.get(0));
        List<String> got = new ArrayList<>();
        for (int i = 1; i < args.size() + 3; i++) {
            got.add(new String(HexFormat.of().parseHex(lines.get(i)), StandardCharsets.UTF_8));
        }
        assertEquals(WinPeer.exe().toString(), got.get(0));
        assertEquals(command, got.subList(1, got.size()));
    }

    @Test
    void aVariableSetInTheBuilderReachesTheChild() throws Exception {
        ChildProcess.Builder b = peer("child-env", "NIPC_CHILD_VALUE");
        b.environment().put("NIPC_CHILD_VALUE", "a value with spaces, ü €");
        assertEquals("NIPC_CHILD_VALUE=a value with spaces, ü €\n", output(b));
    }

    @Test
    void aVariableSetAgainInAnotherCaseReplacesTheFirst() throws Exception {
        ChildProcess.Builder b = peer("child-env", "NIPC_CHILD_CASE");
        b.environment().put("nipc_child_case", "lower");
        b.environment().put("NIPC_CHILD_CASE", "upper");
        assertEquals("NIPC_CHILD_CASE=upper\n", output(b));
    }

    @Test
    void aVariableRemovedFromTheCopyIsUnsetInTheChild() throws Exception {
        String name = System.getenv().keySet().stream().filter(n -> n.equalsIgnoreCase("USERPROFILE")).findFirst()
                .orElseThrow(() -> new AssertionError("this JVM has no USERPROFILE variable: " + System.getenv().keySet()));
        ChildProcess.Builder b = peer("child-env", "USERPROFILE");
        b.environment().remove(name.toLowerCase());   // names are case-insensitive
        assertEquals("USERPROFILE unset\n", output(b));
    }

    @Test
    void theWorkingDirectoryReachesTheChild(@TempDir Path dir) throws Exception {
        Path sub = Files.createDirectory(dir.resolve("child dir ü"));
        String out = output(peer("child-cwd").directory(sub)).trim();
        assertEquals(sub.toRealPath(), Path.of(out).toRealPath());
    }

    @Test
    void aMissingProgramIsNotFoundNamingTheProgramAndTheError() {
        NotFoundException e = assertThrows(NotFoundException.class, () -> ChildProcess.builder("nipc-no-such-program.exe", "x").start());
        assertEquals("ERROR_FILE_NOT_FOUND", e.errnoName());
        assertEquals(2, e.errno());
        assertEquals("nipc-no-such-program.exe", e.object());
        assertTrue(e.getMessage().contains("CreateProcessW") && e.getMessage().contains("nipc-no-such-program.exe"), e.getMessage());
    }

    @Test
    void aMissingWorkingDirectoryIsNotFound(@TempDir Path dir) {
        Path missing = dir.resolve("missing");
        IpcException e = assertThrows(IpcException.class, () -> peer("child-exit", "0").directory(missing).start());
        assertInstanceOf(NotFoundException.class, e, e.getMessage());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    // ---------------------------------------------------------------- exit codes, waiting, ending

    @Test
    void theExitCodeIsReported() throws Exception {
        try (ChildProcess child = start(peer("child-exit", "42"))) {
            assertEquals(42, child.waitFor());
            assertFalse(child.isAlive());
            assertEquals(Optional.of(42), child.exitCode());
        }
    }

    @Test
    void anExitCodeOf259IsNotTakenForStillRunning() throws Exception {
        try (ChildProcess child = start(peer("child-exit", "259"))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            Optional<Integer> code = child.exitCode();
            while (code.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
                code = child.exitCode();
            }
            assertEquals(Optional.of(259), code, "exitCode() without waitFor must see the child ended with 259 (STILL_ACTIVE)");
        }
    }

    @Test
    void waitForATimeOutReturnsEmptyWhileTheChildRunsAndTerminateEndsIt() throws Exception {
        try (ChildProcess child = start(peer("child-sleep", "60000"))) {
            long t0 = System.nanoTime();
            assertEquals(Optional.empty(), child.waitFor(Duration.ofMillis(300)));
            assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(290), "waited the time given");
            assertTrue(child.isAlive());
            child.terminate(7);
            assertEquals(Optional.of(7), child.waitFor(Duration.ofSeconds(10)));
        }
    }

    @Test
    void terminatingAChildThatHasExitedDoesNothing() throws Exception {
        try (ChildProcess child = start(peer("child-exit", "5"))) {
            ProcessHandle handle = child.toHandle().orElseThrow();
            handle.onExit().get(30, TimeUnit.SECONDS);   // exited, and this object has not looked yet
            child.terminate(9);
            assertEquals(5, child.waitFor());
            child.terminate(9);
            assertEquals(Optional.of(5), child.exitCode());
        }
    }

    @Test
    void waitForAnswersAnInterrupt() throws Exception {
        try (ChildProcess child = start(peer("child-sleep", "60000"))) {
            CompletableFuture<Throwable> waiter = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    child.waitFor();
                    waiter.complete(null);
                } catch (Throwable e) {
                    waiter.complete(e);
                }
            });
            t.start();
            Thread.sleep(200);
            t.interrupt();
            assertInstanceOf(InterruptedException.class, waiter.get(5, TimeUnit.SECONDS));
            assertTrue(child.isAlive());
            child.terminate(1);
        }
    }

    @Test
    void closeWakesAWaiterAndLeavesTheChildRunning() throws Exception {
        ChildProcess child = start(peer("child-sleep", "60000"));
        ProcessHandle handle = child.toHandle().orElseThrow();
        try {
            CompletableFuture<Integer> waiter = CompletableFuture.supplyAsync(() -> {
                try {
                    return child.waitFor();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(200);
            child.close();
            ExecutionException e = assertThrows(ExecutionException.class, () -> waiter.get(5, TimeUnit.SECONDS));
            assertInstanceOf(ClosedException.class, e.getCause().getCause());
            assertTrue(handle.isAlive(), "closing the object does not end the child");
            assertThrows(ClosedException.class, child::exitCode);
        } finally {
            handle.destroyForcibly();
            handle.onExit().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void toHandleIsTheChild() throws Exception {
        try (ChildProcess child = start(peer("child-sleep", "60000"))) {
            ProcessHandle handle = child.toHandle().orElseThrow();
            assertEquals(child.pid(), handle.pid());
            assertTrue(handle.isAlive());
            child.terminate(3);
            handle.onExit().get(30, TimeUnit.SECONDS);
            assertEquals(3, child.waitFor());
        }
    }

    // ---------------------------------------------------------------- nothing left behind

    @Test
    void twoHundredStartsLeaveNoHandleBehind() throws Exception {
        cycles(10);   // warm up: classes, JNA, the Cleaner thread
        int before = handleCount();
        cycles(200);
        int after = handleCount();
        assertTrue(after - before < 10, "handles before " + before + ", after 200 starts " + after);
    }

    private static void cycles(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            try (AnonymousPipe pipe = AnonymousPipe.open()) {
                ChildProcess.Builder b = peer("child-exit", "0").standardOutput(pipe.sink()).nullStandardInput();
                b.inherit(pipe.source());
                try (ChildProcess child = start(b)) {
                    assertEquals(0, child.waitFor());
                }
            }
        }
    }

    @Test
    void failedStartsLeaveNoHandleBehindAndTheFlagsAsTheyWere() throws Exception {
        try (AnonymousPipe pipe = AnonymousPipe.open()) {
            long h = pipe.sink().acquireHandle();
            try {
                failedStarts(pipe, 10);
                int before = handleCount();
                failedStarts(pipe, 200);
                int after = handleCount();
                assertTrue(after - before < 10, "handles before " + before + ", after 200 failed starts " + after);
                assertEquals(0, flags(h) & HANDLE_FLAG_INHERIT, "the handle is no longer inheritable");
            } finally {
                pipe.sink().releaseHandle();
            }
        }
    }

    private static void failedStarts(AnonymousPipe pipe, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            ChildProcess.Builder b = ChildProcess.builder("nipc-no-such-program.exe").standardOutput(pipe.sink()).nullStandardInput();
            b.inherit(pipe.source());
            assertThrows(NotFoundException.class, b::start);
        }
    }
}
