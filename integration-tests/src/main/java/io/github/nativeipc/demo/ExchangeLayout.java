package io.github.nativeipc.demo;

/**
 * Layout of the exchange block that the demo, the integration tests and the C peers
 * ({@code src/test/c/peer.h}) share in one POSIX shared-memory object. The numbers are the C
 * header's; a test checks them against the header.
 */
public final class ExchangeLayout {
    private ExchangeLayout() {}

    /** {@code uint32}: 1 once the creator initialised the block (release store, acquire load). */
    public static final int READY = 0;
    /** {@code sem_t}: request posted (unnamed-semaphore mode). */
    public static final int REQ_SEM = 64;
    /** {@code sem_t}: response posted (unnamed-semaphore mode). */
    public static final int RESP_SEM = 128;
    /** {@code int64}: counter both sides add to with {@code atomic_fetch_add}. */
    public static final int COUNTER = 192;
    /** {@code uint32}: start gate for the counter race. */
    public static final int START = 200;
    /** {@code int64}: sequence number of the spin exchange (odd: request, even: reply). */
    public static final int SEQ = 208;
    /** {@code uint32}: length of the message in the buffer. */
    public static final int LENGTH = 216;
    /** The message bytes. */
    public static final int BUFFER = 256;
    public static final int BUFFER_SIZE = 4096;
    /** Bytes the block needs. */
    public static final int SIZE = BUFFER + BUFFER_SIZE;
}
