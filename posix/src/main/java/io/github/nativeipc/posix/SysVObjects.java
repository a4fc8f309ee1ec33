package io.github.nativeipc.posix;

import static io.github.nativeipc.bindings.PosixConstants.IPC_CREAT;
import static io.github.nativeipc.bindings.PosixConstants.IPC_EXCL;

import io.github.nativeipc.bindings.Errno;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import java.time.Instant;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/**
 * What the three System V object kinds share: the {@code xxxget} dance that gives create /
 * open / openOrCreate their meaning, and the rendering of keys and flags in messages.
 * Thread-safe (stateless).
 */
final class SysVObjects {
    private SysVObjects() {}

    /** An id obtained from {@code shmget}/{@code msgget}/{@code semget}, and whether this call created it. */
    record Id(int id, boolean created) {}

    enum Disposition { CREATE, OPEN, OPEN_OR_CREATE }

    /**
     * Runs {@code get} (taking the flags) with create/open semantics.
     *
     * @param call    the call name, e.g. {@code shmget}
     * @param args    what to show between the key and the flags, e.g. {@code ", 4096"}
     */
    static Id get(String call, SysVKey key, String args, Disposition disposition, int mode, IntUnaryOperator get)
            throws IpcException {
        return get(call, key, args, disposition, mode, get, errno -> null);
    }

    /** As above; {@code detail} names the limit behind a creation error (null if none applies). */
    static Id get(String call, SysVKey key, String args, Disposition disposition, int mode, IntUnaryOperator get,
            IntFunction<String> detail) throws IpcException {
        if ((mode & ~0777) != 0) {
            throw Errors.invalidArgument(call, key.toString(), String.format("mode 0%o has bits outside 0777", mode));
        }
        if (disposition == Disposition.OPEN) {
            if (key.isPrivate()) {
                throw Errors.invalidArgument(call + "(IPC_PRIVATE)", key.toString(),
                        "IPC_PRIVATE always creates a new object; open one by id instead");
            }
            int id = get.applyAsInt(0);
            if (id < 0) {
                throw Syscalls.error(call + "(" + key + args + ", 0)", "key " + key);
            }
            return new Id(id, false);
        }
        int createFlags = IPC_CREAT | IPC_EXCL | mode;
        for (;;) {
            int id = get.applyAsInt(createFlags);
            if (id >= 0) {
                return new Id(id, true);
            }
            int errno = Native.errno();
            if (errno != Errno.EEXIST.value() || disposition == Disposition.CREATE) {
                throw Errors.fromErrno(errno, call + "(" + key + args + ", IPC_CREAT|IPC_EXCL|" + Syscalls.mode(mode) + ")",
                        "key " + key, detail.apply(errno));
            }
            id = get.applyAsInt(0);
            if (id >= 0) {
                return new Id(id, false);
            }
            if (Native.errno() != Errno.ENOENT.value()) {
                throw Syscalls.error(call + "(" + key + args + ", 0)", "key " + key);
            }
        }
    }

    /**
     * The error of a failed {@code IPC_STAT} by id: the kernel answers {@code EINVAL} (or
     * {@code EIDRM}) for an id that names no object, which callers know as "not found".
     */
    static IpcException statError(String operation, String object) {
        int errno = Native.errno();
        if (errno == Errno.EINVAL.value() || errno == Errno.EIDRM.value()) {
            return Errors.notFound(errno, operation, object, "no System V object has this id (any more)");
        }
        return Errors.fromErrno(errno, operation, object);
    }

    /** A {@code time_t} field as an {@link Instant}, or null when it is 0 (never happened). */
    static Instant time(long seconds) {
        return seconds == 0 ? null : Instant.ofEpochSecond(seconds);
    }
}
