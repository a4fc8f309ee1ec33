package io.github.nativeipc.posix;

import io.github.nativeipc.bindings.Platform;
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
}
