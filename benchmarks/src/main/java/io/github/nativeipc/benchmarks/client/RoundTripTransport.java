package io.github.nativeipc.benchmarks.client;

import java.nio.ByteBuffer;

/**
 * One client side of the round-trip exchange with {@code bench_peer serve}: the request is copied
 * into the shared message buffer and a doorbell rings; the client waits for the reply doorbell and
 * copies the reply out. Implementations differ only in how they reach the memory and the doorbell
 * (this library's typed layer or its facade, or what a Java user could pick instead); each is
 * opened by {@link JavaClient#open}. Not thread-safe: one client thread.
 */
public interface RoundTripTransport extends AutoCloseable {
    /** Copies {@code request}'s remaining bytes into the message buffer and rings request {@code i}. */
    void send(long i, ByteBuffer request) throws Exception;

    /** Waits for the reply to request {@code i} and copies it into {@code reply}'s remaining bytes. */
    void receive(long i, ByteBuffer reply) throws Exception;
}
