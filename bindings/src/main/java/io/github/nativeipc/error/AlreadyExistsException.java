package io.github.nativeipc.error;

/**
 * The object already exists and was asked to be created exclusively ({@code EEXIST}).
 *
 * <p>Immutable. See {@link IpcException} for what the message names.
 */
public class AlreadyExistsException extends IpcException {
    private static final long serialVersionUID = 1L;

    public AlreadyExistsException(String operation, String object, int errno, String errnoName, String osMessage) {
        super(operation, object, errno, errnoName, osMessage);
    }

    public AlreadyExistsException(String operation, String object, int errno, String errnoName, String osMessage, String detail) {
        super(operation, object, errno, errnoName, osMessage, detail);
    }
}
