package io.github.nativeipc.error;

/**
 * The peer closed or aborted a connection while data was in flight ({@code ECONNRESET},
 * {@code ECONNABORTED}).
 *
 * <p>Immutable. See {@link IpcException} for what the message names.
 */
public class ConnectionResetException extends IpcException {
    private static final long serialVersionUID = 1L;

    public ConnectionResetException(String operation, String object, int errno, String errnoName, String osMessage) {
        super(operation, object, errno, errnoName, osMessage);
    }

    public ConnectionResetException(String operation, String object, int errno, String errnoName, String osMessage, String detail) {
        super(operation, object, errno, errnoName, osMessage, detail);
    }
}
