package io.github.nativeipc.cli;

import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.InvalidArgumentException;
import io.github.nativeipc.error.NotFoundException;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.error.WouldBlockException;
import io.github.nativeipc.memory.MappedMemory;
import io.github.nativeipc.posix.Access;
import io.github.nativeipc.posix.CreateOptions;
import io.github.nativeipc.posix.IpcPermissions;
import io.github.nativeipc.posix.SemaphoreOperation;
import io.github.nativeipc.posix.SysVKey;
import io.github.nativeipc.posix.SysVMessageQueue;
import io.github.nativeipc.posix.SysVMessageQueueStatus;
import io.github.nativeipc.posix.SysVSemaphoreSet;
import io.github.nativeipc.posix.SysVSemaphoreSetStatus;
import io.github.nativeipc.posix.SysVSharedMemory;
import io.github.nativeipc.posix.SysVSharedMemoryStatus;
import io.github.nativeipc.posix.SystemLimits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code nipc sysv shm|msg|sem ...}: System V objects through {@link SysVSharedMemory},
 * {@link SysVMessageQueue} and {@link SysVSemaphoreSet}, found by key ({@code xxxget(key, 0)}) or
 * by id ({@code IPC_STAT} on it).
 */
final class SysVCommand {
    private SysVCommand() {}

    private static final List<String> KINDS = List.of("shm", "msg", "sem");
    private static final List<String> SHM_VERBS = List.of("create", "stat", "read", "write", "rm");
    private static final List<String> MSG_VERBS = List.of("create", "stat", "send", "receive", "rm");
    private static final List<String> SEM_VERBS = List.of("create", "stat", "get", "set", "op", "rm");
    /** Largest System V semaphore value ({@code SEMVMX}). */
    private static final int SEMVMX = 32767;

    static void run(List<String> args, Io io) throws UsageException, Outcome, IpcException, IOException, InterruptedException {
        String kind = Nipc.verb("sysv", args, KINDS, io);
        if (kind == null) {
            return;
        }
        List<String> rest = args.subList(1, args.size());
        switch (kind) {
            case "shm":
                shm(rest, io);
                return;
            case "msg":
                msg(rest, io);
                return;
            default:
                sem(rest, io);
        }
    }

    // ---------------------------------------------------------------- addressing

    /** Options every command taking (KEY | --id ID) accepts, plus {@code more}. */
    private static Set<String> withId(String... more) {
        Set<String> s = new HashSet<>(Arrays.asList(more));
        s.add("id");
        return s;
    }

    private static SysVKey key(Args a, String text) throws UsageException {
        return SysVKey.of((int) a.number("KEY", text, Integer.MIN_VALUE, 0xffffffffL));
    }

    /**
     * The object's key or id: {@code --id ID}, or positional 0 as KEY. Returns how many positionals
     * the addressing used (0 with --id, 1 with a key).
     */
    private record Target(SysVKey key, int id, int used) {}

    private static Target target(Args a) throws UsageException {
        if (a.has("id")) {
            return new Target(null, (int) a.number("id", 0, 0, Integer.MAX_VALUE), 0);
        }
        return new Target(key(a, a.positional(0, "KEY (or --id ID)")), -1, 1);
    }

    private static void created(Io io, int id) {
        io.out().println(id);
        io.out().flush();
    }

    private static Map<String, Object> permissions(int id, IpcPermissions p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", p.key().toString());
        m.put("id", id);
        Stat.owner(m, p.mode(), p.uid(), p.gid());
        m.put("cuid", p.cuid());
        m.put("cgid", p.cgid());
        return m;
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    // ---------------------------------------------------------------- shm

    /** Finds an object by id. */
    private interface ById<T> {
        T find(int id) throws IpcException;
    }

    /**
     * {@code IPC_STAT} on an id no object has fails with {@code EINVAL}, which the library reports as
     * an invalid argument; for the user the object is simply not there.
     */
    private static <T> T byId(int id, ById<T> finder) throws IpcException {
        try {
            return finder.find(id);
        } catch (InvalidArgumentException e) {
            if (!"EINVAL".equals(e.errnoName())) {
                throw e;
            }
            throw new NotFoundException(e.operation(), e.object(), e.errno(), e.errnoName(), e.osMessage(),
                    "no object of this kind has id " + id);
        }
    }

    private static SysVSharedMemory openShm(Target t) throws IpcException {
        return t.key() != null ? SysVSharedMemory.open(t.key()) : byId(t.id(), SysVSharedMemory::byId);
    }

    private static void shm(List<String> args, Io io) throws UsageException, IpcException, IOException {
        String verb = Nipc.verb("sysv shm", args, SHM_VERBS, io);
        if (verb == null) {
            return;
        }
        List<String> rest = args.subList(1, args.size());
        String command = "nipc sysv shm " + verb;
        switch (verb) {
            case "create": {
                Args a = Args.parse(command, rest, Set.of("size", "mode"), Set.of());
                SysVKey key = key(a, a.positional(0, "KEY"));
                a.atMost(1);
                if (!a.has("size")) {
                    throw new UsageException(command + ": missing --size BYTES");
                }
                long size = a.number("size", 0, 1, Long.MAX_VALUE);
                created(io, SysVSharedMemory.create(key, size, CreateOptions.defaults().mode(a.mode())).id());
                return;
            }
            case "stat": {
                Args a = Args.parse(command, rest, withId(), Set.of("json"));
                Target t = target(a);
                a.atMost(t.used());
                SysVSharedMemoryStatus s = openShm(t).status();
                Map<String, Object> m = permissions(s.id(), s.permissions());
                m.put("size", s.size());
                m.put("attached", s.attachCount());
                m.put("creatorPid", s.creatorPid());
                m.put("lastPid", s.lastPid());
                m.put("lastAttach", time(s.lastAttach()));
                m.put("lastDetach", time(s.lastDetach()));
                m.put("lastChange", time(s.lastChange()));
                Stat.print(io, m, a.flag("json"));
                return;
            }
            case "read": {
                Args a = Args.parse(command, rest, withId("offset", "length", "format"), Set.of());
                Target t = target(a);
                a.atMost(t.used());
                SysVSharedMemory shm = openShm(t);
                long size = shm.status().size();
                MemoryCommands.read(a, io, size, (offset, length) -> window(shm.attach(Access.READ_ONLY), offset, length));
                return;
            }
            case "write": {
                Args a = Args.parse(command, rest, withId("offset", "file"), Set.of());
                Target t = target(a);
                SysVSharedMemory shm = openShm(t);
                MemoryCommands.write(a, io, t.used(), (offset, length) -> window(shm.attach(Access.READ_WRITE), offset, length));
                return;
            }
            default: {
                Args a = Args.parse(command, rest, withId(), Set.of());
                Target t = target(a);
                a.atMost(t.used());
                openShm(t).remove();
            }
        }
    }

    /** A segment is attached whole: the range is checked against it, and the view starts at {@code offset}. */
    private static MemoryCommands.View window(MappedMemory whole, long offset, long length) throws IpcException {
        long size = whole.size();
        if (offset < 0 || offset > size - length) {
            whole.close();
            throw Errors.invalidArgument("shmat", whole.name(),
                    "range " + offset + "+" + length + " is outside the segment's " + size + " bytes");
        }
        return new MemoryCommands.View(whole, offset);
    }

    // ---------------------------------------------------------------- msg

    private static SysVMessageQueue openMsg(Target t) throws IpcException {
        return t.key() != null ? SysVMessageQueue.open(t.key()) : byId(t.id(), SysVMessageQueue::byId);
    }

    private static void msg(List<String> args, Io io) throws UsageException, Outcome, IpcException, IOException, InterruptedException {
        String verb = Nipc.verb("sysv msg", args, MSG_VERBS, io);
        if (verb == null) {
            return;
        }
        List<String> rest = args.subList(1, args.size());
        String command = "nipc sysv msg " + verb;
        switch (verb) {
            case "create": {
                Args a = Args.parse(command, rest, Set.of("mode"), Set.of());
                SysVKey key = key(a, a.positional(0, "KEY"));
                a.atMost(1);
                created(io, SysVMessageQueue.create(key, CreateOptions.defaults().mode(a.mode())).id());
                return;
            }
            case "stat": {
                Args a = Args.parse(command, rest, withId(), Set.of("json"));
                Target t = target(a);
                a.atMost(t.used());
                SysVMessageQueueStatus s = openMsg(t).status();
                Map<String, Object> m = permissions(s.id(), s.permissions());
                m.put("messages", s.messages());
                m.put("bytes", s.bytes());
                m.put("maxBytes", s.maxBytes());
                m.put("lastSenderPid", s.lastSenderPid());
                m.put("lastReceiverPid", s.lastReceiverPid());
                m.put("lastSend", time(s.lastSend()));
                m.put("lastReceive", time(s.lastReceive()));
                m.put("lastChange", time(s.lastChange()));
                Stat.print(io, m, a.flag("json"));
                return;
            }
            case "send": {
                Args a = Args.parse(command, rest, withId("type", "timeout", "file"), Set.of());
                Target t = target(a);
                long type = a.number("type", 1, 1, Long.MAX_VALUE);
                Duration timeout = a.duration("timeout");
                byte[] data = Payloads.input(a, t.used(), io);
                a.atMost(t.used() + 1);
                SysVMessageQueue q = openMsg(t);
                ByteBuffer payload = ByteBuffer.wrap(data);
                if (timeout == null) {
                    q.send(type, payload);
                } else if (timeout.isZero()) {
                    if (!q.trySend(type, payload)) {
                        throw new Outcome(ExitCode.TIMEOUT, command + ": the queue is full (msg_qbytes)");
                    }
                } else {
                    q.send(type, payload, timeout);
                }
                return;
            }
            case "receive":
                receive(Args.parse(command, rest, withId("type", "timeout", "count", "format"), Set.of("json")), io);
                return;
            default: {
                Args a = Args.parse(command, rest, withId(), Set.of());
                Target t = target(a);
                a.atMost(t.used());
                openMsg(t).remove();
            }
        }
    }

    private static void receive(Args a, Io io) throws UsageException, Outcome, IpcException, InterruptedException {
        Target t = target(a);
        a.atMost(t.used());
        long type = a.number("type", 0, Long.MIN_VALUE + 1, Long.MAX_VALUE);
        Duration timeout = a.duration("timeout");
        long count = a.number("count", 1, 1, Integer.MAX_VALUE);
        String format = Payloads.format(a, "text");
        boolean json = a.flag("json");
        SysVMessageQueue q = openMsg(t);
        long msgmax = SystemLimits.sysV().msgmax();
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16, msgmax > 0 ? msgmax : 8192));
        List<Object> received = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            buffer.clear();
            long got;
            try {
                if (timeout == null) {
                    got = q.receive(type, buffer);
                } else if (timeout.isZero()) {
                    got = q.tryReceive(type, buffer);
                    if (got == 0) {
                        throw new Outcome(ExitCode.TIMEOUT, a.command() + ": no message of type " + type
                                + (i > 0 ? " after " + i + " of " + count + " messages" : ""));
                    }
                } else {
                    got = q.receive(type, buffer, Set.of(), timeout);
                }
            } catch (Outcome | WouldBlockException e) {
                if (json) {
                    Payloads.printJson(io.out(), received);
                }
                throw e;
            }
            Payloads.emit(io.out(), received, json, format, "type", got, buffer);
        }
        if (json) {
            Payloads.printJson(io.out(), received);
        }
    }

    // ---------------------------------------------------------------- sem

    private static SysVSemaphoreSet openSem(Target t) throws IpcException {
        return t.key() != null ? SysVSemaphoreSet.open(t.key()) : byId(t.id(), SysVSemaphoreSet::byId);
    }

    private static void sem(List<String> args, Io io) throws UsageException, Outcome, IpcException, InterruptedException {
        String verb = Nipc.verb("sysv sem", args, SEM_VERBS, io);
        if (verb == null) {
            return;
        }
        List<String> rest = args.subList(1, args.size());
        String command = "nipc sysv sem " + verb;
        switch (verb) {
            case "create": {
                Args a = Args.parse(command, rest, Set.of("count", "mode"), Set.of());
                SysVKey key = key(a, a.positional(0, "KEY"));
                a.atMost(1);
                if (!a.has("count")) {
                    throw new UsageException(command + ": missing --count N");
                }
                int count = (int) a.number("count", 1, 1, Integer.MAX_VALUE);
                created(io, SysVSemaphoreSet.create(key, count, CreateOptions.defaults().mode(a.mode())).id());
                return;
            }
            case "stat": {
                Args a = Args.parse(command, rest, withId(), Set.of("json"));
                Target t = target(a);
                a.atMost(t.used());
                SysVSemaphoreSet set = openSem(t);
                SysVSemaphoreSetStatus s = set.status();
                Map<String, Object> m = permissions(s.id(), s.permissions());
                m.put("count", s.count());
                List<Object> values = new ArrayList<>();
                for (int v : set.values()) {
                    values.add(v);
                }
                m.put("values", a.flag("json") ? values : values.toString());
                m.put("lastOperation", time(s.lastOperation()));
                m.put("lastChange", time(s.lastChange()));
                Stat.print(io, m, a.flag("json"));
                return;
            }
            case "get": {
                Args a = Args.parse(command, rest, withId("index"), Set.of("json"));
                Target t = target(a);
                a.atMost(t.used());
                SysVSemaphoreSet set = openSem(t);
                List<Object> values = new ArrayList<>();
                if (a.has("index")) {
                    values.add(set.value((int) a.number("index", 0, 0, set.count() - 1)));
                } else {
                    for (int v : set.values()) {
                        values.add(v);
                    }
                }
                if (a.flag("json")) {
                    Payloads.printJson(io.out(), a.has("index") ? values.get(0) : values);
                } else {
                    values.forEach(io.out()::println);
                }
                return;
            }
            case "set": {
                Args a = Args.parse(command, rest, withId("index"), Set.of());
                Target t = target(a);
                List<String> given = a.positionals().subList(Math.min(t.used(), a.positionals().size()), a.positionals().size());
                if (given.isEmpty()) {
                    throw new UsageException(command + ": missing VALUE");
                }
                SysVSemaphoreSet set = openSem(t);
                if (a.has("index")) {
                    a.atMost(t.used() + 1);
                    int index = (int) a.number("index", 0, 0, set.count() - 1);
                    set.setValue(index, (int) a.number("VALUE", given.get(0), 0, SEMVMX));
                } else {
                    if (given.size() != set.count()) {
                        throw new UsageException(command + ": the set has " + set.count() + " semaphores; give "
                                + set.count() + " values, or --index I VALUE");
                    }
                    int[] values = new int[given.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = (int) a.number("VALUE", given.get(i), 0, SEMVMX);
                    }
                    set.setValues(values);
                }
                return;
            }
            case "op": {
                Args a = Args.parse(command, rest, withId("timeout"), Set.of("undo"));
                Target t = target(a);
                List<String> given = a.positionals().subList(Math.min(t.used(), a.positionals().size()), a.positionals().size());
                if (given.isEmpty()) {
                    throw new UsageException(command + ": missing INDEX:DELTA (such as 0:-1)");
                }
                SemaphoreOperation[] ops = new SemaphoreOperation[given.size()];
                for (int i = 0; i < ops.length; i++) {
                    ops[i] = operation(a, given.get(i));
                }
                Duration timeout = a.duration("timeout");
                SysVSemaphoreSet set = openSem(t);
                if (timeout == null) {
                    set.apply(ops);
                } else if (!(timeout.isZero() ? set.tryApply(ops) : set.tryApply(timeout, ops))) {
                    throw new Outcome(ExitCode.TIMEOUT, command + ": " + String.join(" ", given) + " "
                            + (timeout.isZero() ? "would have to wait" : "timed out after " + a.value("timeout")));
                }
                return;
            }
            default: {
                Args a = Args.parse(command, rest, withId(), Set.of());
                Target t = target(a);
                a.atMost(t.used());
                openSem(t).remove();
            }
        }
    }

    /** {@code INDEX:DELTA}, such as {@code 0:-1}, {@code 1:+2}, {@code 2:0}. */
    private static SemaphoreOperation operation(Args a, String text) throws UsageException {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new UsageException(a.command() + ": an operation is INDEX:DELTA (such as 0:-1 or 1:+1), not '" + text + "'");
        }
        int index = (int) a.number("INDEX", text.substring(0, colon), 0, 0xffff);
        int delta = (int) a.number("DELTA", text.substring(colon + 1), -SEMVMX, SEMVMX);
        return new SemaphoreOperation(index, delta, a.flag("undo"));
    }
}
