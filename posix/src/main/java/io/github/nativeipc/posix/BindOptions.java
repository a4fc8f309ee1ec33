package io.github.nativeipc.posix;

/**
 * How a Unix socket binds to a path: the socket file's permission bits, what to do with a file
 * already at the path, whether closing removes the file, and (for listening sockets) the backlog.
 *
 * <p>Defaults ({@link #defaults()}): mode {@code 0600}, applied with {@code chmod} after
 * {@code bind} and before {@code listen}, so the umask does not change it and no client can connect
 * while the file has other permissions; a stale socket file (one nothing listens on any more, left
 * by a process that died) is replaced, a live server's never; the file is removed on
 * {@code close()} if it is still the one this socket created; backlog 128. Abstract names have
 * no file: only the backlog applies to them.
 *
 * <p>Immutable; thread-safe.
 */
public final class BindOptions {
    private static final BindOptions DEFAULTS = new BindOptions(0600, 128, true, true);

    private final int mode;
    private final int backlog;
    private final boolean replaceStale;
    private final boolean removeOnClose;

    private BindOptions(int mode, int backlog, boolean replaceStale, boolean removeOnClose) {
        this.mode = mode;
        this.backlog = backlog;
        this.replaceStale = replaceStale;
        this.removeOnClose = removeOnClose;
    }

    /** Mode {@code 0600}, stale files replaced, the file removed on close, backlog 128. */
    public static BindOptions defaults() {
        return DEFAULTS;
    }

    /**
     * These options with the socket file's permission bits {@code mode} ({@code 0660} to let the
     * group connect: connecting needs write permission on the file).
     *
     * @throws IllegalArgumentException if {@code mode} has bits outside {@code 0777}
     */
    public BindOptions mode(int mode) {
        if ((mode & ~0777) != 0) {
            throw new IllegalArgumentException(String.format("mode 0%o has bits outside 0777", mode));
        }
        return new BindOptions(mode, backlog, replaceStale, removeOnClose);
    }

    /**
     * These options with {@code listen} backlog {@code backlog}: connections the kernel queues
     * before {@code accept} (capped by {@code /proc/sys/net/core/somaxconn}); a client connecting
     * to a full queue waits (or gets {@code EAGAIN} when non-blocking).
     *
     * @throws IllegalArgumentException if negative
     */
    public BindOptions backlog(int backlog) {
        if (backlog < 0) {
            throw new IllegalArgumentException("backlog " + backlog + " is negative");
        }
        return new BindOptions(mode, backlog, replaceStale, removeOnClose);
    }

    /**
     * These options with a stale socket file at the path replaced ({@code true}) or reported as
     * {@link io.github.nativeipc.error.AddressInUseException} ({@code false}). Stale means: the file
     * is a socket and connecting to it is refused ({@code ECONNREFUSED}), so nothing is bound to
     * it. A live socket and a file of another kind are never replaced.
     */
    public BindOptions replaceStale(boolean replaceStale) {
        return new BindOptions(mode, backlog, replaceStale, removeOnClose);
    }

    /** These options with the socket file removed by {@code close()} ({@code true}) or left in place. */
    public BindOptions removeOnClose(boolean removeOnClose) {
        return new BindOptions(mode, backlog, replaceStale, removeOnClose);
    }

    public int mode() {
        return mode;
    }

    public int backlog() {
        return backlog;
    }

    public boolean replaceStale() {
        return replaceStale;
    }

    public boolean removeOnClose() {
        return removeOnClose;
    }

    @Override
    public String toString() {
        return String.format("BindOptions[mode=0%o, backlog=%d, replaceStale=%s, removeOnClose=%s]", mode, backlog, replaceStale,
                removeOnClose);
    }
}
