package io.github.nativeipc.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the two processes of a pair may run ({@code taskset -c}). A wake-up across two CPUs costs
 * tens of microseconds on the machines this was written on, far more than a whole round trip on one
 * CPU, so each mode is measured and reported on its own.
 */
public enum Pinning {
    /** Both processes on CPU 0: every hand-over is a context switch on one CPU. */
    ONE_CPU("one CPU (both on 0)", "0", "0"),
    /** Server on CPU 0, client on CPU 1: every hand-over crosses CPUs. */
    CPU_EACH("one CPU each (0 / 1)", "0", "1"),
    /** No pinning: the scheduler decides. */
    UNPINNED("unpinned", null, null);

    private final String label;
    private final String serverCpu;
    private final String clientCpu;

    Pinning(String label, String serverCpu, String clientCpu) {
        this.label = label;
        this.serverCpu = serverCpu;
        this.clientCpu = clientCpu;
    }

    public String label() {
        return label;
    }

    /** How the processes were pinned, for a report: "`taskset -c 0` for both processes". */
    String commands() {
        if (serverCpu == null) {
            return "no taskset";
        }
        return serverCpu.equals(clientCpu) ? "`taskset -c " + serverCpu + "` for both processes"
                : "`taskset -c " + serverCpu + "` for the server, `taskset -c " + clientCpu + "` for the client";
    }

    /** The server's command, under {@code taskset} if this mode pins it. */
    List<String> server(List<String> command) {
        return pinned(serverCpu, command);
    }

    /** The client's command, under {@code taskset} if this mode pins it. */
    List<String> client(List<String> command) {
        return pinned(clientCpu, command);
    }

    /**
     * Whether this machine can run the mode (CPU 1 exists for {@link #CPU_EACH}): the machine's
     * CPUs, not the harness's affinity, since each process gets its own {@code taskset}.
     */
    boolean availableHere() {
        return this != CPU_EACH || Machine.onlineCpus() >= 2;
    }

    private static List<String> pinned(String cpu, List<String> command) {
        if (cpu == null) {
            return command;
        }
        List<String> c = new ArrayList<>(List.of("taskset", "-c", cpu));
        c.addAll(command);
        return c;
    }
}
