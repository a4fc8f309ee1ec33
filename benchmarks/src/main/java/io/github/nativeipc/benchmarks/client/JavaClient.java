package io.github.nativeipc.benchmarks.client;

import io.github.nativeipc.bindings.PosixConstants;
import io.github.nativeipc.posix.UnixSocketType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * The Java client process the harness starts (under {@code taskset} like the C client), taking the
 * same arguments as {@code bench_peer client} and {@code bench_peer bulk-produce} after the choice
 * of implementation:
 * <pre>
 * JavaClient library|facade|alternative TRANSPORT SHM REQ RESP SIZE WARMUP COUNT SPIN_LIMIT OUT
 * JavaClient library|facade|jdk|jnr-unixsocket|junixsocket stream|seqpacket - PATH - SIZE WARMUP COUNT SPIN_LIMIT OUT
 * JavaClient library|alternative bulk SHM WARMUP CHUNKS SPIN_LIMIT OUT
 * JavaClient library|alternative bulk-fifo DATA ACK WARMUP CHUNKS OUT
 * JavaClient library|jdk bulk-stream PATH WARMUP CHUNKS OUT
 * </pre>
 * {@code library} is this library's typed layer; {@code facade} its portable facade, where it
 * reaches the transport (spin and named: {@code SharedMemory} and {@code NamedSemaphore} of the
 * portable names of SHM, REQ and RESP; stream: {@code LocalSocket} of the name that maps to PATH,
 * see {@link FacadeNames}); {@code alternative} is what a Java user could use instead: a
 * JDK {@code MappedByteBuffer} with {@code VarHandle}s for the spin doorbell and the bulk ring, JNA
 * direct mapping of {@code sem_post}/{@code sem_wait} for the semaphore doorbells, of
 * {@code mq_send}/{@code mq_receive} and {@code msgsnd}/{@code msgrcv} for the message queues
 * (REQ and RESP are then the queue names, or the System V queue id and "-"), a JDK
 * {@code FileChannel} on the FIFO paths for the FIFOs. The Unix sockets have three alternatives,
 * named: {@code jdk} (the JDK's {@code SocketChannel}), {@code jnr-unixsocket} and
 * {@code junixsocket} (see {@link ChannelTransport}); an alternative that has no socket of the
 * type asked for is refused with the reason. Writes the
 * samples to {@code OUT} as native-order int64 nanoseconds, like the C client, and for the round
 * trips the bytes this thread allocated during the recorded ones to {@code OUT.alloc} (one int64).
 */
public final class JavaClient {
    private JavaClient() {}

    public static void main(String[] args) throws Exception {
        String client = args.length > 0 ? args[0] : "";
        if (!List.of("library", "facade", "alternative", "raw", "jdk", "jnr-unixsocket", "junixsocket").contains(client)) {
            throw usage(args);
        }
        if ((client.equals("facade") || client.equals("raw")) && args.length > 1 && args[1].startsWith("bulk")) {
            throw new IllegalArgumentException("the bulk copies have no " + client + " producer (library or an alternative)");
        }
        boolean library = client.equals("library");
        if (args.length == 6 && args[1].equals("bulk-stream")) {
            try (ChannelBulkProducer producer = switch (client) {
                case "library" -> ChannelBulkProducer.librarySocket(args[2]);
                case "jdk" -> ChannelBulkProducer.jdkSocket(args[2]);
                default -> throw new IllegalArgumentException("no bulk-stream producer " + client + " (library, jdk)");
            }) {
                writeSamples(Path.of(args[5]), new long[] {producer.produce(Long.parseLong(args[3]), Long.parseLong(args[4]))});
            }
            System.out.println("produced " + args[4]);
            return;
        }
        if (args.length == 7 && args[1].equals("bulk")) {
            long warmup = Long.parseLong(args[3]);
            long chunks = Long.parseLong(args[4]);
            int spinLimit = Integer.parseInt(args[5]);
            try (BulkProducer producer = library
                    ? new LibraryRingProducer(args[2], spinLimit)
                    : new JdkRingProducer(args[2], spinLimit)) {
                writeSamples(Path.of(args[6]), new long[] {producer.produce(warmup, chunks)});
            }
            System.out.println("produced " + chunks);
            return;
        }
        if (args.length == 7 && args[1].equals("bulk-fifo")) {
            try (ChannelBulkProducer producer = library ? ChannelBulkProducer.libraryFifo(args[2], args[3])
                    : ChannelBulkProducer.jdkFifo(args[2], args[3])) {
                writeSamples(Path.of(args[6]), new long[] {producer.produce(Long.parseLong(args[4]), Long.parseLong(args[5]))});
            }
            System.out.println("produced " + args[5]);
            return;
        }
        if (args.length != 10) {
            throw usage(args);
        }
        String transport = args[1];
        String shm = args[2];
        int size = Integer.parseInt(args[5]);
        int warmup = Integer.parseInt(args[6]);
        int count = Integer.parseInt(args[7]);
        int spinLimit = Integer.parseInt(args[8]);
        try (RoundTripTransport t = open(client, transport, shm, args[3], args[4], spinLimit, size)) {
            RoundTripLoop.Recorded recorded = RoundTripLoop.run(t, size, warmup, count);
            writeSamples(Path.of(args[9]), recorded.nanos());
            writeSamples(Path.of(args[9] + ".alloc"), new long[] {recorded.allocatedBytes()});
        }
        System.out.println("done " + count);
    }

    /**
     * The client side {@code client} of {@code transport}, opened on the run's objects (the
     * arguments after the choice of client, as above); refuses a client that has no way to run it.
     */
    public static RoundTripTransport open(String client, String transport, String shm, String req, String resp,
            int spinLimit, int size) throws Exception {
        if (client.equals("facade")) {
            return switch (transport) {
                case "spin" -> LibrarySpinTransport.facade(shm, spinLimit);
                case "named" -> FacadeSemaphoreTransport.named(shm, req, resp);
                case "stream" -> ChannelTransport.facadeSocket(req);
                default -> throw new IllegalArgumentException("the facade does not reach " + transport
                        + " (spin and named: SharedMemory + NamedSemaphore; stream: LocalSocket)");
            };
        }
        if (transport.equals("stream") || transport.equals("seqpacket")) {
            UnixSocketType type = transport.equals("stream") ? UnixSocketType.STREAM : UnixSocketType.SEQPACKET;
            return switch (client) {
                case "library" -> ChannelTransport.librarySocket(req, type);
                case "raw" -> RawBindingTransport.socket(req, type == UnixSocketType.STREAM ? PosixConstants.SOCK_STREAM
                        : PosixConstants.SOCK_SEQPACKET);
                case "junixsocket" -> ChannelTransport.junixsocket(req, type);
                case "jdk", "jnr-unixsocket" -> {
                    if (type != UnixSocketType.STREAM) {
                        throw new IllegalArgumentException(client + " has no seqpacket socket");
                    }
                    yield client.equals("jdk") ? ChannelTransport.jdkSocket(req) : ChannelTransport.jnrUnixSocket(req);
                }
                default -> throw new IllegalArgumentException(
                        "the sockets' alternatives are raw, jdk, jnr-unixsocket and junixsocket, not " + client);
            };
        }
        if (client.equals("raw")) {
            return switch (transport) {
                case "mq" -> RawBindingTransport.messageQueues(req, resp);
                case "sysv" -> RawBindingTransport.sysV(Integer.parseInt(req), size);
                case "fifo" -> RawBindingTransport.fifos(req, resp);
                default -> throw new IllegalArgumentException("the raw binding's client runs mq, sysv, fifo and the sockets, not "
                        + transport);
            };
        }
        if (!client.equals("library") && !client.equals("alternative")) {
            throw new IllegalArgumentException(transport + " has one alternative, \"alternative\", not " + client);
        }
        boolean library = client.equals("library");
        return switch (transport) {
            case "spin" -> library ? LibrarySpinTransport.typed(shm, spinLimit) : new JdkSpinTransport(shm, spinLimit);
            case "named" -> library ? LibrarySemaphoreTransport.named(shm, req, resp)
                    : JnaSemaphoreTransport.named(shm, req, resp);
            case "unnamed" -> library ? LibrarySemaphoreTransport.unnamed(shm) : JnaSemaphoreTransport.unnamed(shm);
            case "mq" -> library ? new LibraryMqTransport(req, resp) : new JnaMqTransport(req, resp);
            case "sysv" -> library ? new LibrarySysVTransport(Integer.parseInt(req))
                    : new JnaSysVTransport(Integer.parseInt(req), size);
            case "fifo" -> library ? ChannelTransport.libraryFifos(req, resp) : ChannelTransport.jdkFifos(req, resp);
            default -> throw new IllegalArgumentException("unknown transport " + transport
                    + " (spin, named, unnamed, mq, sysv, fifo, stream, seqpacket)");
        };
    }

    private static void writeSamples(Path out, long[] samples) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(samples.length * Long.BYTES).order(ByteOrder.nativeOrder());
        bytes.asLongBuffer().put(samples);
        try (FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
        }
    }

    private static IllegalArgumentException usage(String[] args) {
        return new IllegalArgumentException("usage: JavaClient library|facade|alternative|raw|jdk|jnr-unixsocket|junixsocket TRANSPORT"
                + " SHM REQ RESP SIZE WARMUP COUNT SPIN_LIMIT OUT | JavaClient library|alternative bulk SHM WARMUP CHUNKS"
                + " SPIN_LIMIT OUT | JavaClient library|alternative bulk-fifo DATA ACK WARMUP CHUNKS OUT"
                + " | JavaClient library|jdk bulk-stream PATH WARMUP CHUNKS OUT; got " + Arrays.toString(args));
    }
}
