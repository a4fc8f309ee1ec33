package io.github.nativeipc.posix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The Unix domain sockets bound to an address on this machine (in this network namespace),
 * whoever made them, as Linux lists them in {@code /proc/net/unix}: listening servers and bound
 * datagram sockets by default, every named socket (accepted connections repeat their server's
 * name) on request. The processes holding each socket are found as {@code ss -xp} does, by the
 * {@code socket:[INODE]} links of {@code /proc/PID/fd} (only the processes this user may inspect).
 *
 * <p>Linux only. Thread-safe (stateless).
 */
public final class UnixSocketObjects {
    private UnixSocketObjects() {}

    /** Where Linux lists Unix sockets. */
    public static final Path PROC_NET_UNIX = Path.of("/proc/net/unix");
    /** {@code __SO_ACCEPTCON} in the Flags column: a listening socket. */
    private static final int ACCEPTCON = 0x10000;

    /** What a bound socket is doing. */
    public enum State {
        /** A stream or seqpacket server ({@code listen} was called). */
        LISTENING,
        /** A connected socket (an accepted connection carries its server's name). */
        CONNECTED,
        /** Bound but neither listening nor connected: a datagram socket, or a server before {@code listen}. */
        BOUND
    }

    /**
     * One socket.
     *
     * @param address its path or abstract name
     * @param type    stream, datagram or seqpacket (null for a type the library does not know)
     * @param state   listening, connected or bound
     * @param inode   the socket's inode number (what {@code /proc/PID/fd} links name)
     * @param pids    the processes holding it (those this user may inspect), ascending
     */
    public record Entry(String address, UnixSocketType type, State state, long inode, List<Long> pids) {}

    /**
     * The named sockets: listening servers and bound datagram sockets, or with {@code all} every
     * socket with a name, sorted by address.
     *
     * @throws IOException if {@code /proc/net/unix} cannot be read (not Linux, no procfs)
     */
    public static List<Entry> list(boolean all) throws IOException {
        List<String> lines = Files.readAllLines(PROC_NET_UNIX, StandardCharsets.UTF_8);
        List<String[]> rows = new ArrayList<>();
        TreeSet<Long> inodes = new TreeSet<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+", 8);
            if (f.length < 8) {
                continue;   // no name
            }
            rows.add(f);
            inodes.add(Long.parseLong(f[6]));
        }
        Map<Long, List<Long>> holders = holders(inodes);
        List<Entry> entries = new ArrayList<>();
        for (String[] f : rows) {
            int flags = Integer.parseInt(f[3], 16);
            UnixSocketType type = UnixSocketType.of(Integer.parseInt(f[4], 16));
            int st = Integer.parseInt(f[5], 16);
            State state = (flags & ACCEPTCON) != 0 ? State.LISTENING : st == 3 ? State.CONNECTED : State.BOUND;
            if (!all && state == State.CONNECTED) {
                continue;
            }
            long inode = Long.parseLong(f[6]);
            entries.add(new Entry(f[7], type, state, inode, holders.getOrDefault(inode, List.of())));
        }
        entries.sort(Comparator.comparing(Entry::address).thenComparing(Entry::inode));
        return entries;
    }

    /** For each inode of {@code wanted}, the pids whose descriptors link to {@code socket:[inode]}. */
    private static Map<Long, List<Long>> holders(TreeSet<Long> wanted) {
        Map<Long, List<Long>> holders = new HashMap<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path proc : procs) {
                long pid = Long.parseLong(proc.getFileName().toString());
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
                    for (Path fd : fds) {
                        String target;
                        try {
                            target = Files.readSymbolicLink(fd).toString();
                        } catch (IOException gone) {
                            continue;
                        }
                        if (target.startsWith("socket:[")) {
                            long inode = Long.parseLong(target.substring(8, target.length() - 1));
                            if (wanted.contains(inode)) {
                                List<Long> pids = holders.computeIfAbsent(inode, k -> new ArrayList<>());
                                if (!pids.contains(pid)) {
                                    pids.add(pid);
                                }
                            }
                        }
                    }
                } catch (IOException | SecurityException notOurs) {
                    // a process that ended, or one this user may not inspect
                }
            }
        } catch (IOException noProc) {
            return holders;
        }
        return holders;
    }
}
