package io.github.nativeipc.benchmarks;

/**
 * The cross-process transports the library has today: one shared-memory block carrying the
 * message with three kinds of doorbell, two kinds of kernel message queue and a pair of FIFOs
 * that carry the message themselves; what the alternative Java client uses for each.
 */
public enum Transport {
    /** Release store / acquire load of an int64 sequence number, spinning (then yielding) to wait. */
    SPIN("spin", "shm + spin doorbell", "JDK MappedByteBuffer + VarHandle"),
    /** {@code sem_post}/{@code sem_wait} on two named semaphores ({@code sem_open}). */
    NAMED_SEMAPHORE("named", "shm + named semaphores", "JNA direct sem_post/sem_wait + JDK MappedByteBuffer"),
    /** {@code sem_post}/{@code sem_wait} on two process-shared {@code sem_t}s inside the block. */
    UNNAMED_SEMAPHORE("unnamed", "shm + unnamed semaphores", "JNA direct sem_post/sem_wait + JDK MappedByteBuffer"),
    /** Two POSIX message queues (requests, replies), blocking {@code mq_send}/{@code mq_receive}. */
    POSIX_MQ("mq", "POSIX message queues",
            "JNA direct mq_send/mq_receive with a Pointer to the direct buffer (Native.getDirectBufferPointer)"),
    /** One System V message queue, requests of type 1 and replies of type 2, blocking {@code msgsnd}/{@code msgrcv}. */
    SYSV_MSG("sysv", "System V message queue",
            "JNA direct msgsnd/msgrcv with a Pointer to a direct buffer holding the type then the payload"),
    /**
     * Two FIFOs (requests, replies), blocking {@code write}/{@code read} of exactly the message size.
     * Once open, a FIFO is a pipe (the kernel's {@code fs/pipe.c} serves both), so this is also the
     * anonymous pipes' round trip.
     */
    FIFO("fifo", "FIFOs (pipes)", "JDK FileChannel opened on the FIFO paths");

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

    /** Whether the kernel carries the message (a message queue), rather than a shared block and a doorbell. */
    public boolean isMessageQueue() {
        return this == POSIX_MQ || this == SYSV_MSG || this == FIFO;
    }
}
