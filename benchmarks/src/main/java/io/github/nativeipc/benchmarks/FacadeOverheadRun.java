package io.github.nativeipc.benchmarks;

import io.github.nativeipc.IpcName;
import io.github.nativeipc.LocalServer;
import io.github.nativeipc.LocalSocket;
import io.github.nativeipc.NamedSemaphore;
import io.github.nativeipc.posix.UnixServerSocketChannel;
import io.github.nativeipc.posix.UnixSocketAddress;
import io.github.nativeipc.posix.UnixSocketChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * The facade's cost over the typed layer, measured interleaved in one JVM: blocks of 200,000
 * operations through the facade and through the typed layer alternate (which goes first swaps
 * every block), after a warm-up of both, so drift of the machine falls on both alike; the ratio is
 * taken per block and the median reported. Operations: a write + read between a connected client
 * and its accepted end ({@link LocalSocket} beside {@link UnixSocketChannel}, 8 B and 4 KiB, direct
 * buffers), and a semaphore release + tryAcquire (the facade's {@link NamedSemaphore} beside the
 * typed one on the same kernel semaphore), with a control row (the typed loop beside itself) that
 * shows the method's own bias. Run by {@code benchmarks/run.sh --facade-overhead};
 * prints its table. JMH's separate forks per benchmark ({@code FacadeCallBenchmark}) run the facade
 * before the typed layer in every sitting, which is why this interleaved run exists.
 */
public final class FacadeOverheadRun {
    private FacadeOverheadRun() {}

    private static final int BLOCKS = 20;
    private static final int OPERATIONS = 200_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private interface Block {
        void run(int n) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        System.out.println("| operation | facade ns/op (median block) | typed ns/op | facade / typed: median | min | max |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        IpcName name = IpcName.of("nipc-overhead" + ProcessHandle.current().pid());
        Path dir = Files.createTempDirectory("nipc-overhead");
        UnixSocketAddress at = UnixSocketAddress.of(dir.resolve("typed.sock"));
        try (LocalServer facadeServer = LocalServer.bind(name);
                LocalSocket facadeClient = LocalSocket.connect(name, TIMEOUT);
                LocalSocket facadeAccepted = facadeServer.accept(TIMEOUT);
                UnixServerSocketChannel typedServer = UnixServerSocketChannel.bind(at);
                UnixSocketChannel typedClient = UnixSocketChannel.connect(at);
                UnixSocketChannel typedAccepted = typedServer.accept(TIMEOUT)) {
            for (int size : new int[] {8, 4096}) {
                ByteBuffer out = ByteBuffer.allocateDirect(size);
                ByteBuffer in = ByteBuffer.allocateDirect(size);
                compare("local socket write + read, " + size + " B", n -> {
                    for (int i = 0; i < n; i++) {
                        out.clear();
                        in.clear();
                        facadeClient.write(out);
                        facadeAccepted.read(in);
                    }
                }, n -> {
                    for (int i = 0; i < n; i++) {
                        out.clear();
                        in.clear();
                        typedClient.write(out);
                        typedAccepted.read(in);
                    }
                });
            }
        } finally {
            Files.deleteIfExists(dir.resolve("typed.sock"));
            Files.delete(dir);
        }
        try (NamedSemaphore facade = NamedSemaphore.create(name, 0);
                io.github.nativeipc.posix.NamedSemaphore typed = io.github.nativeipc.posix.NamedSemaphore.open(name.posixName())) {
            try {
                compare("semaphore release + tryAcquire", n -> {
                    for (int i = 0; i < n; i++) {
                        facade.release();
                        facade.tryAcquire();
                    }
                }, n -> {
                    for (int i = 0; i < n; i++) {
                        typed.post();
                        typed.tryAcquire();
                    }
                });
                // The harness's own bias: the same typed loop twice should give 1.000.
                compare("control: typed semaphore beside itself", n -> {
                    for (int i = 0; i < n; i++) {
                        typed.post();
                        typed.tryAcquire();
                    }
                }, n -> {
                    for (int i = 0; i < n; i++) {
                        typed.post();
                        typed.tryAcquire();
                    }
                });
            } finally {
                facade.remove();
            }
        }
    }

    private static void compare(String label, Block facade, Block typed) throws Exception {
        for (int w = 0; w < 3; w++) {
            facade.run(OPERATIONS);
            typed.run(OPERATIONS);
        }
        double[] f = new double[BLOCKS];
        double[] t = new double[BLOCKS];
        double[] ratio = new double[BLOCKS];
        for (int b = 0; b < BLOCKS; b++) {
            if (b % 2 == 0) {
                f[b] = time(facade);
                t[b] = time(typed);
            } else {
                t[b] = time(typed);
                f[b] = time(facade);
            }
            ratio[b] = f[b] / t[b];
        }
        Arrays.sort(f);
        Arrays.sort(t);
        Arrays.sort(ratio);
        System.out.printf("| %s | %.1f | %.1f | %.4f | %.3f | %.3f |%n", label, median(f), median(t), median(ratio), ratio[0],
                ratio[BLOCKS - 1]);
    }

    private static double time(Block block) throws Exception {
        long start = System.nanoTime();
        block.run(OPERATIONS);
        return (System.nanoTime() - start) / (double) OPERATIONS;
    }

    private static double median(double[] sorted) {
        return (sorted[BLOCKS / 2 - 1] + sorted[BLOCKS / 2]) / 2;
    }
}
