package io.github.nativeipc.posix;

import java.time.Duration;
import java.util.Objects;

/** Turning a user's {@link Duration} into the nanoseconds the wait loops count down. Thread-safe (stateless). */
final class Timeouts {
    private Timeouts() {}

    /**
     * Longest single kernel wait of a blocking call. Waits are cut into such slices so that an
     * interrupt or a close from another thread is noticed within one.
     */
    static final long SLICE_MILLIS = 50;
    static final long SLICE_NANOS = SLICE_MILLIS * 1_000_000L;

    /** How long a close() keeps signalling blocked callers of the object until they have left, at most. */
    static final long WAKE_PATIENCE_NANOS = 2_000_000_000L;

    /** {@code timeout} in nanoseconds: 0 for zero or negative, saturated at {@link Long#MAX_VALUE} / 2. */
    static long nanos(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            return 0L;
        }
        try {
            return Math.min(timeout.toNanos(), Long.MAX_VALUE / 2);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 2;
        }
    }
}
