package io.github.nativeipc.benchmarks.client;

import io.github.nativeipc.benchmarks.BenchLayout;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

/**
 * The client's round-trip loop, the Java twin of {@code client()} in {@code bench_peer.c}: round
 * trip {@code i} writes {@code i} into the request's first word, then is timed from before the
 * request is copied in to after the reply is copied out, and checks that the reply's first word is
 * {@code i ^ REPLY_MAGIC}. The first {@code warmup} round trips are run but not recorded, exactly as in C.
 *
 * <p>It also counts the bytes the client thread allocates during the recorded round trips (the
 * HotSpot per-thread counter, {@code com.sun.management.ThreadMXBean}, which JMH's {@code -prof gc}
 * reads too): the warm-up and the recorded part are two calls of one loop, with the counter read
 * between them, so the recorded part runs the code the warm-up compiled, with no branch in it that
 * the warm-up never took.
 */
final class RoundTripLoop {
    private RoundTripLoop() {}

    /** The nanoseconds of each recorded round trip, and the bytes the client thread allocated meanwhile. */
    record Recorded(long[] nanos, long allocatedBytes) {}

    /** Runs {@code warmup + count} round trips of {@code size} bytes; records the last {@code count}. */
    static Recorded run(RoundTripTransport transport, int size, int warmup, int count) throws Exception {
        ByteBuffer request = PrivateBuffer.allocate(size);
        ByteBuffer reply = PrivateBuffer.allocate(size);
        for (int k = 0; k < size; k++) {
            request.put(k, (byte) 'q');
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] warmupSamples = new long[warmup];
        long[] samples = new long[count];
        roundTrips(transport, request, reply, 0, warmupSamples);
        long before = threads.getCurrentThreadAllocatedBytes();
        roundTrips(transport, request, reply, warmup, samples);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        return new Recorded(samples, allocated);
    }

    /**
     * Round trips {@code first} to {@code first + samples.length - 1}, each one's nanoseconds into
     * {@code samples}. The timed part is a method of its own, called once per round trip: HotSpot
     * compiles it (and its callees) after a few thousand calls, so every recorded round trip runs
     * compiled code. When the whole loop was one method, the warm-up ran in an on-stack-replacement
     * compilation that was discarded when the loop ended, and the recorded call, 20,000 iterations,
     * never reached the threshold for another: its timed part ran interpreted ({@code
     * -XX:+PrintCompilation}, 2026-12-06).
     */
    private static void roundTrips(RoundTripTransport transport, ByteBuffer request, ByteBuffer reply, int first,
            long[] samples) throws Exception {
        for (int k = 0; k < samples.length; k++) {
            samples[k] = roundTrip(transport, request, reply, first + k);
        }
    }

    /** Round trip {@code i}: its nanoseconds, after checking the reply. */
    private static long roundTrip(RoundTripTransport transport, ByteBuffer request, ByteBuffer reply, long i)
            throws Exception {
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
        return t1 - t0;
    }
}
