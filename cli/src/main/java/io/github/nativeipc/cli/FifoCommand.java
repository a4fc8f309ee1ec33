package io.github.nativeipc.cli;

import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.posix.CreateOptions;
import io.github.nativeipc.posix.Fifo;
import io.github.nativeipc.posix.PipeSink;
import io.github.nativeipc.posix.PipeSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code nipc fifo create|send|receive|rm}: FIFOs through {@link Fifo}. {@code send} waits for a
 * reader and {@code receive} for a writer, as {@code open} does in C, at most {@code --timeout}
 * ({@code 0}: do not wait); {@code receive} reads until the writer closes its end.
 */
final class FifoCommand {
    private FifoCommand() {}

    private static final List<String> VERBS = List.of("create", "send", "receive", "rm");
    /** Without --timeout, wait as long as C's open would: this long is "for ever" here. */
    private static final Duration FOREVER = Duration.ofDays(3650);

    static void run(List<String> args, Io io) throws UsageException, Outcome, IpcException, IOException, InterruptedException {
        String verb = Nipc.verb("fifo", args, VERBS, io);
        if (verb == null) {
            return;
        }
        List<String> rest = args.subList(1, args.size());
        String command = "nipc fifo " + verb;
        switch (verb) {
            case "create": {
                Args a = Args.parse(command, rest, Set.of("mode"), Set.of());
                Path path = Path.of(a.positional(0, "PATH"));
                a.atMost(1);
                Fifo.create(path, CreateOptions.defaults().mode(a.mode()));
                return;
            }
            case "send":
                send(Args.parse(command, rest, Set.of("timeout", "file"), Set.of()), io);
                return;
            case "receive":
                receive(Args.parse(command, rest, Set.of("timeout", "format"), Set.of()), io);
                return;
            default: {
                Args a = Args.parse(command, rest, Set.of(), Set.of());
                Path path = Path.of(a.positional(0, "PATH"));
                a.atMost(1);
                Fifo.at(path).remove();
            }
        }
    }

    private static void send(Args a, Io io) throws UsageException, IpcException, IOException, InterruptedException {
        Fifo fifo = Fifo.at(Path.of(a.positional(0, "PATH")));
        Duration timeout = a.duration("timeout");
        byte[] data = Payloads.input(a, 1, io);
        a.atMost(2);
        try (PipeSink out = timeout != null && timeout.isZero() ? fifo.tryOpenForWriting()
                : fifo.openForWriting(timeout == null ? FOREVER : timeout)) {
            out.configureBlocking(true);
            out.write(ByteBuffer.wrap(data));
        }
    }

    private static void receive(Args a, Io io) throws UsageException, IpcException, IOException, InterruptedException {
        Fifo fifo = Fifo.at(Path.of(a.positional(0, "PATH")));
        a.atMost(1);
        Duration timeout = a.duration("timeout");
        String format = Payloads.format(a, "raw");
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (PipeSource in = fifo.openForReading(timeout == null ? FOREVER : timeout)) {
            in.inputStream().transferTo(received);
        }
        Payloads.write(io.out(), received.toByteArray(), format, format.equals("hex") ? 32 : 0);
    }
}
