package io.github.nativeipc.benchmarks.jmh;

import com.sun.jna.Pointer;
import io.github.nativeipc.benchmarks.client.JnaPlainSemaphores;
import io.github.nativeipc.benchmarks.client.JnaSemaphores;
import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.memory.MappedMemory;
import io.github.nativeipc.posix.CreateOptions;
import io.github.nativeipc.posix.NamedSemaphore;
import io.github.nativeipc.posix.PosixSharedMemory;
import io.github.nativeipc.posix.UnnamedSemaphore;
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
 * What one {@code sem_post} + {@code sem_trywait} pair costs from Java, on an uncontended
 * semaphore in one process (two native calls that never block or enter the kernel): through this
 * library's {@link NamedSemaphore} and {@link UnnamedSemaphore} ({@code post()} +
 * {@code tryAcquire()}, with their close guard and errno handling), through the raw jnr-ffi
 * binding underneath ({@link LibC}), and through JNA direct mapping, with errno
 * ({@link JnaSemaphores}, as the round-trip alternative uses it) and without
 * ({@link JnaPlainSemaphores}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SemaphoreCallBenchmark {
    private static final LibC C = Native.libc();

    private NamedSemaphore named;
    private PosixSharedMemory shm;
    private MappedMemory memory;
    private UnnamedSemaphore unnamed;
    private long raw;
    private Pointer jna;
    private Pointer jnaPlain;

    @Setup
    public void open() throws IpcException {
        String base = "/nipc-jmh" + ProcessHandle.current().pid();
        CreateOptions removeOnClose = CreateOptions.defaults().unlinkOnClose(true);
        named = NamedSemaphore.create(base + "-sem", 0, removeOnClose);
        raw = C.sem_open(base + "-sem", 0);
        jna = JnaSemaphores.sem_open(base + "-sem", 0);
        jnaPlain = JnaPlainSemaphores.sem_open(base + "-sem", 0);
        shm = PosixSharedMemory.create(base + "-shm", 4096, removeOnClose);
        memory = shm.map();
        unnamed = UnnamedSemaphore.init(memory, 64, 0);
    }

    @TearDown
    public void close() throws IpcException {
        JnaSemaphores.sem_close(jna);
        JnaPlainSemaphores.sem_close(jnaPlain);
        C.sem_close(raw);
        named.close();
        unnamed.destroy();
        memory.close();
        shm.close();
    }

    @Benchmark
    public boolean libraryNamedPostTryAcquire() throws IpcException {
        named.post();
        return named.tryAcquire();
    }

    @Benchmark
    public boolean libraryUnnamedPostTryAcquire() throws IpcException {
        unnamed.post();
        return unnamed.tryAcquire();
    }

    @Benchmark
    public int jnrBindingPostTrywait() {
        C.sem_post(raw);
        return C.sem_trywait(raw);
    }

    @Benchmark
    public int jnaDirectPostTrywait() {
        JnaSemaphores.sem_post(jna);
        return JnaSemaphores.sem_trywait(jna);
    }

    @Benchmark
    public int jnaDirectNoErrnoPostTrywait() {
        JnaPlainSemaphores.sem_post(jnaPlain);
        return JnaPlainSemaphores.sem_trywait(jnaPlain);
    }
}
