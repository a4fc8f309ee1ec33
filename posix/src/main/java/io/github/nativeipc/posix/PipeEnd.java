package io.github.nativeipc.posix;

import static io.github.nativeipc.bindings.PosixConstants.F_GETPIPE_SZ;
import static io.github.nativeipc.bindings.PosixConstants.F_SETPIPE_SZ;

import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;

/**
 * One end of a pipe: of an {@link AnonymousPipe} or of a {@link Fifo}. Both share the kernel's pipe
 * buffer, whose size ({@link #capacity()}) either end may read and change.
 *
 * <p>Writes of at most {@link io.github.nativeipc.bindings.PosixConstants#PIPE_BUF} bytes (4096 on
 * Linux) are atomic: several processes writing such messages to one pipe never interleave inside a
 * message. Longer writes may be split and interleaved.
 *
 * <p>Thread-safe, as {@link DescriptorChannel}.
 */
public abstract sealed class PipeEnd extends DescriptorChannel permits PipeSource, PipeSink {
    private static final LibC C = Native.libc();

    PipeEnd(int fd, String name, boolean blocking) throws IpcException {
        super(fd, name, blocking);
    }

    /**
     * The pipe buffer's size in bytes ({@code fcntl(F_GETPIPE_SZ)}, Linux): how much a writer can
     * put in before it blocks.
     */
    public int capacity() throws IpcException {
        if (!guard.enter()) {
            throw Errors.closed("fcntl(F_GETPIPE_SZ)", name);
        }
        try {
            int size = C.fcntl(fd, F_GETPIPE_SZ, 0);
            if (size < 0) {
                throw Syscalls.error("fcntl(" + fd + ", F_GETPIPE_SZ)", name);
            }
            return size;
        } finally {
            guard.exit();
        }
    }

    /**
     * Sets the pipe buffer's size ({@code fcntl(F_SETPIPE_SZ)}, Linux); the kernel rounds it up to a
     * power-of-two number of pages and returns what it set.
     *
     * @throws io.github.nativeipc.error.PermissionDeniedException above {@code /proc/sys/fs/pipe-max-size}
     *         for an unprivileged process, or past the user's {@code pipe-user-pages-soft} limit ({@code EPERM})
     * @throws io.github.nativeipc.error.LimitReachedException ({@code EBUSY} as the root type) below the bytes the pipe holds now
     */
    public int setCapacity(int bytes) throws IpcException {
        if (bytes <= 0) {
            throw Errors.invalidArgument("fcntl(F_SETPIPE_SZ, " + bytes + ")", name, "the capacity must be positive");
        }
        if (!guard.enter()) {
            throw Errors.closed("fcntl(F_SETPIPE_SZ)", name);
        }
        try {
            int size = C.fcntl(fd, F_SETPIPE_SZ, bytes);
            if (size < 0) {
                throw Syscalls.error("fcntl(" + fd + ", F_SETPIPE_SZ, " + bytes + ")", name,
                        "the most an unprivileged process may set is /proc/sys/fs/pipe-max-size ("
                                + ProcSys.read("fs/pipe-max-size") + " bytes)");
            }
            return size;
        } finally {
            guard.exit();
        }
    }
}
