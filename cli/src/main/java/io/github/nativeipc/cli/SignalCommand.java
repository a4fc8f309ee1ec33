package io.github.nativeipc.cli;

import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.posix.AnySignal;
import io.github.nativeipc.posix.RealTimeSignal;
import io.github.nativeipc.posix.Signal;
import io.github.nativeipc.posix.SignalHandlers;
import io.github.nativeipc.posix.Signals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code nipc signal send|list}: {@code send} is {@code kill} to a process ({@code --group}: to a
 * process group), or {@code sigqueue} with {@code --value}; {@code list} prints this platform's
 * signals with their numbers and whether a JVM may handle them ({@link SignalHandlers#whyReserved}).
 */
final class SignalCommand {
    private SignalCommand() {}

    private static final List<String> VERBS = List.of("send", "list");

    static void run(List<String> args, Io io) throws UsageException, IpcException {
        String verb = Nipc.verb("signal", args, VERBS, io);
        if (verb == null) {
            return;
        }
        List<String> rest = args.subList(1, args.size());
        if (verb.equals("send")) {
            send(Args.parse("nipc signal send", rest, Set.of("value"), Set.of("group")));
        } else {
            list(Args.parse("nipc signal list", rest, Set.of(), Set.of("json")), io);
        }
    }

    private static void send(Args a) throws UsageException, IpcException {
        boolean group = a.flag("group");
        long pid = a.number(group ? "PGID" : "PID", a.positional(0, group ? "PGID" : "PID"), 1, Integer.MAX_VALUE);
        String text = a.positional(1, "SIGNAL");
        a.atMost(2);
        AnySignal signal;
        try {
            signal = AnySignal.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("nipc signal send: " + e.getMessage());
        }
        if (a.has("value")) {
            if (group) {
                throw new UsageException("nipc signal send: --value (sigqueue) goes to one process, not to a --group");
            }
            Signals.queue(pid, signal, (int) a.number("value", 0, Integer.MIN_VALUE, Integer.MAX_VALUE));
        } else if (group) {
            Signals.sendToGroup(pid, signal);
        } else {
            Signals.send(pid, signal);
        }
    }

    private static void list(Args a, Io io) throws UsageException {
        a.atMost(0);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Signal s : Signal.values()) {
            if (s.isAvailable()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", s.signalName());
                m.put("number", s.number());
                m.put("jvmHandler", SignalHandlers.whyReserved(s).orElse("yes"));
                rows.add(m);
            }
        }
        if (a.flag("json")) {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("signals", rows);
            all.put("rtmin", RealTimeSignal.min());
            all.put("rtmax", RealTimeSignal.max());
            all.put("reservedRealTime", RealTimeSignal.reservedByRuntime().number());
            Payloads.printJson(io.out(), all);
            return;
        }
        Table table = new Table("SIGNAL", "NUMBER", "JVM HANDLER");
        for (Map<String, Object> m : rows) {
            table.add(m.get("name"), m.get("number"), m.get("jvmHandler"));
        }
        table.print(io.out());
        io.out().println("real-time: SIGRTMIN=" + RealTimeSignal.min() + " .. SIGRTMAX=" + RealTimeSignal.max()
                + " (SIGRTMAX-2=" + RealTimeSignal.reservedByRuntime().number() + " wakes blocked threads in the JDK and this library)");
    }
}
