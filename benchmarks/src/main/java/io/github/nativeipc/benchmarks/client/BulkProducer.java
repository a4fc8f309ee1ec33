package io.github.nativeipc.benchmarks.client;

/**
 * The producer side of the bulk copy, the Java twin of {@code bulk_produce()} in
 * {@code bench_peer.c}: chunk {@code c} gets {@code c} in its first word, waits for a free slot of
 * the ring ({@code TAIL > c - SLOTS}), is copied into slot {@code c % SLOTS} and published
 * ({@code HEAD = c + 1}, release). The first {@code warmup} chunks are not timed; the rest are,
 * from before their first copy to the consumer's last acknowledgement ({@code TAIL == warmup + chunks}).
 */
interface BulkProducer extends AutoCloseable {
    /** Copies {@code warmup + chunks} chunks through the ring; the nanoseconds the last {@code chunks} took. */
    long produce(long warmup, long chunks);
}
