package io.github.nativeipc.benchmarks;

import java.util.List;

/**
 * The cross-process transports the library has today: one shared-memory block carrying the
 * message with three kinds of doorbell, two kinds of kernel message queue, a pair of FIFOs and a
 * Unix domain socket of two types, which carry the message themselves; what a Java user could
 * pick instead for each (one alternative; for the sockets three, side by side), and for the message
 * queues, FIFOs and sockets also this library's raw binding without its typed layer; and, where the
 * portable facade reaches the same kernel objects (shared memory, named semaphores, a local stream
 * socket), a row through the facade beside the typed layer's.
 */
public enum Transport implements Compared {
    /** Release store / acquire load of an int64 sequence number, spinning (then yielding) to wait. */
    SPIN("spin", "shm + spin doorbell",
            "SharedMemory.open(IpcName).map(): the typed row's MappedMemory and loop, opened through the facade",
            single("JDK MappedByteBuffer + VarHandle")),
    /** {@code sem_post}/{@code sem_wait} on two named semaphores ({@code sem_open}). */
    NAMED_SEMAPHORE("named", "shm + named semaphores",
            "SharedMemory.open(IpcName).map() for the message, NamedSemaphore.open(IpcName) release()/acquire() for the"
                    + " doorbells (the portable names of the same /NAME objects)",
            single("JNA direct sem_post/sem_wait + JDK MappedByteBuffer")),
    /** {@code sem_post}/{@code sem_wait} on two process-shared {@code sem_t}s inside the block. */
    UNNAMED_SEMAPHORE("unnamed", "shm + unnamed semaphores", null, single("JNA direct sem_post/sem_wait + JDK MappedByteBuffer")),
    /** Two POSIX message queues (requests, replies), blocking {@code mq_send}/{@code mq_receive}. */
    POSIX_MQ("mq", "POSIX message queues", null, List.of(
            Alternative.of(Pair.ALTERNATIVE,
                    "JNA direct mq_send/mq_receive with a Pointer to the direct buffer (Native.getDirectBufferPointer)"),
            rawBinding("mq_timedsend/mq_timedreceive without a timeout on the direct buffers' addresses"))),
    /** One System V message queue, requests of type 1 and replies of type 2, blocking {@code msgsnd}/{@code msgrcv}. */
    SYSV_MSG("sysv", "System V message queue", null, List.of(
            Alternative.of(Pair.ALTERNATIVE,
                    "JNA direct msgsnd/msgrcv with a Pointer to a direct buffer holding the type then the payload"),
            rawBinding("msgsnd/msgrcv on direct buffers holding the type then the payload, copied in and out as the"
                    + " library copies it"))),
    /**
     * Two FIFOs (requests, replies), blocking {@code write}/{@code read} of exactly the message size.
     * Once open, a FIFO is a pipe (the kernel's {@code fs/pipe.c} serves both), so this is also the
     * anonymous pipes' round trip.
     */
    FIFO("fifo", "FIFOs (pipes)", null, List.of(
            Alternative.of(Pair.ALTERNATIVE, "JDK FileChannel opened on the FIFO paths"),
            rawBinding("open, then write/read on the descriptors until each message is complete"))),
    /**
     * One connected Unix stream socket: the request is written, the reply read back on the same
     * connection, blocking {@code write}/{@code read} of exactly the message size. The C server
     * listens where the facade's name for the run maps ({@link BenchObjects}), so that the facade's
     * {@code LocalSocket} reaches it by name like every other client by path.
     */
    UNIX_STREAM("stream", "Unix stream socket",
            "LocalSocket.connect(IpcName, timeout) to the C server listening at LocalServer.socketPath(IpcName),"
                    + " blocking write(ByteBuffer)/read(ByteBuffer) on the same direct buffers",
            List.of(
                    Alternative.of(Pair.JDK_CHANNEL,
                            "JDK SocketChannel.open(UnixDomainSocketAddress) (Java 16+), blocking, direct buffers"),
                    Alternative.of(Pair.JNR_UNIXSOCKET,
                            "jnr-unixsocket 0.38.23 UnixSocketChannel.open(UnixSocketAddress), blocking, direct buffers"),
                    Alternative.of(Pair.JUNIXSOCKET,
                            "junixsocket 2.10.1 AFUNIXSocketChannel.open(AFUNIXSocketAddress), blocking, direct buffers"),
                    rawBinding("socket + connect, then write/read on the descriptor until each message is complete"))),
    /** As {@link #UNIX_STREAM} on a seqpacket socket: each message one write and one read. The facade's sockets are stream only. */
    UNIX_SEQPACKET("seqpacket", "Unix seqpacket socket", null, List.of(
            Alternative.notAvailable(Pair.JDK_CHANNEL, "the JDK's Unix domain channels are stream only"),
            Alternative.notAvailable(Pair.JNR_UNIXSOCKET, "jnr-unixsocket opens stream sockets only"),
            Alternative.of(Pair.JUNIXSOCKET, "junixsocket 2.10.1 AFUNIXDatagramChannel of AFSocketType.SOCK_SEQPACKET,"
                    + " connected, blocking, direct buffers"),
            rawBinding("socket + connect, then write and recv(MSG_TRUNC) on the descriptor, as the library reads")));

    private final String argument;
    private final String label;
    private final String facade;
    private final List<Alternative> alternatives;

    Transport(String argument, String label, String facade, List<Alternative> alternatives) {
        this.argument = argument;
        this.label = label;
        this.facade = facade;
        this.alternatives = alternatives;
    }

    /** This library's raw binding without the typed layer ({@link Pair#RAW_BINDING}): the floor of its approach. */
    private static Alternative rawBinding(String calls) {
        return Alternative.of(Pair.RAW_BINDING, "this library's raw binding (LibC, jnr-ffi) called from the loop, no"
                + " typed layer: " + calls);
    }

    private static List<Alternative> single(String uses) {
        return List.of(Alternative.of(Pair.ALTERNATIVE, uses));
    }

    /** The TRANSPORT argument of {@code bench_peer} and {@code JavaClient}. */
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

    @Override
    public String facade() {
        return facade;
    }

    /** Whether the facade has a row here ({@link Pair#FACADE}). */
    public boolean hasFacade() {
        return facade != null;
    }

    /** Whether the kernel carries the message (a queue, a pipe, a socket), rather than a shared block and a doorbell. */
    public boolean isMessageQueue() {
        return this == POSIX_MQ || this == SYSV_MSG || this == FIFO || isSocket();
    }

    /** Whether the message travels over a Unix domain socket, whose path the server creates. */
    public boolean isSocket() {
        return this == UNIX_STREAM || this == UNIX_SEQPACKET;
    }
}
