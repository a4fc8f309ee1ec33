package io.github.nativeipc.benchmarks;

import java.util.List;

/** How the bulk copy travels: through a ring in shared memory, through a FIFO (a pipe), or over a Unix stream socket. */
public enum BulkTransport implements Compared {
    /** A {@link BenchLayout#SLOTS}-slot ring in the shared block, spin doorbells for head and tail. */
    RING("spin", "shm ring", "JDK MappedByteBuffer + VarHandle"),
    /**
     * A FIFO: the producer {@code write}s each 64 KiB chunk, the C consumer {@code read}s it until
     * complete and checks its number; at the end it writes one byte to a second FIFO, the
     * acknowledgement the producer's clock stops at.
     */
    FIFO("fifo", "FIFO (pipe)", "JDK FileChannel on the FIFO"),
    /**
     * A Unix stream socket: as the FIFO, the C consumer (the server) reading each chunk until
     * complete, and its one-byte acknowledgement coming back on the same connection.
     */
    UNIX_STREAM("stream", "Unix stream socket", List.of(
            Alternative.of(Pair.JDK_CHANNEL, "JDK SocketChannel.open(UnixDomainSocketAddress)")));

    private final String argument;
    private final String label;
    private final List<Alternative> alternatives;

    BulkTransport(String argument, String label, String alternative) {
        this(argument, label, List.of(Alternative.of(Pair.ALTERNATIVE, alternative)));
    }

    BulkTransport(String argument, String label, List<Alternative> alternatives) {
        this.argument = argument;
        this.label = label;
        this.alternatives = alternatives;
    }

    public String argument() {
        return argument;
    }

    public String label() {
        return label;
    }

    @Override
    public List<Alternative> alternatives() {
        return alternatives;
    }
}
