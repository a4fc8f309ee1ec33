package io.github.nativeipc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.memory.MappedMemory;
import io.github.nativeipc.posix.NamedSemaphore;
import io.github.nativeipc.posix.PosixSharedMemory;
import io.github.nativeipc.posix.UnixDatagramChannel;
import io.github.nativeipc.posix.UnixServerSocketChannel;
import io.github.nativeipc.posix.UnixSocketAddress;
import io.github.nativeipc.posix.SocketPair;
import io.github.nativeipc.posix.UnixSocketChannel;
import io.github.nativeipc.posix.UnnamedSemaphore;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import io.github.nativeipc.testing.OpenDescriptors;
import org.junit.jupiter.api.Test;

/**
 * 10,000 create / map / use / close / unlink cycles leave the process's descriptors, its mappings
 * and {@code /dev/shm} as they were. A closed mapping's address range goes back to the OS once no
 * slice of it is reachable (see MappedMemory), so the mappings are compared after a GC. The JVM
 * maps memory of its own meanwhile (thread stacks, code cache, heap regions), so the total may
 * move by a few entries; and adjacent ranges merge, so the count alone would hide a leak: the
 * library's own count of ranges not yet unmapped ({@link MappedMemory#liveMappings()}) must be 0.
 * Descriptors are compared by number and target ({@link OpenDescriptors}): none opened and left
 * open, none closed that was open before; jars the class loader opens meanwhile do not count.
 */
class LeakTest {
    private static final int CYCLES = 10_000;
    /** What the JVM's own mappings may grow by during the test. */
    private static final int JVM_NOISE = 8;
    private static final String PREFIX = "nipc-leak" + ProcessHandle.current().pid() + "-";

    /**
     * Descriptors opened since {@code before} and still open, by target, leaving out the class
     * files the JVM opens lazily (jars of the class path, which stay open by design and would
     * otherwise count when a class is first loaded during the cycles).
     */
    private static java.util.Map<Integer, String> opened(OpenDescriptors before) {
        return OpenDescriptors.now().openedSince(before);
    }

    /** Descriptors open before and not any more: a close of a descriptor the library did not own. */
    private static java.util.Map<Integer, String> closed(OpenDescriptors before) {
        return OpenDescriptors.now().closedSince(before);
    }

    private static int openDescriptors() {
        return OpenDescriptors.now().targets().size();
    }

    private static long mappingsOf(String needle) throws Exception {
        return Files.readAllLines(Path.of("/proc/self/maps")).stream().filter(l -> l.contains(needle)).count();
    }

    private static int mappings() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/maps")).size();
    }

    private static List<String> devShm() {
        return Arrays.stream(new File("/dev/shm").list()).filter(n -> n.contains(PREFIX)).sorted().collect(Collectors.toList());
    }

    /**
     * GC until every mapping made through MappedMemory is back with the OS and the mapping count is
     * back to {@code expected} (cleaners run on their own thread).
     */
    private static int settledMappings(int expected) throws Exception {
        int now = mappings();
        for (int i = 0; i < 50 && (now > expected || MappedMemory.liveMappings() > 0); i++) {
            System.gc();
            Thread.sleep(100);
            now = mappings();
        }
        return now;
    }

    @Test
    void sharedMemoryCyclesLeaveNoDescriptorMappingOrObjectBehind() throws Exception {
        warmUp();
        OpenDescriptors fds = OpenDescriptors.settled();
        int maps = settledMappings(mappings());
        for (int i = 0; i < CYCLES; i++) {
            String name = "/" + PREFIX + i;
            try (PosixSharedMemory shm = PosixSharedMemory.create(name, 8192); MappedMemory m = shm.map()) {
                m.putLong(4096, i);
                m.getAndAddLong(4096, 1);
                m.slice(0, 64).putInt(0, i);
                UnnamedSemaphore s = UnnamedSemaphore.init(m, 64, 1);
                s.tryAcquire();
                s.destroy();
                shm.unlink();
            }
        }
        int mapsBeforeGc = mappings();
        int mapsAfter = settledMappings(maps);
        System.out.printf("leak test, %d shm cycles: fds %d -> %d, mappings %d -> %d right after the cycles"
                + " -> %d after GC, /dev/shm leftovers %s%n",
                CYCLES, fds.targets().size(), openDescriptors(), maps, mapsBeforeGc, mapsAfter, devShm());
        assertEquals(java.util.Map.of(), opened(fds), "open descriptors");
        assertEquals(java.util.Map.of(), closed(fds), "descriptors closed that were not the library's");
        assertEquals(0, mappingsOf(PREFIX), "no mapping of a shared-memory object stays after close");
        assertEquals(0, MappedMemory.liveMappings(), "every address range went back to the OS (munmap)");
        assertTrue(mapsAfter <= maps + JVM_NOISE, "mappings: " + maps + " before, " + mapsAfter + " after");
        assertEquals(List.of(), devShm());
    }

    @Test
    void namedSemaphoreCyclesLeaveNoDescriptorMappingOrObjectBehind() throws Exception {
        warmUp();
        OpenDescriptors fds = OpenDescriptors.settled();
        int maps = settledMappings(mappings());
        for (int i = 0; i < CYCLES; i++) {
            String name = "/" + PREFIX + "sem" + i;
            try (NamedSemaphore s = NamedSemaphore.create(name, 1)) {
                s.tryAcquire();
                s.post();
                s.unlink();
            }
        }
        int mapsAfter = settledMappings(maps);
        System.out.printf("leak test, %d semaphore cycles: fds %d -> %d, mappings %d -> %d, /dev/shm leftovers %s%n",
                CYCLES, fds.targets().size(), openDescriptors(), maps, mapsAfter, devShm());
        assertEquals(java.util.Map.of(), opened(fds), "descriptors opened and not closed");
        assertEquals(java.util.Map.of(), closed(fds), "descriptors closed that were not the library's");
        assertEquals(0, mappingsOf("sem." + PREFIX));
        assertTrue(mapsAfter <= maps + JVM_NOISE, "mappings: " + maps + " before, " + mapsAfter + " after");
        assertEquals(List.of(), devShm());
    }

    @Test
    void messageQueueCyclesLeaveNoDescriptorOrQueueBehind() throws Exception {
        warmUp();
        OpenDescriptors fds = OpenDescriptors.settled();
        int maps = settledMappings(mappings());
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocateDirect(64);
        for (int i = 0; i < CYCLES; i++) {
            String name = "/" + PREFIX + "mq" + i;
            try (io.github.nativeipc.posix.PosixMessageQueue q = io.github.nativeipc.posix.PosixMessageQueue.create(name,
                    io.github.nativeipc.posix.MessageQueueAttributes.of(2, 64))) {
                buf.clear().putLong(i).flip();
                q.send(buf, 1);
                buf.clear();
                q.tryReceive(buf);
                q.unlink();
            }
        }
        int mapsAfter = settledMappings(maps);
        System.out.printf("leak test, %d message-queue cycles: fds %d -> %d, mappings %d -> %d%n",
                CYCLES, fds.targets().size(), openDescriptors(), maps, mapsAfter);
        assertEquals(java.util.Map.of(), opened(fds), "descriptors opened and not closed");
        assertEquals(java.util.Map.of(), closed(fds), "descriptors closed that were not the library's");
        assertTrue(mapsAfter <= maps + JVM_NOISE, "mappings: " + maps + " before, " + mapsAfter + " after");
    }

    @Test
    void systemVCyclesLeaveNoObjectDescriptorOrMappingBehind() throws Exception {
        warmUp();
        OpenDescriptors fds = OpenDescriptors.settled();
        int maps = settledMappings(mappings());
        java.util.Set<String> created = new java.util.HashSet<>();
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocateDirect(64);
        io.github.nativeipc.posix.CreateOptions remove = io.github.nativeipc.posix.CreateOptions.defaults().unlinkOnClose(true);
        for (int i = 0; i < CYCLES; i++) {
            try (io.github.nativeipc.posix.SysVSharedMemory shm = io.github.nativeipc.posix.SysVSharedMemory.create(
                            io.github.nativeipc.posix.SysVKey.PRIVATE, 8192, remove);
                    MappedMemory m = shm.attach();
                    io.github.nativeipc.posix.SysVMessageQueue q = io.github.nativeipc.posix.SysVMessageQueue.create(
                            io.github.nativeipc.posix.SysVKey.PRIVATE, remove);
                    io.github.nativeipc.posix.SysVSemaphoreSet set = io.github.nativeipc.posix.SysVSemaphoreSet.create(
                            io.github.nativeipc.posix.SysVKey.PRIVATE, 2, remove)) {
                created.add("shm " + shm.id());
                created.add("msg " + q.id());
                created.add("sem " + set.id());
                m.getAndAddLong(0, 1);
                buf.clear().putLong(i).flip();
                q.send(1, buf);
                buf.clear();
                q.tryReceive(0, buf);
                set.tryApply(new io.github.nativeipc.posix.SemaphoreOperation(1, 1, true));
            }
        }
        int mapsAfter = settledMappings(maps);
        java.util.Set<String> left = ipcObjects();
        left.retainAll(created);
        System.out.printf("leak test, %d System V cycles (shm + msg + sem each): fds %d -> %d, mappings %d -> %d,"
                + " %d objects created, %d left%n", CYCLES, fds.targets().size(), openDescriptors(), maps, mapsAfter, created.size(), left.size());
        assertEquals(java.util.Map.of(), opened(fds), "descriptors opened and not closed");
        assertEquals(java.util.Map.of(), closed(fds), "descriptors closed that were not the library's");
        assertTrue(mapsAfter <= maps + JVM_NOISE, "mappings: " + maps + " before, " + mapsAfter + " after");
        assertEquals(java.util.Set.of(), left, "System V objects left behind");
    }

    /** The System V objects on the machine ("shm 12", "msg 3", ...), as /proc/sysvipc lists them. */
    private static java.util.Set<String> ipcObjects() throws Exception {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (String kind : new String[] {"shm", "msg", "sem"}) {
            List<String> lines = Files.readAllLines(Path.of("/proc/sysvipc/" + kind));
            for (String l : lines.subList(1, lines.size())) {
                ids.add(kind + " " + l.trim().split("\\s+")[1]);
            }
        }
        return ids;
    }

    @Test
    void pipeFifoEventfdAndMemfdCyclesLeaveNoDescriptorOrMappingBehind() throws Exception {
        warmUp();
        Path dir = Files.createTempDirectory("nipc-leak");
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocateDirect(64);
        try (io.github.nativeipc.posix.AnonymousPipe warm = io.github.nativeipc.posix.AnonymousPipe.open()) {
            warm.sink().write(buf.clear());
        }
        OpenDescriptors fds = OpenDescriptors.settled();
        int maps = settledMappings(mappings());
        for (int i = 0; i < CYCLES; i++) {
            try (io.github.nativeipc.posix.AnonymousPipe p = io.github.nativeipc.posix.AnonymousPipe.open()) {
                p.sink().write(buf.clear().putLong(i).flip());
                p.source().read(buf.clear());
            }
            io.github.nativeipc.posix.Fifo f = io.github.nativeipc.posix.Fifo.create(dir.resolve("f" + i));
            try (io.github.nativeipc.posix.PipeSource in = f.openForReadingNonBlocking();
                    io.github.nativeipc.posix.PipeSink out = f.tryOpenForWriting()) {
                out.write(buf.clear().putLong(i).flip());
                in.read(buf.clear());
            }
            f.remove();
            try (io.github.nativeipc.posix.EventFd e = io.github.nativeipc.posix.EventFd.create(0, false)) {
                e.signal(1);
                e.tryAwait();
            }
            try (io.github.nativeipc.posix.MemFd m = io.github.nativeipc.posix.MemFd.create("leak", 4096); MappedMemory mm = m.map()) {
                mm.putLong(0, i);
            }
        }
        int mapsAfter = settledMappings(maps);
        System.out.printf("leak test, %d pipe/FIFO/eventfd/memfd cycles: fds %d -> %d, mappings %d -> %d%n",
                CYCLES, fds.targets().size(), openDescriptors(), maps, mapsAfter);
        assertEquals(java.util.Map.of(), opened(fds), "descriptors opened and not closed");
        assertEquals(java.util.Map.of(), closed(fds), "descriptors closed that were not the library's");
        assertTrue(mapsAfter <= maps + JVM_NOISE, "mappings: " + maps + " before, " + mapsAfter + " after");
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count(), "every FIFO removed");
        }
        Files.delete(dir);
    }

    @Test
    void unixSocketCyclesLeaveNoDescriptorOrSocketFileBehind() throws Exception {
        warmUp();
        Path dir = Files.createTempDirectory("nipc-leak-sock");
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocateDirect(64);
        OpenDescriptors fds = OpenDescriptors.settled();
        for (int i = 0; i < CYCLES; i++) {
            UnixSocketAddress at = UnixSocketAddress.of(dir.resolve("s" + (i % 7)));
            try (UnixServerSocketChannel server = UnixServerSocketChannel.bind(at);
                    UnixSocketChannel client = UnixSocketChannel.connect(at);
                    UnixSocketChannel accepted = server.accept(java.time.Duration.ofSeconds(5));
                    io.github.nativeipc.posix.AnonymousPipe passed = io.github.nativeipc.posix.AnonymousPipe.open()) {
                client.send(buf.clear().putLong(i).flip(), passed.sink());
                try (io.github.nativeipc.posix.ReceivedMessage m = accepted.receive(buf.clear(), 1)) {
                    assertEquals(1, m.descriptors().size());
                }
            }
            try (SocketPair<UnixDatagramChannel> p = UnixDatagramChannel.pair()) {
                p.first().write(buf.clear().putLong(i).flip());
                p.second().read(buf.clear());
            }
        }
        System.out.printf("leak test, %d Unix socket cycles (server, client, accepted, a passed descriptor, a datagram pair):"
                + " fds %d -> %d%n", CYCLES, fds.targets().size(), openDescriptors());
        assertEquals(java.util.Map.of(), opened(fds), "descriptors opened and not closed");
        assertEquals(java.util.Map.of(), closed(fds), "descriptors closed that were not the library's");
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count(), "every socket file removed");
        }
        Files.delete(dir);
    }

    @Test
    void childProcessCyclesLeaveNoDescriptorOrZombieBehind() throws Exception {
        warmUp();
        OpenDescriptors fds = OpenDescriptors.settled();
        for (int i = 0; i < 300; i++) {
            try (io.github.nativeipc.posix.AnonymousPipe p = io.github.nativeipc.posix.AnonymousPipe.open();
                    io.github.nativeipc.posix.ChildProcess c = io.github.nativeipc.posix.ChildProcess.builder("/bin/true")
                            .descriptor(3, p.sink()).start()) {
                assertEquals(0, c.waitFor().exitCode());
            }
        }
        System.out.printf("leak test, 300 spawn cycles: fds %d -> %d%n", fds.targets().size(), openDescriptors());
        assertEquals(java.util.Map.of(), opened(fds), "descriptors opened and not closed");
        assertEquals(java.util.Map.of(), closed(fds), "descriptors closed that were not the library's");
        assertEquals(0, ProcessHandle.current().children().count(), "every child reaped");
    }

    @Test
    void handlesNeverClosedAreClosedByTheCleanerWhichNeverUnlinks() throws Exception {
        warmUp();
        OpenDescriptors fds = OpenDescriptors.settled();
        String name = "/" + PREFIX + "forgotten";
        for (int i = 0; i < 100; i++) {
            PosixSharedMemory.openOrCreate(name, 4096);   // never closed
        }
        assertTrue(opened(fds).size() >= 100);
        for (int i = 0; i < 50 && !opened(fds).isEmpty(); i++) {
            System.gc();
            Thread.sleep(100);
        }
        assertEquals(java.util.Map.of(), opened(fds), "the cleaner closed every forgotten descriptor");
        assertEquals(java.util.Map.of(), closed(fds), "and nothing else");
        assertEquals(List.of(PREFIX + "forgotten"), devShm(), "the name is still there");
        PosixSharedMemory.unlink(name);
    }

    /** Loads the classes and threads (cleaner, JIT) the cycles use, so they do not count as leaks. */
    private static void warmUp() throws Exception {
        String name = "/" + PREFIX + "warm";
        try (PosixSharedMemory shm = PosixSharedMemory.create(name, 8192); MappedMemory m = shm.map();
                NamedSemaphore s = NamedSemaphore.create(name, 0)) {
            m.putLong(0, 1);
            shm.unlink();
            s.unlink();
        }
        System.gc();
        Thread.sleep(200);
    }
}
