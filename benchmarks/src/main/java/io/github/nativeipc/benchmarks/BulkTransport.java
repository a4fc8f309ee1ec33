package io.github.nativeipc.benchmarks;

/** How the bulk copy travels: through a ring in shared memory, or through a FIFO (a pipe). */
public enum BulkTransport {
    /** A {@link BenchLayout#SLOTS}-slot ring in the shared block, spin doorbells for head and tail. */
    RING("spin", "shm ring", "JDK MappedByteBuffer + VarHandle"),
    /**
     * A FIFO: the producer {@code write}s each 64 KiB chunk, the C consumer {@code read}s it until
     * complete and checks its number; at the end it writes one byte to a second FIFO, the
     * acknowledgement the producer's clock stops at.
     */
    FIFO("fifo", "FIFO (pipe)", "JDK FileChannel on the FIFO");

    private final String argument;
    private final String label;
    private final String alternative;

    BulkTransport(String argument, String label, String alternative) {
        this.argument = argument;
        this.label = label;
        this.alternative = alternative;
    }

    public String argument() {
        return argument;
    }

    public String label() {
        return label;
    }

    public String alternative() {
        return alternative;
    }
}
