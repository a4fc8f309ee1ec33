package io.github.nativeipc.posix;

/**
 * How a child process ended, decoded from the {@code waitpid} status: it either exited with a
 * code ({@code WIFEXITED}, {@code WEXITSTATUS}) or was killed by a signal ({@code WIFSIGNALED},
 * {@code WTERMSIG}, {@code WCOREDUMP}). Immutable.
 *
 * @param exitCode     the exit code 0-255, or -1 if a signal ended the process
 * @param signalNumber the number of the signal that ended it, or 0 if it exited
 * @param coreDumped   whether the kernel wrote a core dump
 */
public record ExitStatus(int exitCode, int signalNumber, boolean coreDumped) {

    /** Decodes a {@code waitpid} status word (the same encoding on Linux and macOS). */
    static ExitStatus fromWaitStatus(int status) {
        int low = status & 0x7f;
        if (low == 0) {
            return new ExitStatus((status >> 8) & 0xff, 0, false);
        }
        return new ExitStatus(-1, low, (status & 0x80) != 0);
    }

    /** Whether the process exited by itself ({@code exit}, {@code return} from {@code main}). */
    public boolean exited() {
        return signalNumber == 0;
    }

    /** The signal that ended the process, if one did (and this platform knows its number). */
    public java.util.Optional<AnySignal> signal() {
        return signaled() ? AnySignal.of(signalNumber) : java.util.Optional.empty();
    }

    /** Whether a signal ended the process. */
    public boolean signaled() {
        return signalNumber != 0;
    }

    /** What a shell would print as {@code $?}: the exit code, or 128 + the signal number. */
    public int shellStatus() {
        return exited() ? exitCode : 128 + signalNumber;
    }

    @Override
    public String toString() {
        return exited() ? "exit " + exitCode : "signal " + signal().map(AnySignal::signalName).orElse(String.valueOf(signalNumber))
                + (coreDumped ? " (core dumped)" : "");
    }
}
