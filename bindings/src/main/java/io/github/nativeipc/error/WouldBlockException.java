package io.github.nativeipc.error;

/**
 * The operation would have to wait and was asked not to, or its timeout ran out ({@code EAGAIN}, {@code ETIMEDOUT}, {@code ENOMSG}).
 *
 * <p>Immutable. See {@link IpcException} for what the message names.
 */
public class WouldBlockException extends IpcException {
    private static final long serialVersionUID = 1L;

    public WouldBlockException(String operation, String object, int errno, String errnoName, String osMessage) {
        super(operation, object, errno, errnoName, osMessage);
    }

    public WouldBlockException(String operation, String object, int errno, String errnoName, String osMessage, String detail) {
        super(operation, object, errno, errnoName, osMessage, detail);
    }
}
