package io.github.nativeipc.benchmarks;

/**
 * One thing a Java user could pick instead of this library for a transport: the {@link Pair} it
 * runs as and what it uses, or why it cannot take part there (junixsocket and the JDK have no
 * seqpacket socket, for instance), which the reports then say as "n/a" instead of leaving a row out.
 */
public record Alternative(Pair pair, String uses, String notAvailable) {

    /** An alternative that runs. */
    static Alternative of(Pair pair, String uses) {
        return new Alternative(pair, uses, null);
    }

    /** An alternative that cannot run for this transport, and why. */
    static Alternative notAvailable(Pair pair, String why) {
        return new Alternative(pair, null, why);
    }

    public boolean available() {
        return notAvailable == null;
    }

    /** What it uses, or "n/a (why)". */
    public String describe() {
        return available() ? uses : "n/a (" + notAvailable + ")";
    }
}
