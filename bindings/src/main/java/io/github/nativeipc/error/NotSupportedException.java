package io.github.nativeipc.error;

/**
 * This kernel, C library or platform does not offer the facility ({@code ENOSYS}, {@code EOPNOTSUPP},
 * {@code EAFNOSUPPORT}, {@code EPROTONOSUPPORT}), or the library refused because it knows the
 * platform lacks it (the message then names the capability).
 *
 * <p>Immutable. See {@link IpcException} for what the message names.
 */
public class NotSupportedException extends IpcException {
    private static final long serialVersionUID = 1L;

    public NotSupportedException(String operation, String object, int errno, String errnoName, String osMessage) {
        super(operation, object, errno, errnoName, osMessage);
    }

    public NotSupportedException(String operation, String object, int errno, String errnoName, String osMessage, String detail) {
        super(operation, object, errno, errnoName, osMessage, detail);
    }
}
