package io.github.nativeipc.benchmarks;

/**
 * The cross-process transports the library has today, each one shared-memory block carrying the
 * message and a different doorbell; what the alternative Java client uses for each.
 */
public enum Transport {
    /** Release store / acquire load of an int64 sequence number, spinning (then yielding) to wait. */
    SPIN("spin", "shm + spin doorbell", "JDK MappedByteBuffer + VarHandle"),
    /** {@code sem_post}/{@code sem_wait} on two named semaphores ({@code sem_open}). */
    NAMED_SEMAPHORE("named", "shm + named semaphores", "JNA direct sem_post/sem_wait + JDK MappedByteBuffer"),
    /** {@code sem_post}/{@code sem_wait} on two process-shared {@code sem_t}s inside the block. */
    UNNAMED_SEMAPHORE("unnamed", "shm + unnamed semaphores", "JNA direct sem_post/sem_wait + JDK MappedByteBuffer");

    private final String argument;
    private final String label;
    private final String alternative;

    Transport(String argument, String label, String alternative) {
        this.argument = argument;
        this.label = label;
        this.alternative = alternative;
    }

    /** The TRANSPORT argument of {@code bench_peer} and {@code JavaClient}. */
    public String argument() {
        return argument;
    }

    public String label() {
        return label;
    }

    /** What the alternative Java client uses instead of this library. */
    public String alternative() {
        return alternative;
    }
}
