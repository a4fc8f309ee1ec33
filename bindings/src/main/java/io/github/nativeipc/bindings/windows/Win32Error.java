package io.github.nativeipc.bindings.windows;

import java.util.HashMap;
import java.util.Map;

/**
 * The Win32 error codes ({@code GetLastError()}, {@code winerror.h}) the library meets, with the
 * text the English {@code FormatMessage} gives for them, so messages read the same on every
 * machine and the mapping can be checked on any OS.
 *
 * <p>Only the table: which exception a code becomes is decided in one place,
 * {@code io.github.nativeipc.error.Errors#fromWin32}. Immutable; thread-safe.
 */
public enum Win32Error {
    ERROR_FILE_NOT_FOUND(2, "The system cannot find the file specified."),
    ERROR_PATH_NOT_FOUND(3, "The system cannot find the path specified."),
    ERROR_TOO_MANY_OPEN_FILES(4, "The system cannot open the file."),
    ERROR_ACCESS_DENIED(5, "Access is denied."),
    ERROR_INVALID_HANDLE(6, "The handle is invalid."),
    ERROR_NOT_ENOUGH_MEMORY(8, "Not enough memory resources are available to process this command."),
    ERROR_OUTOFMEMORY(14, "Not enough memory resources are available to complete this operation."),
    ERROR_SHARING_VIOLATION(32, "The process cannot access the file because it is being used by another process."),
    ERROR_HANDLE_EOF(38, "Reached the end of the file."),
    ERROR_NOT_SUPPORTED(50, "The request is not supported."),
    ERROR_FILE_EXISTS(80, "The file exists."),
    ERROR_INVALID_PARAMETER(87, "The parameter is incorrect."),
    ERROR_BROKEN_PIPE(109, "The pipe has been ended."),
    ERROR_DISK_FULL(112, "There is not enough space on the disk."),
    ERROR_CALL_NOT_IMPLEMENTED(120, "This function is not supported on this system."),
    ERROR_SEM_TIMEOUT(121, "The semaphore timeout period has expired."),
    ERROR_INSUFFICIENT_BUFFER(122, "The data area passed to a system call is too small."),
    ERROR_INVALID_NAME(123, "The filename, directory name, or volume label syntax is incorrect."),
    ERROR_BAD_PATHNAME(161, "The specified path is invalid."),
    ERROR_ALREADY_EXISTS(183, "Cannot create a file when that file already exists."),
    ERROR_BAD_EXE_FORMAT(193, "The file is not a valid Win32 application."),
    ERROR_FILENAME_EXCED_RANGE(206, "The filename or extension is too long."),
    ERROR_BAD_PIPE(230, "The pipe state is invalid."),
    ERROR_PIPE_BUSY(231, "All pipe instances are busy."),
    ERROR_NO_DATA(232, "The pipe is being closed."),
    ERROR_PIPE_NOT_CONNECTED(233, "No process is on the other end of the pipe."),
    ERROR_MORE_DATA(234, "More data is available."),
    ERROR_DIRECTORY(267, "The directory name is invalid."),
    WAIT_TIMEOUT(258, "The wait operation timed out."),
    ERROR_NOT_OWNER(288, "Attempt to release mutex not owned by caller."),
    ERROR_TOO_MANY_POSTS(298, "Too many posts were made to a semaphore."),
    ERROR_INVALID_ADDRESS(487, "Attempt to access invalid address."),
    ERROR_PIPE_CONNECTED(535, "There is a process on other end of the pipe."),
    ERROR_PIPE_LISTENING(536, "Waiting for a process to open the other end of the pipe."),
    ERROR_ABANDONED_WAIT_0(735, "The wait was abandoned: its previous owner ended without releasing it."),
    ERROR_OPERATION_ABORTED(995, "The I/O operation has been aborted because of either a thread exit or an application request."),
    ERROR_IO_INCOMPLETE(996, "Overlapped I/O event is not in a signaled state."),
    ERROR_IO_PENDING(997, "Overlapped I/O operation is in progress."),
    ERROR_FILE_INVALID(1006, "The volume for a file has been externally altered so that the opened file is no longer valid."),
    ERROR_MAPPED_ALIGNMENT(1132, "The base address or the file offset specified does not have the proper alignment."),
    ERROR_NO_SYSTEM_RESOURCES(1450, "Insufficient system resources exist to complete the requested service."),
    ERROR_COMMITMENT_LIMIT(1455, "The paging file is too small for this operation to complete."),
    ERROR_TIMEOUT(1460, "This operation returned because the timeout period expired."),
    ERROR_INVALID_SECURITY_DESCR(1338, "The security descriptor structure is invalid.");

    private static final Map<Integer, Win32Error> BY_CODE = new HashMap<>();

    static {
        for (Win32Error e : values()) {
            BY_CODE.put(e.code, e);
        }
    }

    private final int code;
    private final String message;

    Win32Error(int code, String message) {
        this.code = code;
        this.message = message;
    }

    /** The number {@code GetLastError()} returns. */
    public int code() {
        return code;
    }

    /** The English system message for the code. */
    public String message() {
        return message;
    }

    /** The entry for {@code code}, or {@code null} if the table does not have it. */
    public static Win32Error of(int code) {
        return BY_CODE.get(code);
    }

    /** {@code ERROR_PIPE_BUSY} for 231; {@code "ERROR_231"} for a code the table does not have. */
    public static String nameOf(int code) {
        Win32Error e = of(code);
        return e != null ? e.name() : "ERROR_" + code;
    }
}
