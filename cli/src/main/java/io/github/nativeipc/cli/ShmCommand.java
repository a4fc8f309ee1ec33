package io.github.nativeipc.cli;

import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.posix.Access;
import io.github.nativeipc.posix.CreateOptions;
import io.github.nativeipc.posix.FileStatus;
import io.github.nativeipc.posix.PosixSharedMemory;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code nipc shm create|stat|read|write|rm}: POSIX shared memory through {@link PosixSharedMemory}. */
final class ShmCommand {
    private ShmCommand() {}

    private static final List<String> VERBS = List.of("create", "stat", "read", "write", "rm");

    static void run(List<String> args, Io io) throws UsageException, IpcException, IOException {
        String verb = Nipc.verb("shm", args, VERBS, io);
        if (verb == null) {
            return;
        }
        List<String> rest = args.subList(1, args.size());
        String command = "nipc shm " + verb;
        switch (verb) {
            case "create": {
                Args a = Args.parse(command, rest, Set.of("size", "mode"), Set.of());
                String name = a.posixName(0);
                a.atMost(1);
                if (!a.has("size")) {
                    throw new UsageException(command + ": missing --size BYTES");
                }
                long size = a.number("size", 0, 0, Long.MAX_VALUE);
                PosixSharedMemory.create(name, size, CreateOptions.defaults().mode(a.mode())).close();
                return;
            }
            case "stat": {
                Args a = Args.parse(command, rest, Set.of(), Set.of("json"));
                String name = a.posixName(0);
                a.atMost(1);
                FileStatus s;
                try (PosixSharedMemory shm = PosixSharedMemory.open(name, Access.READ_ONLY)) {
                    s = shm.status();
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", name);
                m.put("size", s.size());
                Stat.owner(m, s.mode(), s.uid(), s.gid());
                Stat.print(io, m, a.flag("json"));
                return;
            }
            case "read": {
                Args a = Args.parse(command, rest, Set.of("offset", "length", "format"), Set.of());
                String name = a.posixName(0);
                a.atMost(1);
                try (PosixSharedMemory shm = PosixSharedMemory.open(name, Access.READ_ONLY)) {
                    MemoryCommands.read(a, io, shm.size(), (offset, length) -> new MemoryCommands.View(shm.map(offset, length, Access.READ_ONLY), 0));
                }
                return;
            }
            case "write": {
                Args a = Args.parse(command, rest, Set.of("offset", "file"), Set.of());
                String name = a.posixName(0);
                try (PosixSharedMemory shm = PosixSharedMemory.open(name, Access.READ_WRITE)) {
                    MemoryCommands.write(a, io, 1, (offset, length) -> new MemoryCommands.View(shm.map(offset, length, Access.READ_WRITE), 0));
                }
                return;
            }
            default: {
                Args a = Args.parse(command, rest, Set.of(), Set.of());
                String name = a.posixName(0);
                a.atMost(1);
                PosixSharedMemory.unlink(name);
            }
        }
    }
}
