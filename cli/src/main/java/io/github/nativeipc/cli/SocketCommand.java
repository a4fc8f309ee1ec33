package io.github.nativeipc.cli;

import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.posix.BindOptions;
import io.github.nativeipc.posix.PeerCredentials;
import io.github.nativeipc.posix.SocketFileState;
import io.github.nativeipc.posix.UnixDatagramChannel;
import io.github.nativeipc.posix.UnixServerSocketChannel;
import io.github.nativeipc.posix.UnixSocketAddress;
import io.github.nativeipc.posix.UnixSocketChannel;
import io.github.nativeipc.posix.UnixSocketObjects;
import io.github.nativeipc.posix.UnixSocketType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code nipc socket ls|send|receive|probe|rm}: Unix domain sockets. ADDR is a path or
 * {@code @name} (a Linux abstract name). {@code send} connects (stream, seqpacket) or sends a
 * datagram, and with {@code --reply} prints the answer; {@code receive} binds a server, takes one
 * client (or datagrams) and prints what arrives with who sent it; {@code probe} tells live from
 * stale; {@code rm} removes a stale socket file and refuses a live one without {@code --force}.
 */
final class SocketCommand {
    private SocketCommand() {}

    private static final List<String> VERBS = List.of("ls", "send", "receive", "probe", "rm");
    private static final Duration FOREVER = Duration.ofDays(3650);
    /** The largest message receive takes at once (seqpacket, datagram). */
    private static final int MESSAGE_MAX = 1 << 20;

    static void run(List<String> args, Io io) throws UsageException, Outcome, IpcException, IOException {
        String verb = Nipc.verb("socket", args, VERBS, io);
        if (verb == null) {
            return;
        }
        List<String> rest = args.subList(1, args.size());
        String command = "nipc socket " + verb;
        switch (verb) {
            case "ls":
                ls(Args.parse(command, rest, Set.of(), Set.of("json", "all")), io);
                return;
            case "send":
                send(Args.parse(command, rest, Set.of("type", "timeout", "file", "format"), Set.of("reply")), io);
                return;
            case "receive":
                receive(Args.parse(command, rest, Set.of("type", "timeout", "count", "mode", "format"), Set.of("json")), io);
                return;
            case "probe":
                probe(Args.parse(command, rest, Set.of("type"), Set.of()), io);
                return;
            default:
                rm(Args.parse(command, rest, Set.of("type"), Set.of("force")), io);
        }
    }

    private static UnixSocketAddress address(String text) throws UsageException, IpcException {
        if (text.startsWith("@")) {
            if (text.length() == 1) {
                throw new UsageException("an abstract name needs characters after '@'");
            }
            return UnixSocketAddress.ofAbstract(text.substring(1));
        }
        return UnixSocketAddress.of(Path.of(text));
    }

    private static UnixSocketType type(Args a) throws UsageException {
        String t = a.has("type") ? a.value("type") : "stream";
        switch (t) {
            case "stream":
                return UnixSocketType.STREAM;
            case "seqpacket":
                return UnixSocketType.SEQPACKET;
            case "dgram":
            case "datagram":
                return UnixSocketType.DATAGRAM;
            default:
                throw new UsageException(a.command() + ": --type is stream, seqpacket or dgram, not '" + t + "'");
        }
    }

    private static void ls(Args a, Io io) throws UsageException, IOException {
        a.atMost(0);
        List<UnixSocketObjects.Entry> entries = UnixSocketObjects.list(a.flag("all"));
        if (a.flag("json")) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (UnixSocketObjects.Entry e : entries) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("address", e.address());
                m.put("type", e.type() == null ? null : e.type().name().toLowerCase(Locale.ROOT));
                m.put("state", e.state().name().toLowerCase(Locale.ROOT));
                m.put("inode", e.inode());
                m.put("pids", e.pids());
                rows.add(m);
            }
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("sockets", rows);
            Payloads.printJson(io.out(), all);
            return;
        }
        Table t = new Table("ADDRESS", "TYPE", "STATE", "INODE", "PIDS");
        for (UnixSocketObjects.Entry e : entries) {
            t.add(e.address(), e.type() == null ? "?" : e.type().name().toLowerCase(Locale.ROOT),
                    e.state().name().toLowerCase(Locale.ROOT), String.valueOf(e.inode()),
                    e.pids().isEmpty() ? "-" : e.pids().toString().replaceAll("[\\[\\] ]", ""));
        }
        t.print(io.out());
    }

    private static void send(Args a, Io io) throws UsageException, Outcome, IpcException, IOException {
        UnixSocketAddress to = address(a.positional(0, "ADDR"));
        UnixSocketType type = type(a);
        byte[] data = Payloads.input(a, 1, io);
        a.atMost(2);
        Duration timeout = a.duration("timeout");
        Duration wait = timeout == null ? FOREVER : timeout;
        boolean reply = a.flag("reply");
        String format = Payloads.format(a, "raw");
        if (type == UnixSocketType.DATAGRAM) {
            try (UnixDatagramChannel d = UnixDatagramChannel.open()) {
                if (reply) {
                    d.bindAutomatically();   // so that the peer can answer
                }
                if (d.send(ByteBuffer.wrap(data), to, wait) == 0 && data.length > 0) {
                    throw new Outcome(ExitCode.TIMEOUT, "nipc socket send: " + to + " had no room for the datagram within " + wait.toMillis() + " ms");
                }
                if (reply) {
                    ByteBuffer b = ByteBuffer.allocate(MESSAGE_MAX);
                    if (d.receive(b, wait) == null) {
                        throw new Outcome(ExitCode.TIMEOUT, "nipc socket send: no reply within " + wait.toMillis() + " ms");
                    }
                    Payloads.write(io.out(), java.util.Arrays.copyOf(b.array(), b.position()), format, 0);
                }
            }
            return;
        }
        try (UnixSocketChannel c = UnixSocketChannel.connect(to, type, wait)) {
            c.write(ByteBuffer.wrap(data));
            if (!reply) {
                return;
            }
            byte[] answer;
            if (type == UnixSocketType.SEQPACKET) {
                ByteBuffer b = ByteBuffer.allocate(MESSAGE_MAX);
                if (c.read(b, wait) == 0 && b.position() == 0) {
                    throw new Outcome(ExitCode.TIMEOUT, "nipc socket send: no reply within " + wait.toMillis() + " ms");
                }
                answer = java.util.Arrays.copyOf(b.array(), Math.max(b.position(), 0));
            } else {
                c.shutdownOutput();   // the request is complete: the server reads end of stream and answers
                answer = readToEnd(c, wait);
            }
            Payloads.write(io.out(), answer, format, 0);
        }
    }

    private static void receive(Args a, Io io) throws UsageException, Outcome, IpcException, IOException {
        UnixSocketAddress at = address(a.positional(0, "ADDR"));
        UnixSocketType type = type(a);
        a.atMost(1);
        Duration timeout = a.duration("timeout");
        Duration wait = timeout == null ? FOREVER : timeout;
        long count = a.number("count", type == UnixSocketType.STREAM ? 1 : type == UnixSocketType.DATAGRAM ? 1 : Long.MAX_VALUE,
                1, Long.MAX_VALUE);
        BindOptions options = BindOptions.defaults().mode(a.mode());
        boolean json = a.flag("json");
        String format = Payloads.format(a, "text");
        List<Object> received = new ArrayList<>();
        if (type == UnixSocketType.DATAGRAM) {
            try (UnixDatagramChannel d = UnixDatagramChannel.open().bind(at, options)) {
                d.setPassCredentials(true);
                for (long i = 0; i < count; i++) {
                    ByteBuffer b = ByteBuffer.allocate(MESSAGE_MAX);
                    try (var m = d.receive(b, 0, wait)) {
                        if (m == null) {
                            throw new Outcome(ExitCode.TIMEOUT, "nipc socket receive: no datagram within " + wait.toMillis() + " ms");
                        }
                        Payloads.emit(io.out(), received, json, format, "from", sender(m), b);
                    }
                }
            }
        } else {
            try (UnixServerSocketChannel server = UnixServerSocketChannel.bind(at, type, options);
                    UnixSocketChannel c = server.accept(wait)) {
                Map<String, Object> peer = credentials(c.peerCredentials());
                if (type == UnixSocketType.STREAM) {
                    byte[] all = readToEnd(c, wait);
                    ByteBuffer b = ByteBuffer.wrap(all).position(all.length);
                    Payloads.emit(io.out(), received, json, format, "peer", peer, b);
                } else {
                    for (long i = 0; i < count; i++) {
                        ByteBuffer b = ByteBuffer.allocate(MESSAGE_MAX);
                        int n = c.read(b, wait);
                        if (n < 0) {
                            break;   // the client closed
                        }
                        if (n == 0 && b.position() == 0) {
                            throw new Outcome(ExitCode.TIMEOUT, "nipc socket receive: no message within " + wait.toMillis() + " ms");
                        }
                        Payloads.emit(io.out(), received, json, format, "peer", peer, b);
                    }
                }
            }
        }
        if (json) {
            Payloads.printJson(io.out(), received);
        }
    }

    private static Object sender(io.github.nativeipc.posix.ReceivedMessage m) {
        Map<String, Object> from = new LinkedHashMap<>();
        from.put("address", m.sender().map(Object::toString).orElse("(unnamed)"));
        m.credentials().ifPresent(c -> from.putAll(credentials(c)));
        return from;
    }

    private static Map<String, Object> credentials(PeerCredentials c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", c.pid());
        m.put("uid", c.uid());
        m.put("gid", c.gid());
        return m;
    }

    private static byte[] readToEnd(UnixSocketChannel c, Duration wait) throws IOException, Outcome {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(64 * 1024);
        long deadline = System.nanoTime() + wait.toNanos();
        for (;;) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new Outcome(ExitCode.TIMEOUT, "nipc socket: the peer did not finish within " + wait.toMillis() + " ms");
            }
            b.clear();
            int n = c.read(b, Duration.ofNanos(left));
            if (n < 0) {
                return all.toByteArray();
            }
            all.write(b.array(), 0, n);
        }
    }

    private static void probe(Args a, Io io) throws UsageException, Outcome, IpcException {
        Path path = Path.of(a.positional(0, "PATH"));
        a.atMost(1);
        SocketFileState state = SocketFileState.probe(path, type(a));
        io.out().println(state.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        switch (state) {
            case LIVE:
                return;
            case STALE:
                throw new Outcome(ExitCode.OS_ERROR, "nipc socket probe: " + path + " is stale: nothing is bound to it (ECONNREFUSED)");
            case ABSENT:
                throw new Outcome(ExitCode.NOT_FOUND, "nipc socket probe: nothing at " + path);
            default:
                throw new Outcome(ExitCode.USAGE, "nipc socket probe: " + path + " is not a socket");
        }
    }

    private static void rm(Args a, Io io) throws UsageException, Outcome, IpcException, IOException {
        Path path = Path.of(a.positional(0, "PATH"));
        a.atMost(1);
        SocketFileState state = SocketFileState.probe(path, type(a));
        switch (state) {
            case ABSENT:
                throw new Outcome(ExitCode.NOT_FOUND, "nipc socket rm: nothing at " + path);
            case NOT_A_SOCKET:
                throw new Outcome(ExitCode.USAGE, "nipc socket rm: " + path + " is not a socket: not removed");
            case LIVE:
                if (!a.flag("force")) {
                    throw new Outcome(ExitCode.ALREADY_EXISTS, "nipc socket rm: a server is live at " + path
                            + ": not removed (--force removes the file; the server keeps running, unreachable by path)");
                }
                break;
            default:
                break;
        }
        Files.deleteIfExists(path);
    }
}
