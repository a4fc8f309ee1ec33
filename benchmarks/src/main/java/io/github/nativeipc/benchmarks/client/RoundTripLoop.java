package io.github.nativeipc.benchmarks.client;

import io.github.nativeipc.benchmarks.BenchLayout;
import java.nio.ByteBuffer;

/**
 * The client's round-trip loop, the Java twin of {@code client()} in {@code bench_peer.c}: round
 * trip {@code i} writes {@code i} into the request's first word, then is timed from before the
 * request is copied in to after the reply is copied out, and checks that the reply's first word is
 * {@code i ^ REPLY_MAGIC}. The first {@code warmup} round trips are run but not recorded, exactly as in C.
 */
final class RoundTripLoop {
    private RoundTripLoop() {}

    /** Runs {@code warmup + count} round trips of {@code size} bytes; the nanoseconds of the last {@code count}. */
    static long[] run(RoundTripTransport transport, int size, int warmup, int count) throws Exception {
        ByteBuffer request = PrivateBuffer.allocate(size);
        ByteBuffer reply = PrivateBuffer.allocate(size);
        for (int k = 0; k < size; k++) {
            request.put(k, (byte) 'q');
        }
        long[] samples = new long[count];
        int total = warmup + count;
        for (int i = 0; i < total; i++) {
            request.putLong(0, i);
            request.clear();
            reply.clear();
            long t0 = System.nanoTime();
            transport.send(i, request);
            transport.receive(i, reply);
            long t1 = System.nanoTime();
            if (reply.getLong(0) != (i ^ BenchLayout.REPLY_MAGIC)) {
                throw new IllegalStateException("wrong reply to request " + i);
            }
            if (i >= warmup) {
                samples[i - warmup] = t1 - t0;
            }
        }
        return samples;
    }
}
