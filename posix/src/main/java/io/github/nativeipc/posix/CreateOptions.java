package io.github.nativeipc.posix;

/**
 * How a new POSIX IPC object is created: its permission bits and whether closing the Java object
 * also removes the name.
 *
 * <p>The mode defaults to {@code 0600} and is applied explicitly after creation ({@code fchmod},
 * or {@code chmod} on the semaphore's file), so the process umask does not change it. Removing
 * the name stays explicit ({@code unlink()}) unless {@link #unlinkOnClose(boolean)} opts in.
 *
 * <p>Immutable; thread-safe.
 */
public final class CreateOptions {
    private static final CreateOptions DEFAULTS = new CreateOptions(0600, false);

    private final int mode;
    private final boolean unlinkOnClose;

    private CreateOptions(int mode, boolean unlinkOnClose) {
        this.mode = mode;
        this.unlinkOnClose = unlinkOnClose;
    }

    /** Mode {@code 0600}, the name kept on close. */
    public static CreateOptions defaults() {
        return DEFAULTS;
    }

    /**
     * These options with permission bits {@code mode} (for example {@code 0640}).
     *
     * @throws IllegalArgumentException if {@code mode} has bits outside {@code 0777}
     */
    public CreateOptions mode(int mode) {
        if ((mode & ~0777) != 0) {
            throw new IllegalArgumentException(String.format("mode 0%o has bits outside 0777", mode));
        }
        return new CreateOptions(mode, unlinkOnClose);
    }

    /** These options with the name removed by {@code close()} when this process created the object. */
    public CreateOptions unlinkOnClose(boolean unlinkOnClose) {
        return new CreateOptions(mode, unlinkOnClose);
    }

    public int mode() {
        return mode;
    }

    public boolean unlinkOnClose() {
        return unlinkOnClose;
    }

    @Override
    public String toString() {
        return String.format("CreateOptions[mode=0%o, unlinkOnClose=%s]", mode, unlinkOnClose);
    }
}
