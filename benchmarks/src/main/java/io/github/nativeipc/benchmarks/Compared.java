package io.github.nativeipc.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * A transport (round trip or bulk) measured as C<->C, through this library (its typed layer, and
 * its facade where the facade reaches the transport), and through each of its alternatives.
 * Implemented by {@link Transport} and {@link BulkTransport}.
 */
interface Compared {
    /** What a Java user could pick instead, in report order; at least one. */
    List<Alternative> alternatives();

    /**
     * What the {@link Pair#FACADE} row uses: the facade's classes on the same kernel objects as the
     * typed layer's row; null where the facade does not reach this transport (no row).
     */
    default String facade() {
        return null;
    }

    /** Every pair the reports have a row for: C, the library, its facade if any, then each alternative (available or not). */
    default List<Pair> pairs() {
        List<Pair> pairs = new ArrayList<>(List.of(Pair.C, Pair.LIBRARY));
        if (facade() != null) {
            pairs.add(Pair.FACADE);
        }
        for (Alternative a : alternatives()) {
            pairs.add(a.pair());
        }
        return pairs;
    }

    /** The pairs that run: C, the library, its facade if any, and the available alternatives. */
    default List<Pair> runnablePairs() {
        return pairs().stream().filter(p -> alternative(p) == null || alternative(p).available()).toList();
    }

    /** The alternative that runs as {@code pair}; null for C, the library and its facade. */
    default Alternative alternative(Pair pair) {
        return alternatives().stream().filter(a -> a.pair() == pair).findFirst().orElse(null);
    }
}
