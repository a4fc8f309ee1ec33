package io.github.nativeipc.cli;

/**
 * A command that ended without an exception but not successfully (a wait that timed out, an empty
 * queue): its exit status and the line for standard error.
 */
final class Outcome extends Exception {
    private static final long serialVersionUID = 1L;

    private final ExitCode code;

    Outcome(ExitCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    ExitCode code() {
        return code;
    }
}
