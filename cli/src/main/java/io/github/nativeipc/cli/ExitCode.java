package io.github.nativeipc.cli;

import io.github.nativeipc.error.AlreadyExistsException;
import io.github.nativeipc.error.InvalidArgumentException;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.error.LimitReachedException;
import io.github.nativeipc.error.NotFoundException;
import io.github.nativeipc.error.PermissionDeniedException;
import io.github.nativeipc.error.WouldBlockException;

/**
 * The exit status of {@code nipc}, one per class of outcome so that scripts can branch on it. The
 * library's exception types map onto them one to one ({@link #of(IpcException)}).
 */
enum ExitCode {
    OK(0, "success"),
    OS_ERROR(1, "any other error the OS reported (the message names the call and errno)"),
    USAGE(2, "usage error: unknown command or option, missing or malformed argument, a value the OS refused (EINVAL)"),
    NOT_FOUND(3, "the object does not exist (ENOENT, EIDRM)"),
    ALREADY_EXISTS(4, "the object already exists (EEXIST)"),
    ACCESS_DENIED(5, "permission denied (EACCES, EPERM)"),
    TIMEOUT(6, "timed out, or nothing there without waiting: empty queue, semaphore at zero (ETIMEDOUT, EAGAIN, ENOMSG)"),
    LIMIT(7, "a limit was reached: message too long, queue or memory limit, value out of range (EMSGSIZE, EMFILE, ENOSPC, ERANGE, ...)");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    int code() {
        return code;
    }

    String meaning() {
        return meaning;
    }

    static ExitCode of(IpcException e) {
        if (e instanceof NotFoundException) {
            return NOT_FOUND;
        }
        if (e instanceof AlreadyExistsException) {
            return ALREADY_EXISTS;
        }
        if (e instanceof PermissionDeniedException) {
            return ACCESS_DENIED;
        }
        if (e instanceof WouldBlockException) {
            return TIMEOUT;
        }
        if (e instanceof LimitReachedException) {
            return LIMIT;
        }
        if (e instanceof InvalidArgumentException) {
            return USAGE;
        }
        return OS_ERROR;
    }
}
