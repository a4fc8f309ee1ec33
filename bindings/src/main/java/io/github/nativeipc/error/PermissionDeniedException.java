package io.github.nativeipc.error;

/**
 * The caller lacks the permission the operation needs ({@code EACCES}, {@code EPERM}).
 *
 * <p>Immutable. See {@link IpcException} for what the message names.
 */
public class PermissionDeniedException extends IpcException {
    private static final long serialVersionUID = 1L;

    public PermissionDeniedException(String operation, String object, int errno, String errnoName, String osMessage) {
        super(operation, object, errno, errnoName, osMessage);
    }

    public PermissionDeniedException(String operation, String object, int errno, String errnoName, String osMessage, String detail) {
        super(operation, object, errno, errnoName, osMessage, detail);
    }
}
