package io.github.nativeipc.cli;

import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.error.WouldBlockException;
import io.github.nativeipc.posix.Access;
import io.github.nativeipc.posix.CreateOptions;
import io.github.nativeipc.posix.FileStatus;
import io.github.nativeipc.posix.MessageQueueAttributes;
import io.github.nativeipc.posix.PosixMessageQueue;
import io.github.nativeipc.posix.SystemLimits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code nipc mq create|stat|send|receive|rm}: POSIX message queues through {@link PosixMessageQueue}. */
final class MqCommand {
    private MqCommand() {}

    private static final List<String> VERBS = List.of("create", "stat", "send", "receive", "rm");
    /** {@code MQ_PRIO_MAX} on Linux is 32768: priorities 0..32767. */
    private static final int MAX_PRIORITY = 32767;

    static void run(List<String> args, Io io) throws UsageException, Outcome, IpcException, IOException, InterruptedException {
        String verb = Nipc.verb("mq", args, VERBS, io);
        if (verb == null) {
            return;
        }
        List<String> rest = args.subList(1, args.size());
        String command = "nipc mq " + verb;
        switch (verb) {
            case "create":
                create(Args.parse(command, rest, Set.of("max-messages", "message-size", "mode"), Set.of()));
                return;
            case "stat":
                stat(Args.parse(command, rest, Set.of(), Set.of("json")), io);
                return;
            case "send":
                send(Args.parse(command, rest, Set.of("priority", "timeout", "file"), Set.of()), io);
                return;
            case "receive":
                receive(Args.parse(command, rest, Set.of("timeout", "count", "format"), Set.of("json")), io);
                return;
            default: {
                Args a = Args.parse(command, rest, Set.of(), Set.of());
                String name = a.posixName(0);
                a.atMost(1);
                PosixMessageQueue.unlink(name);
            }
        }
    }

    private static void create(Args a) throws UsageException, IpcException {
        String name = a.posixName(0);
        a.atMost(1);
        MessageQueueAttributes attributes = null;
        if (a.has("max-messages") || a.has("message-size")) {
            SystemLimits.MessageQueueLimits limits = SystemLimits.messageQueues();
            long maxMessages = a.number("max-messages", limits.msgDefault() > 0 ? limits.msgDefault() : 10, 1, Integer.MAX_VALUE);
            long messageSize = a.number("message-size", limits.msgsizeDefault() > 0 ? limits.msgsizeDefault() : 8192, 1,
                    Integer.MAX_VALUE);
            attributes = MessageQueueAttributes.of(maxMessages, messageSize);
        }
        PosixMessageQueue.create(name, attributes, Access.READ_WRITE, CreateOptions.defaults().mode(a.mode())).close();
    }

    private static void stat(Args a, Io io) throws UsageException, IpcException {
        String name = a.posixName(0);
        a.atMost(1);
        MessageQueueAttributes attr;
        FileStatus s;
        try (PosixMessageQueue q = PosixMessageQueue.open(name, Access.READ_ONLY)) {
            attr = q.attributes();
            s = q.status();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("messages", attr.currentMessages());
        m.put("maxMessages", attr.maxMessages());
        m.put("messageSize", attr.messageSize());
        Stat.owner(m, s.mode(), s.uid(), s.gid());
        Stat.print(io, m, a.flag("json"));
    }

    private static void send(Args a, Io io) throws UsageException, Outcome, IpcException, IOException, InterruptedException {
        String name = a.posixName(0);
        int priority = (int) a.number("priority", 0, 0, MAX_PRIORITY);
        Duration timeout = a.duration("timeout");
        byte[] data = Payloads.input(a, 1, io);
        a.atMost(2);
        try (PosixMessageQueue q = PosixMessageQueue.open(name, Access.WRITE_ONLY)) {
            ByteBuffer payload = ByteBuffer.wrap(data);
            if (timeout == null) {
                q.send(payload, priority);
            } else if (timeout.isZero()) {
                if (!q.trySend(payload, priority)) {
                    throw new Outcome(ExitCode.TIMEOUT, command(a, name) + ": the queue is full (" + q.maxMessages() + " messages)");
                }
            } else {
                q.send(payload, priority, timeout);
            }
        }
    }

    private static void receive(Args a, Io io) throws UsageException, Outcome, IpcException, InterruptedException {
        String name = a.posixName(0);
        a.atMost(1);
        Duration timeout = a.duration("timeout");
        long count = a.number("count", 1, 1, Integer.MAX_VALUE);
        String format = Payloads.format(a, "text");
        boolean json = a.flag("json");
        List<Object> received = new ArrayList<>();
        try (PosixMessageQueue q = PosixMessageQueue.open(name, Access.READ_ONLY)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) q.messageSize());
            for (long i = 0; i < count; i++) {
                buffer.clear();
                int priority;
                try {
                    if (timeout == null) {
                        priority = q.receive(buffer);
                    } else if (timeout.isZero()) {
                        priority = q.tryReceive(buffer);
                        if (priority < 0) {
                            throw new Outcome(ExitCode.TIMEOUT, command(a, name) + ": the queue is empty"
                                    + (i > 0 ? " after " + i + " of " + count + " messages" : ""));
                        }
                    } else {
                        priority = q.receive(buffer, timeout);
                    }
                } catch (Outcome | WouldBlockException e) {
                    if (json) {
                        Payloads.printJson(io.out(), received);
                    }
                    throw e;
                }
                Payloads.emit(io.out(), received, json, format, "priority", priority, buffer);
            }
        }
        if (json) {
            Payloads.printJson(io.out(), received);
        }
    }

    private static String command(Args a, String name) {
        return a.command() + " " + name;
    }
}
