package io.github.nativeipc.benchmarks;

/**
 * Which client talks to the C server: C (the floor), this library's typed layer, this library's
 * portable facade (where it reaches the transport), or one of the things a Java user could pick
 * instead. Most transports have one such alternative ({@link #ALTERNATIVE}, named per transport);
 * the Unix sockets have three, run side by side in the same sitting; the message queues, FIFOs and
 * sockets also have this library's raw binding without the typed layer ({@link #RAW_BINDING}). Which pairs a transport runs
 * is its {@link Compared#pairs()}.
 */
public enum Pair {
    C("C<->C", "C", null),
    /** This library's typed layer ({@code io.github.nativeipc.posix}). */
    LIBRARY("Java<->C (native-ipc)", "native-ipc", "library"),
    /**
     * This library's portable facade ({@code io.github.nativeipc}: {@code SharedMemory},
     * {@code NamedSemaphore}, {@code LocalSocket}) on the same kernel objects as {@link #LIBRARY}
     * (described by the transport, {@link Compared#facade()}).
     */
    FACADE("Java<->C (facade)", "facade", "facade"),
    /** The one alternative of a transport that has a single one (described by the transport). */
    ALTERNATIVE("Java<->C (alternative)", "alternative", "alternative"),
    /**
     * The raw binding this library is built on ({@code LibC}, jnr-ffi) called straight from the
     * loop, without the typed layer: the floor of the library's own approach (message queues, FIFOs
     * and sockets, beside their alternatives).
     */
    RAW_BINDING("Java<->C (raw binding)", "raw binding", "raw"),
    /** The JDK's own {@code SocketChannel} on a {@code UnixDomainSocketAddress} (Java 16+). */
    JDK_CHANNEL("Java<->C (JDK SocketChannel)", "JDK SocketChannel", "jdk"),
    /** jnr-unixsocket's {@code UnixSocketChannel}. */
    JNR_UNIXSOCKET("Java<->C (jnr-unixsocket)", "jnr-unixsocket", "jnr-unixsocket"),
    /** junixsocket's {@code AFUNIXSocketChannel} (stream) and {@code AFUNIXDatagramChannel} of type seqpacket. */
    JUNIXSOCKET("Java<->C (junixsocket)", "junixsocket", "junixsocket");

    private final String label;
    private final String shortName;
    private final String javaClientArgument;

    Pair(String label, String shortName, String javaClientArgument) {
        this.label = label;
        this.shortName = shortName;
        this.javaClientArgument = javaClientArgument;
    }

    /** The row label of the reports: {@code Java<->C (junixsocket)}. */
    public String label() {
        return label;
    }

    /** The column name where alternatives stand side by side: {@code junixsocket}. */
    public String shortName() {
        return shortName;
    }

    /** The first argument of {@code JavaClient}; only for the Java pairs. */
    String javaClientArgument() {
        if (this == C) {
            throw new IllegalStateException("C<->C runs bench_peer client, not JavaClient");
        }
        return javaClientArgument;
    }
}
