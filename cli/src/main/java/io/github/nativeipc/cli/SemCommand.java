package io.github.nativeipc.cli;

import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.posix.CreateOptions;
import io.github.nativeipc.posix.NamedSemaphore;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** {@code nipc sem create|post|wait|value|rm}: named POSIX semaphores through {@link NamedSemaphore}. */
final class SemCommand {
    private SemCommand() {}

    private static final List<String> VERBS = List.of("create", "post", "wait", "value", "rm");

    static void run(List<String> args, Io io) throws UsageException, Outcome, IpcException, InterruptedException {
        String verb = Nipc.verb("sem", args, VERBS, io);
        if (verb == null) {
            return;
        }
        List<String> rest = args.subList(1, args.size());
        String command = "nipc sem " + verb;
        switch (verb) {
            case "create": {
                Args a = Args.parse(command, rest, Set.of("value", "mode"), Set.of());
                String name = a.posixName(0);
                a.atMost(1);
                int value = (int) a.number("value", 0, 0, Integer.MAX_VALUE);
                NamedSemaphore.create(name, value, CreateOptions.defaults().mode(a.mode())).close();
                return;
            }
            case "post": {
                Args a = Args.parse(command, rest, Set.of(), Set.of());
                String name = a.posixName(0);
                a.atMost(1);
                try (NamedSemaphore sem = NamedSemaphore.open(name)) {
                    sem.post();
                }
                return;
            }
            case "wait": {
                Args a = Args.parse(command, rest, Set.of("timeout"), Set.of());
                String name = a.posixName(0);
                a.atMost(1);
                Duration timeout = a.duration("timeout");
                try (NamedSemaphore sem = NamedSemaphore.open(name)) {
                    if (timeout == null) {
                        sem.acquire();
                    } else if (!(timeout.isZero() ? sem.tryAcquire() : sem.tryAcquire(timeout))) {
                        throw new Outcome(ExitCode.TIMEOUT, command + " " + name + ": "
                                + (timeout.isZero() ? "the value is 0" : "timed out after " + a.value("timeout")));
                    }
                }
                return;
            }
            case "value": {
                Args a = Args.parse(command, rest, Set.of(), Set.of());
                String name = a.posixName(0);
                a.atMost(1);
                try (NamedSemaphore sem = NamedSemaphore.open(name)) {
                    io.out().println(sem.value());
                }
                return;
            }
            default: {
                Args a = Args.parse(command, rest, Set.of(), Set.of());
                String name = a.posixName(0);
                a.atMost(1);
                NamedSemaphore.unlink(name);
            }
        }
    }
}
