package io.github.nativeipc.error;

/**
 * The object does not exist ({@code ENOENT}), or was removed while in use ({@code EIDRM}).
 *
 * <p>Immutable. See {@link IpcException} for what the message names.
 */
public class NotFoundException extends IpcException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String operation, String object, int errno, String errnoName, String osMessage) {
        super(operation, object, errno, errnoName, osMessage);
    }

    public NotFoundException(String operation, String object, int errno, String errnoName, String osMessage, String detail) {
        super(operation, object, errno, errnoName, osMessage, detail);
    }
}
