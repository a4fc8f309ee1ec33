package io.github.nativeipc.benchmarks;

/**
 * Layout of the benchmark block, the one shared-memory object that the C server, the C client and
 * the Java clients share. The numbers are those of {@code src/main/c/bench.h}; a test compares them.
 */
public final class BenchLayout {
    private BenchLayout() {}

    /** {@code sem_t}: request posted (unnamed-semaphore doorbell). */
    public static final int REQ_SEM = 64;
    /** {@code sem_t}: reply posted (unnamed-semaphore doorbell). */
    public static final int RESP_SEM = 128;
    /** {@code int64}: spin doorbell; {@code 2i+1} publishes request i, {@code 2i+2} its reply. */
    public static final int SEQ = 192;
    /** {@code int64}: bulk ring, chunks published by the producer. */
    public static final int HEAD = 256;
    /** {@code int64}: bulk ring, chunks consumed by the consumer. */
    public static final int TAIL = 320;
    /** The message buffer: the request is copied in, the server replaces it with the reply. */
    public static final int MESSAGE = 4096;
    public static final int MESSAGE_MAX = 4096;
    /** The bulk ring: {@link #SLOTS} slots of {@link #SLOT_SIZE} bytes. */
    public static final int RING = 8192;
    public static final int SLOT_SIZE = 65536;
    public static final int SLOTS = 4;
    /** Bytes the block needs. */
    public static final int SIZE = RING + SLOTS * SLOT_SIZE;
    /** Where the clients' private buffers start within a page (the shared buffers start on page boundaries). */
    public static final int PRIVATE_PAGE_OFFSET = 2048;
    /** The server answers a request whose first word is {@code w} with {@code w ^ REPLY_MAGIC}. */
    public static final long REPLY_MAGIC = 0x5A5A5A5A5A5A5A5AL;
}
