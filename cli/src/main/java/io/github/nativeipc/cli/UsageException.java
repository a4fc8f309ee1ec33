package io.github.nativeipc.cli;

/** Bad command-line input, reported in one line with exit status 2 and never as a stack trace. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String reason) {
        super(reason);
    }
}
