package io.github.nativeipc.benchmarks.client;

import io.github.nativeipc.benchmarks.BenchLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;

/**
 * The JDK alternative to {@link LibrarySpinTransport}: a {@link MappedByteBuffer} over
 * {@code /dev/shm/NAME} ({@link JdkMapping}), bulk {@code put}/{@code get} for the payload and a
 * byte-buffer-view {@link VarHandle} with release store / acquire load on the sequence number.
 */
final class JdkSpinTransport implements RoundTripTransport {
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final MappedByteBuffer block;
    private final int spinLimit;

    JdkSpinTransport(String shmName, int spinLimit) throws Exception {
        this.block = JdkMapping.map(shmName);
        this.spinLimit = spinLimit;
    }

    @Override
    public void send(long i, ByteBuffer request) {
        int n = request.remaining();
        block.put(BenchLayout.MESSAGE, request, request.position(), n);
        request.position(request.position() + n);
        LONG.setRelease(block, BenchLayout.SEQ, 2 * i + 1);
    }

    @Override
    public void receive(long i, ByteBuffer reply) {
        int spins = 0;
        while ((long) LONG.getAcquire(block, BenchLayout.SEQ) < 2 * i + 2) {
            spins = SpinBackOff.next(spins, spinLimit);
        }
        int n = reply.remaining();
        reply.put(reply.position(), block, BenchLayout.MESSAGE, n);
        reply.position(reply.position() + n);
    }

    @Override
    public void close() {
        // The mapping goes when the buffer is collected; the process ends right after.
    }
}
