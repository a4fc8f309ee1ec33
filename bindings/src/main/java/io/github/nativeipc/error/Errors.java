package io.github.nativeipc.error;

import io.github.nativeipc.bindings.Errno;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.bindings.windows.Win32Error;

/**
 * The one place where an OS error number becomes a typed exception: a POSIX {@code errno}
 * ({@link #fromErrno}) or a Win32 {@code GetLastError()} code ({@link #fromWin32}).
 *
 * <p>Thread-safe (stateless).
 */
public final class Errors {
    private Errors() {}

    /**
     * The exception for {@code errno} set by {@code operation} on {@code object}.
     *
     * @param errno     the value the failing call stored (see {@code Native.errno()})
     * @param operation the call with its arguments, e.g. {@code shm_open("/x", O_RDWR, 0)}
     * @param object    the object's name
     */
    public static IpcException fromErrno(int errno, String operation, String object) {
        return fromErrno(errno, operation, object, null);
    }

    /**
     * As {@link #fromErrno(int, String, String)}, with {@code detail} appended to the message: what
     * the caller knows about the cause, such as the limit that was hit and where it is set.
     */
    public static IpcException fromErrno(int errno, String operation, String object, String detail) {
        String name = Errno.nameOf(errno);
        String text = strerror(errno);
        Errno e = Errno.of(errno);
        if (e == null) {
            return new IpcException(operation, object, errno, name, text, detail);
        }
        switch (e) {
            case EEXIST:
                return new AlreadyExistsException(operation, object, errno, name, text, detail);
            case EADDRINUSE:
                return new AddressInUseException(operation, object, errno, name, text, detail);
            case ENOENT:
            case EIDRM:
            case ESRCH:
                return new NotFoundException(operation, object, errno, name, text, detail);
            case EACCES:
            case EPERM:
                return new PermissionDeniedException(operation, object, errno, name, text, detail);
            case EAGAIN:
            case ETIMEDOUT:
            case ENOMSG:
                return new WouldBlockException(operation, object, errno, name, text, detail);
            case EMFILE:
            case ENFILE:
            case ENOMEM:
            case ENOSPC:
            case EDQUOT:
            case EFBIG:
            case EOVERFLOW:
            case EMSGSIZE:
            case E2BIG:
            case ENOBUFS:
            case ERANGE:
                return new LimitReachedException(operation, object, errno, name, text, detail);
            case EPIPE:
                return new BrokenPipeException(operation, object, errno, name, text, detail);
            case ECONNREFUSED:
                return new ConnectionRefusedException(operation, object, errno, name, text, detail);
            case ECONNRESET:
            case ECONNABORTED:
                return new ConnectionResetException(operation, object, errno, name, text, detail);
            case ENOSYS:
            case EOPNOTSUPP:
            case EAFNOSUPPORT:
            case EPROTONOSUPPORT:
                return new NotSupportedException(operation, object, errno, name, text, detail);
            case EOWNERDEAD:
                return new OwnerDiedException(operation, object, errno, name, text, detail);
            case EBADF:
                return new ClosedException(operation, object, errno, name, text, detail);
            case EINVAL:
            case ENAMETOOLONG:
            case EPROTOTYPE:
            case ENOTSOCK:
            case EDESTADDRREQ:
                return new InvalidArgumentException(operation, object, errno, name, text, detail);
            default:
                return new IpcException(operation, object, errno, name, text, detail);
        }
    }

    /**
     * The exception for the Win32 error {@code code} (as {@code GetLastError()} returned it right
     * after the failing call) set by {@code operation} on {@code object}. The message reads
     * {@code CreateNamedPipeW(\\.\pipe\x, ...): ERROR_ACCESS_DENIED (5) Access is denied.}; the
     * code is in {@link IpcException#errno()}.
     *
     * @param systemMessage the system's text for codes {@link Win32Error} lacks ({@code FormatMessage}),
     *                      or {@code null}
     * @param detail        what the caller knows about the cause, or {@code null}
     */
    public static IpcException fromWin32(int code, String operation, String object, String systemMessage, String detail) {
        Win32Error e = Win32Error.of(code);
        String name = Win32Error.nameOf(code);
        String text = e != null ? e.message() : systemMessage != null ? systemMessage : "Win32 error " + code;
        if (e == null) {
            return new IpcException(operation, object, code, name, text, detail);
        }
        switch (e) {
            case ERROR_ALREADY_EXISTS:
            case ERROR_FILE_EXISTS:
                return new AlreadyExistsException(operation, object, code, name, text, detail);
            case ERROR_FILE_NOT_FOUND:
            case ERROR_PATH_NOT_FOUND:
            case ERROR_DIRECTORY:
                return new NotFoundException(operation, object, code, name, text, detail);
            case ERROR_ACCESS_DENIED:
            case ERROR_NOT_OWNER:
                return new PermissionDeniedException(operation, object, code, name, text, detail);
            case ERROR_PIPE_BUSY:
            case WAIT_TIMEOUT:
            case ERROR_SEM_TIMEOUT:
            case ERROR_TIMEOUT:
                return new WouldBlockException(operation, object, code, name, text, detail);
            case ERROR_TOO_MANY_OPEN_FILES:
            case ERROR_NOT_ENOUGH_MEMORY:
            case ERROR_OUTOFMEMORY:
            case ERROR_DISK_FULL:
            case ERROR_MORE_DATA:
            case ERROR_TOO_MANY_POSTS:
            case ERROR_NO_SYSTEM_RESOURCES:
            case ERROR_COMMITMENT_LIMIT:
            case ERROR_INSUFFICIENT_BUFFER:
                return new LimitReachedException(operation, object, code, name, text, detail);
            case ERROR_BROKEN_PIPE:
            case ERROR_NO_DATA:
            case ERROR_PIPE_NOT_CONNECTED:
            case ERROR_HANDLE_EOF:
                return new BrokenPipeException(operation, object, code, name, text, detail);
            case ERROR_ABANDONED_WAIT_0:
                return new OwnerDiedException(operation, object, code, name, text, detail);
            case ERROR_NOT_SUPPORTED:
            case ERROR_CALL_NOT_IMPLEMENTED:
                return new NotSupportedException(operation, object, code, name, text, detail);
            case ERROR_INVALID_HANDLE:
            case ERROR_OPERATION_ABORTED:
                return new ClosedException(operation, object, code, name, text, detail);
            case ERROR_INVALID_PARAMETER:
            case ERROR_INVALID_NAME:
            case ERROR_BAD_PATHNAME:
            case ERROR_FILENAME_EXCED_RANGE:
            case ERROR_MAPPED_ALIGNMENT:
            case ERROR_FILE_INVALID:
            case ERROR_INVALID_SECURITY_DESCR:
            case ERROR_BAD_PIPE:
            case ERROR_BAD_EXE_FORMAT:
                return new InvalidArgumentException(operation, object, code, name, text, detail);
            default:
                return new IpcException(operation, object, code, name, text, detail);
        }
    }

    /**
     * A {@link NotFoundException} for an errno that means "not found" only in its context, such as
     * {@code EINVAL} from {@code shmctl(IPC_STAT)} on an id nothing has; the errno stays the real one.
     */
    public static NotFoundException notFound(int errno, String operation, String object, String detail) {
        return new NotFoundException(operation, object, errno, Errno.nameOf(errno), strerror(errno), detail);
    }

    /** An invalid argument the library rejected before making any call. */
    public static InvalidArgumentException invalidArgument(String operation, String object, String reason) {
        return new InvalidArgumentException(operation, object, IpcException.NO_ERRNO, null, reason);
    }

    /** An operation attempted on an object this process already closed. */
    public static ClosedException closed(String operation, String object) {
        return new ClosedException(operation, object, IpcException.NO_ERRNO, null, object + " is closed");
    }

    /** A facility this platform lacks, refused before any call; {@code reason} names the capability. */
    public static NotSupportedException notSupported(String operation, String object, String reason) {
        return new NotSupportedException(operation, object, IpcException.NO_ERRNO, null, reason);
    }

    /**
     * A message longer than the buffer given for it ({@code MSG_TRUNC}): {@code messageLength}
     * bytes sent, {@code kept} delivered.
     */
    public static MessageTruncatedException truncated(String operation, String object, long messageLength, long kept) {
        return new MessageTruncatedException(operation, object, messageLength, kept, "a message of " + messageLength
                + " bytes arrived in a buffer with room for " + kept + ": the first " + kept
                + " bytes are in the buffer, the rest was dropped by the kernel (MSG_TRUNC)");
    }

    /**
     * More descriptors arrived with a message than the receive had room for ({@code MSG_CTRUNC}):
     * the kernel dropped the rest, and the {@code kept} that arrived were closed.
     */
    public static MessageTruncatedException descriptorsTruncated(String operation, String object, int room, int kept, long bytes) {
        return new MessageTruncatedException(operation, object, -1, kept, "the peer sent more descriptors than the "
                + room + " this receive had room for (MSG_CTRUNC): the kernel dropped the rest and the " + kept
                + " that arrived were closed; the message's " + bytes + " data bytes are in the buffer");
    }

    /** A wait whose time ran out without an OS error (the library's own deadline). */
    public static WouldBlockException timedOut(String operation, String object, String reason) {
        return new WouldBlockException(operation, object, IpcException.NO_ERRNO, null, reason);
    }

    private static String strerror(int errno) {
        String s = Native.libc().strerror(errno);
        return s != null ? s : "Unknown error " + errno;
    }
}
