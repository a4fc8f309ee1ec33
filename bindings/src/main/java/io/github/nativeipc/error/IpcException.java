package io.github.nativeipc.error;

import java.io.IOException;

/**
 * Root of the library's exception hierarchy: an operation on an IPC object failed.
 *
 * <p>Every instance names the operation (the C call with its arguments, such as
 * {@code shm_open("/orders", O_CREAT|O_EXCL|O_RDWR, 0600)}), the object it was applied to, and,
 * when the kernel reported it, the OS error: number, symbolic name and text. The message reads
 * {@code shm_open("/orders", O_CREAT|O_EXCL|O_RDWR, 0600): EEXIST (17) File exists}.
 *
 * <p>Catch a subclass to react by meaning ({@link AlreadyExistsException},
 * {@link NotFoundException}, {@link PermissionDeniedException}, {@link WouldBlockException},
 * {@link LimitReachedException}, {@link ClosedException}, {@link InvalidArgumentException},
 * {@link BrokenPipeException}, {@link ConnectionRefusedException}, {@link ConnectionResetException},
 * {@link AddressInUseException}, {@link NotSupportedException}, {@link OwnerDiedException});
 * errors with no better type are thrown as this class. {@link Errors#fromErrno} is the one place
 * where an errno becomes a type, {@link Errors#fromWin32} where a Win32 error code does. Instances are immutable.
 */
public class IpcException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Errno value used when no OS error is involved (the library refused before any call). */
    public static final int NO_ERRNO = 0;

    private final String operation;
    private final String object;
    private final int errno;
    private final String errnoName;
    private final String osMessage;

    /**
     * @param operation the call as a reader would write it, e.g. {@code sem_open("/s", O_RDWR)}
     * @param object    the IPC object's name or description, e.g. {@code /s}
     * @param errno     the OS error number, or {@link #NO_ERRNO}
     * @param errnoName symbolic name such as {@code EEXIST}, or {@code null} without errno
     * @param osMessage OS error text (strerror) or the library's reason when there is no errno
     */
    public IpcException(String operation, String object, int errno, String errnoName, String osMessage) {
        this(operation, object, errno, errnoName, osMessage, null);
    }

    /**
     * As above, with {@code detail}: what the library knows about the cause (for a limit: which
     * one, its value and where it is set), appended to the message after {@code " -- "}.
     */
    public IpcException(String operation, String object, int errno, String errnoName, String osMessage, String detail) {
        super(format(operation, errno, errnoName, osMessage) + (detail == null ? "" : " -- " + detail));
        this.operation = operation;
        this.object = object;
        this.errno = errno;
        this.errnoName = errnoName;
        this.osMessage = osMessage;
    }

    private static String format(String operation, int errno, String errnoName, String osMessage) {
        StringBuilder sb = new StringBuilder(operation).append(": ");
        if (errno != NO_ERRNO) {
            sb.append(errnoName).append(" (").append(errno).append(") ");
        }
        return sb.append(osMessage).toString();
    }

    /** The failing operation with its arguments, e.g. {@code shm_open("/orders", O_RDWR, 0)}. */
    public String operation() {
        return operation;
    }

    /** The object the operation applied to, e.g. {@code /orders}. */
    public String object() {
        return object;
    }

    /**
     * The OS error number the failing call set: the {@code errno} on POSIX, the
     * {@code GetLastError()} code on Windows; {@link #NO_ERRNO} if none was involved.
     */
    public int errno() {
        return errno;
    }

    /**
     * The symbolic name ({@code EEXIST}, {@code ERROR_PIPE_BUSY}), or {@code null} if no OS error
     * was involved.
     */
    public String errnoName() {
        return errnoName;
    }

    /** The OS error text ({@code File exists}) or the library's reason. */
    public String osMessage() {
        return osMessage;
    }
}
