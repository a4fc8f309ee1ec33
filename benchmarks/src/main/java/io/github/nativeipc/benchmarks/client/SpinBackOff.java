package io.github.nativeipc.benchmarks.client;

/**
 * How every spinner of the benchmarks waits, in Java exactly as in {@code bench_peer.c}'s
 * {@code await_at_least}: the first {@code limit} unsuccessful checks pause ({@link Thread#onSpinWait()},
 * the x86 {@code pause} instruction, like the C side's {@code __builtin_ia32_pause()}), every check
 * after that yields the CPU ({@link Thread#yield()}, which is {@code sched_yield()} on Linux, as in C).
 * Without the yield, two spinners on one CPU would each burn a whole time slice per hand-over.
 */
final class SpinBackOff {
    private SpinBackOff() {}

    /** Backs off after the {@code spins}-th unsuccessful check; returns the new count. */
    static int next(int spins, int limit) {
        if (spins < limit) {
            Thread.onSpinWait();
            return spins + 1;
        }
        Thread.yield();
        return spins;
    }
}
