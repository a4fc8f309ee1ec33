package io.github.nativeipc.benchmarks;

/** Which client talks to the C server: C (the floor), this library, or what a Java user could pick instead. */
public enum Pair {
    C("C<->C"),
    LIBRARY("Java<->C (native-ipc)"),
    ALTERNATIVE("Java<->C (alternative)");

    private final String label;

    Pair(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The first argument of {@code JavaClient}; only for the Java pairs. */
    String javaClientArgument() {
        return this == LIBRARY ? "library" : "alternative";
    }
}
