package io.github.nativeipc.posix;

import io.github.nativeipc.bindings.Platform;
import java.util.Locale;
import java.util.Optional;

/**
 * A signal to send or to receive: one of the standard {@link Signal}s, or a {@link RealTimeSignal}
 * ({@code SIGRTMIN+n}). Implementations are immutable.
 */
public sealed interface AnySignal permits Signal, RealTimeSignal {
    /** The signal's number on the running platform. */
    int number();

    /** The C name: {@code SIGHUP}, {@code SIGRTMIN+3}. */
    String signalName();

    /**
     * The signal with {@code number} on the running platform: a standard one, a real-time one
     * (Linux), or empty if there is none with that number.
     */
    static Optional<AnySignal> of(int number) {
        Optional<Signal> standard = Signal.of(number);
        if (standard.isPresent()) {
            return Optional.of(standard.get());
        }
        if (Platform.current().isLinux() && number >= RealTimeSignal.min() && number <= RealTimeSignal.max()) {
            return Optional.of(RealTimeSignal.of(number - RealTimeSignal.min()));
        }
        return Optional.empty();
    }

    /**
     * The signal a user wrote: a standard name ({@code HUP}, {@code SIGHUP}, {@code hup}), a
     * real-time one ({@code RTMIN}, {@code SIGRTMIN+3}, {@code RTMAX-1}), or a number ({@code 10}).
     *
     * @throws IllegalArgumentException naming the text if no signal of this platform matches it
     */
    static AnySignal parse(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            int number;
            try {
                number = Integer.parseInt(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("no signal numbered " + text);
            }
            return of(number).orElseThrow(() -> new IllegalArgumentException("no signal numbered " + text + " on " + Platform.current()));
        }
        String n = t.startsWith("SIG") ? t.substring(3) : t;
        if (n.startsWith("RTMIN") || n.startsWith("RTMAX")) {
            String rest = n.substring(5);
            int delta;
            try {
                delta = rest.isEmpty() ? 0 : Integer.parseInt(rest);   // "+3" and "-1" both parse
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("no signal called " + text + " (write SIGRTMIN+N or SIGRTMAX-N)");
            }
            int number = (n.startsWith("RTMIN") ? RealTimeSignal.min() : RealTimeSignal.max()) + delta;
            if (number < RealTimeSignal.min() || number > RealTimeSignal.max()) {
                throw new IllegalArgumentException(text + " is outside SIGRTMIN..SIGRTMAX (" + RealTimeSignal.min() + ".." + RealTimeSignal.max() + ")");
            }
            return RealTimeSignal.of(number - RealTimeSignal.min());
        }
        Signal s;
        try {
            s = Signal.named(n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("no signal called " + text);
        }
        if (!s.isAvailable()) {
            throw new IllegalArgumentException(s.signalName() + " does not exist on " + Platform.current());
        }
        return s;
    }
}
