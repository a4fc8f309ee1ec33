package io.github.nativeipc.posix;

import io.github.nativeipc.bindings.Platform;
import java.util.Locale;
import java.util.Optional;

/**
 * The standard signals ({@code <signal.h>}) with their numbers on Linux (x86-64 and aarch64 share
 * the generic table) and on macOS, which numbers many of them differently (BUS 10, USR1 30, CHLD
 * 20, ...) and has some Linux lacks ({@code SIGEMT}, {@code SIGINFO}) and lacks some ({@code SIGSTKFLT},
 * {@code SIGPWR}). Real-time signals are {@link RealTimeSignal}s. Immutable; thread-safe.
 */
public enum Signal implements AnySignal {
    HUP(1, 1),
    INT(2, 2),
    QUIT(3, 3),
    ILL(4, 4),
    TRAP(5, 5),
    ABRT(6, 6),
    BUS(7, 10),
    FPE(8, 8),
    KILL(9, 9),
    USR1(10, 30),
    SEGV(11, 11),
    USR2(12, 31),
    PIPE(13, 13),
    ALRM(14, 14),
    TERM(15, 15),
    /** Linux only (x86 coprocessor stack fault, unused); -1: not on macOS. */
    STKFLT(16, -1),
    CHLD(17, 20),
    CONT(18, 19),
    STOP(19, 17),
    TSTP(20, 18),
    TTIN(21, 21),
    TTOU(22, 22),
    URG(23, 16),
    XCPU(24, 24),
    XFSZ(25, 25),
    VTALRM(26, 26),
    PROF(27, 27),
    WINCH(28, 28),
    /** {@code SIGIO}, also called {@code SIGPOLL} on Linux. */
    IO(29, 23),
    /** Linux only (power failure). */
    PWR(30, -1),
    SYS(31, 12),
    /** macOS only (emulator trap). */
    EMT(-1, 7),
    /** macOS only (status request from the keyboard, Ctrl-T). */
    INFO(-1, 29);

    private static final int NONE_VALUE = -1;
    private static final boolean DARWIN = Platform.current().isDarwin();

    private final int linux;
    private final int darwin;

    Signal(int linux, int darwin) {
        this.linux = linux;
        this.darwin = darwin;
    }

    /** Whether the running platform has this signal. */
    public boolean isAvailable() {
        return (DARWIN ? darwin : linux) != NONE_VALUE;
    }

    /**
     * The number on the running platform.
     *
     * @throws IllegalStateException if this platform has no such signal ({@link #isAvailable()})
     */
    @Override
    public int number() {
        int n = DARWIN ? darwin : linux;
        if (n == NONE_VALUE) {
            throw new IllegalStateException(signalName() + " does not exist on " + Platform.current());
        }
        return n;
    }

    /** The number on Linux, or -1 if Linux has no such signal. */
    public int linuxNumber() {
        return linux;
    }

    /** The number on macOS, or -1 if macOS has no such signal. */
    public int darwinNumber() {
        return darwin;
    }

    @Override
    public String signalName() {
        return "SIG" + name();
    }

    /** The signal with {@code number} on the running platform, if a standard one has it. */
    public static Optional<Signal> of(int number) {
        for (Signal s : values()) {
            if ((DARWIN ? s.darwin : s.linux) == number && number != NONE_VALUE) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * The signal called {@code name}: {@code "HUP"}, {@code "SIGHUP"} or {@code "sighup"}, and
     * {@code "POLL"} for {@link #IO}.
     *
     * @throws IllegalArgumentException if no standard signal has that name
     */
    public static Signal named(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        if (n.startsWith("SIG")) {
            n = n.substring(3);
        }
        if (n.equals("POLL")) {
            return IO;
        }
        try {
            return valueOf(n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("no signal called " + name);
        }
    }
}
