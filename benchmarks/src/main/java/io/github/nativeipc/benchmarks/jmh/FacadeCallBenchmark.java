package io.github.nativeipc.benchmarks.jmh;

import io.github.nativeipc.IpcName;
import io.github.nativeipc.LocalServer;
import io.github.nativeipc.LocalSocket;
import io.github.nativeipc.NamedSemaphore;
import io.github.nativeipc.benchmarks.client.PrivateBuffer;
import io.github.nativeipc.posix.UnixServerSocketChannel;
import io.github.nativeipc.posix.UnixSocketAddress;
import io.github.nativeipc.posix.UnixSocketChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the portable facade costs over the typed layer it delegates to, in one process: a
 * {@link LocalSocket} write + read (client to accepted end, then back) beside the same through the
 * {@link UnixSocketChannel}s of a server the typed layer made, and a facade {@link NamedSemaphore}
 * release + tryAcquire beside the typed {@code io.github.nativeipc.posix.NamedSemaphore} on the
 * same kernel semaphore. The budget is 2% over the typed layer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FacadeCallBenchmark {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Param({"8", "4096"})
    public int size;

    private IpcName name;
    private LocalServer facadeServer;
    private LocalSocket facadeClient;
    private LocalSocket facadeAccepted;
    private Path dir;
    private UnixServerSocketChannel typedServer;
    private UnixSocketChannel typedClient;
    private UnixSocketChannel typedAccepted;
    private NamedSemaphore facadeSemaphore;
    private io.github.nativeipc.posix.NamedSemaphore typedSemaphore;
    private ByteBuffer out;
    private ByteBuffer in;

    @Setup
    public void open() throws Exception {
        name = IpcName.of("nipc-jmh" + ProcessHandle.current().pid());
        facadeServer = LocalServer.bind(name);
        facadeClient = LocalSocket.connect(name, TIMEOUT);
        facadeAccepted = facadeServer.accept(TIMEOUT);
        dir = Files.createTempDirectory("nipc-jmh-facade");
        UnixSocketAddress at = UnixSocketAddress.of(dir.resolve("typed.sock"));
        typedServer = UnixServerSocketChannel.bind(at);
        typedClient = UnixSocketChannel.connect(at);
        typedAccepted = typedServer.accept(TIMEOUT);
        facadeSemaphore = NamedSemaphore.create(name, 0);
        typedSemaphore = io.github.nativeipc.posix.NamedSemaphore.open(name.posixName());
        out = PrivateBuffer.allocate(size);
        in = PrivateBuffer.allocate(size);
    }

    @TearDown
    public void close() throws IOException {
        facadeClient.close();
        facadeAccepted.close();
        facadeServer.close();
        typedClient.close();
        typedAccepted.close();
        typedServer.close();
        Files.delete(dir);
        facadeSemaphore.remove();
        facadeSemaphore.close();
        typedSemaphore.close();
    }

    @Benchmark
    public int facadeLocalSocketWriteRead() throws IOException {
        out.clear();
        in.clear();
        facadeClient.write(out);
        return facadeAccepted.read(in);
    }

    @Benchmark
    public int typedUnixSocketWriteRead() throws IOException {
        out.clear();
        in.clear();
        typedClient.write(out);
        return typedAccepted.read(in);
    }

    @Benchmark
    public boolean facadeSemaphoreReleaseTryAcquire() throws IOException {
        facadeSemaphore.release();
        return facadeSemaphore.tryAcquire();
    }

    @Benchmark
    public boolean typedSemaphorePostTryAcquire() throws IOException {
        typedSemaphore.post();
        return typedSemaphore.tryAcquire();
    }
}
