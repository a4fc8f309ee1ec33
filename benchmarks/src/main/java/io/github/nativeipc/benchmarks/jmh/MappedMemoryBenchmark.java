package io.github.nativeipc.benchmarks.jmh;

import io.github.nativeipc.benchmarks.client.PrivateBuffer;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.memory.MappedMemory;
import io.github.nativeipc.posix.CreateOptions;
import io.github.nativeipc.posix.PosixSharedMemory;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The hot-path accessors of {@link MappedMemory} on a POSIX shared-memory object (atomics, 4 KiB
 * copies to and from a direct {@link ByteBuffer}), each next to the same operation done with the
 * JDK alone: a {@link MappedByteBuffer} of the same object ({@code /dev/shm/NAME}) and a
 * byte-buffer-view {@link VarHandle}. The difference is what the library's checks (closed?
 * bounds, alignment, read-only) and fault handling cost.
 *
 * <p>The private buffers come from {@link PrivateBuffer}, half a page off the page-aligned shared
 * payload: with {@code allocateDirect}'s placement, some forks copied between addresses at the
 * same offset within a page (4 KiB aliasing) and measured the allocator's luck: 141 ns instead of
 * 50 for the same 4 KiB copy.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MappedMemoryBenchmark {
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final int SIZE = 16384;
    private static final int PAYLOAD = 4096;

    private PosixSharedMemory shm;
    private MappedMemory memory;
    private MappedByteBuffer jdk;
    private final ByteBuffer source = PrivateBuffer.allocate(PAYLOAD);
    private final ByteBuffer target = PrivateBuffer.allocate(PAYLOAD);
    private long value;

    @Setup
    public void open() throws IpcException, IOException {
        String name = "/nipc-jmh" + ProcessHandle.current().pid() + "-mem";
        shm = PosixSharedMemory.create(name, SIZE, CreateOptions.defaults().unlinkOnClose(true));
        memory = shm.map();
        try (FileChannel ch = FileChannel.open(Path.of("/dev/shm", name.substring(1)), StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            jdk = ch.map(FileChannel.MapMode.READ_WRITE, 0, SIZE);
        }
        jdk.order(ByteOrder.nativeOrder());
    }

    @TearDown
    public void close() throws IpcException {
        memory.close();
        shm.close();
    }

    @Benchmark
    public long libraryGetAndAddLong() {
        return memory.getAndAddLong(0, 1);
    }

    @Benchmark
    public long jdkGetAndAddLong() {
        return (long) LONG.getAndAdd(jdk, 0, 1L);
    }

    @Benchmark
    public long libraryGetLongAcquire() {
        return memory.getLongAcquire(64);
    }

    @Benchmark
    public long jdkGetLongAcquire() {
        return (long) LONG.getAcquire(jdk, 64);
    }

    @Benchmark
    public void librarySetLongRelease() {
        memory.setLongRelease(128, value++);
    }

    @Benchmark
    public void jdkSetLongRelease() {
        LONG.setRelease(jdk, 128, value++);
    }

    @Benchmark
    public ByteBuffer libraryPut4KiB() {
        source.clear();
        memory.put(PAYLOAD, source);
        return source;
    }

    @Benchmark
    public ByteBuffer jdkPut4KiB() {
        jdk.put(PAYLOAD, source, 0, PAYLOAD);
        return jdk;
    }

    @Benchmark
    public ByteBuffer libraryGet4KiB() {
        target.clear();
        memory.get(PAYLOAD, target);
        return target;
    }

    @Benchmark
    public ByteBuffer jdkGet4KiB() {
        target.put(0, jdk, PAYLOAD, PAYLOAD);
        return target;
    }
}
