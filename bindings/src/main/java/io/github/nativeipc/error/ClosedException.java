package io.github.nativeipc.error;

/**
 * The object was closed by this process before or during the operation (also {@code EBADF}).
 *
 * <p>Immutable. See {@link IpcException} for what the message names.
 */
public class ClosedException extends IpcException {
    private static final long serialVersionUID = 1L;

    public ClosedException(String operation, String object, int errno, String errnoName, String osMessage) {
        super(operation, object, errno, errnoName, osMessage);
    }

    public ClosedException(String operation, String object, int errno, String errnoName, String osMessage, String detail) {
        super(operation, object, errno, errnoName, osMessage, detail);
    }
}
