package io.github.nativeipc.error;

/**
 * An argument was rejected: by the library before any call (invalid name, size, mode), or by the OS ({@code EINVAL}, {@code ENAMETOOLONG}).
 *
 * <p>Immutable. See {@link IpcException} for what the message names.
 */
public class InvalidArgumentException extends IpcException {
    private static final long serialVersionUID = 1L;

    public InvalidArgumentException(String operation, String object, int errno, String errnoName, String osMessage) {
        super(operation, object, errno, errnoName, osMessage);
    }

    public InvalidArgumentException(String operation, String object, int errno, String errnoName, String osMessage, String detail) {
        super(operation, object, errno, errnoName, osMessage, detail);
    }
}
