package io.github.nativeipc.cli;

import io.github.nativeipc.error.IpcException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * {@code nipc}: list, inspect and use the kernel's IPC objects (POSIX shared memory, message queues
 * and named semaphores; System V segments, queues and semaphore sets) from the command line, through
 * this library. {@link #run} does the work and returns the exit status; {@link #main} only exits
 * with it. Not thread-safe: one command per call.
 */
public final class Nipc {
    private Nipc() {}

    static final String USAGE = String.join("\n",
            "usage: nipc COMMAND ...",
            "",
            "  nipc ls [--type shm|mq|sem|sysv-shm|sysv-msg|sysv-sem] [--json]",
            "  nipc doctor [--json]",
            "",
            "  nipc shm create NAME --size BYTES [--mode 0600]",
            "  nipc shm stat NAME [--json]",
            "  nipc shm read NAME [--offset N] [--length N] [--format hex|text|raw]",
            "  nipc shm write NAME [--offset N] (DATA | --file PATH | -)",
            "  nipc shm rm NAME",
            "",
            "  nipc mq create NAME [--max-messages N] [--message-size BYTES] [--mode 0600]",
            "  nipc mq stat NAME [--json]",
            "  nipc mq send NAME (DATA | --file PATH | -) [--priority P] [--timeout DURATION]",
            "  nipc mq receive NAME [--timeout DURATION] [--count N] [--format hex|text|raw] [--json]",
            "  nipc mq rm NAME",
            "",
            "  nipc sem create NAME [--value N] [--mode 0600]",
            "  nipc sem post NAME",
            "  nipc sem wait NAME [--timeout DURATION]",
            "  nipc sem value NAME",
            "  nipc sem rm NAME",
            "",
            "  System V objects, by KEY (0x4e0001, 42) or by --id ID (as ipcs shows them):",
            "  nipc sysv shm create KEY --size BYTES [--mode 0600]",
            "  nipc sysv shm stat|rm (KEY | --id ID) [--json]",
            "  nipc sysv shm read (KEY | --id ID) [--offset N] [--length N] [--format hex|text|raw]",
            "  nipc sysv shm write (KEY | --id ID) [--offset N] (DATA | --file PATH | -)",
            "  nipc sysv msg create KEY [--mode 0600]",
            "  nipc sysv msg stat|rm (KEY | --id ID) [--json]",
            "  nipc sysv msg send (KEY | --id ID) (DATA | --file PATH | -) [--type T] [--timeout DURATION]",
            "  nipc sysv msg receive (KEY | --id ID) [--type T] [--timeout DURATION] [--count N] [--format hex|text|raw] [--json]",
            "  nipc sysv sem create KEY --count N [--mode 0600]",
            "  nipc sysv sem stat|rm (KEY | --id ID) [--json]",
            "  nipc sysv sem get (KEY | --id ID) [--index I] [--json]",
            "  nipc sysv sem set (KEY | --id ID) (--index I VALUE | VALUE...)",
            "  nipc sysv sem op (KEY | --id ID) INDEX:DELTA... [--timeout DURATION] [--undo]",
            "",
            "  nipc fifo create PATH [--mode 0600]",
            "  nipc fifo send PATH (DATA | --file PATH | -) [--timeout DURATION]",
            "  nipc fifo receive PATH [--timeout DURATION] [--format raw|text|hex]",
            "  nipc fifo rm PATH",
            "",
            "  nipc signal send (PID | --group PGID) SIGNAL [--value N]   (SIGNAL: TERM, SIGUSR1, RTMIN+3, 10; --value: sigqueue)",
            "  nipc signal list [--json]",
            "",
            "  Unix sockets; ADDR is a path or @name (a Linux abstract name):",
            "  nipc socket ls [--all] [--json]                      (listening and bound sockets, with their pids)",
            "  nipc socket send ADDR (DATA | --file PATH | -) [--type stream|seqpacket|dgram] [--timeout DURATION]",
            "                  [--reply [--format raw|text|hex]]",
            "  nipc socket receive ADDR [--type stream|seqpacket|dgram] [--count N] [--timeout DURATION] [--mode 0600]",
            "                  [--format raw|text|hex] [--json]     (binds, takes one client or N datagrams)",
            "  nipc socket probe PATH [--type ...]                  (live: 0, stale: 1, absent: 3, not a socket: 2)",
            "  nipc socket rm PATH [--force]                        (a stale socket file; a live one only with --force)",
            "",
            "NAME is a POSIX name, /orders or orders. DATA is text (its UTF-8 bytes); '-' reads standard input,",
            "--file PATH a file; both are binary-safe. DURATION is 500ms, 2s, 1m, 1h or 0 (do not wait);",
            "without --timeout, send/receive/wait/op block until they can proceed.",
            "Formats: hex (default of shm read), text (default of receive: the bytes and a newline), raw (the",
            "bytes exactly). --json prints one JSON value. sem op: DELTA -N takes N, +N gives N, 0 waits for",
            "zero; all operations apply at once or not at all; --undo sets SEM_UNDO (undone when nipc exits).",
            "",
            "Exit status:",
            exitCodes());

    private static String exitCodes() {
        StringBuilder sb = new StringBuilder();
        for (ExitCode c : ExitCode.values()) {
            sb.append(String.format("  %d  %s%n", c.code(), c.meaning()));
        }
        return sb.toString().stripTrailing();
    }

    public static void main(String[] args) {
        int status = run(args, System.in, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /** Runs one command; returns its exit status. Errors go to {@code err} in one line each. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Io io = new Io(in, out, err);
        try {
            dispatch(Arrays.asList(args), io);
            return ExitCode.OK.code();
        } catch (UsageException e) {
            err.println(prefixed(e.getMessage()) + " (see nipc --help)");
            return ExitCode.USAGE.code();
        } catch (Outcome e) {
            err.println(prefixed(e.getMessage()));
            return e.code().code();
        } catch (IpcException e) {
            err.println("nipc: " + e.getMessage());
            return ExitCode.of(e).code();
        } catch (IOException e) {
            err.println("nipc: " + e);
            return ExitCode.OS_ERROR.code();
        } catch (UncheckedIOException e) {
            err.println("nipc: " + e.getMessage() + ": " + e.getCause());
            return ExitCode.OS_ERROR.code();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("nipc: interrupted");
            return ExitCode.OS_ERROR.code();
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Messages that name their command ({@code nipc shm create: ...}) as they are, others after {@code nipc: }. */
    private static String prefixed(String message) {
        return message.startsWith("nipc ") ? message : "nipc: " + message;
    }

    private static void dispatch(List<String> args, Io io)
            throws UsageException, Outcome, IpcException, IOException, InterruptedException {
        if (args.isEmpty()) {
            throw new UsageException("missing COMMAND");
        }
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size());
        switch (command) {
            case "-h":
            case "--help":
            case "help":
                io.out().println(USAGE);
                return;
            case "ls":
                LsCommand.run(rest, io);
                return;
            case "doctor":
                DoctorCommand.run(rest, io);
                return;
            case "shm":
                ShmCommand.run(rest, io);
                return;
            case "mq":
                MqCommand.run(rest, io);
                return;
            case "sem":
                SemCommand.run(rest, io);
                return;
            case "sysv":
                SysVCommand.run(rest, io);
                return;
            case "fifo":
                FifoCommand.run(rest, io);
                return;
            case "signal":
                SignalCommand.run(rest, io);
                return;
            case "socket":
                SocketCommand.run(rest, io);
                return;
            default:
                throw new UsageException("unknown command '" + command + "'");
        }
    }

    /**
     * The verb of {@code nipc GROUP VERB ...} ({@code args} starts after GROUP), one of {@code verbs};
     * {@code --help} prints the usage and returns null.
     */
    static String verb(String group, List<String> args, List<String> verbs, Io io) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException("nipc " + group + ": missing command, one of " + String.join(", ", verbs));
        }
        String verb = args.get(0);
        if (verb.equals("--help") || verb.equals("-h") || verb.equals("help")) {
            io.out().println(USAGE);
            return null;
        }
        if (!verbs.contains(verb)) {
            throw new UsageException("nipc " + group + ": unknown command '" + verb + "', expected one of "
                    + String.join(", ", verbs));
        }
        return verb;
    }
}
