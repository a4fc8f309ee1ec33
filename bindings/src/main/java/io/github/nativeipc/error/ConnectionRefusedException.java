package io.github.nativeipc.error;

/**
 * Nothing accepts connections at the address: a socket file or abstract name with no listening
 * server, or a full backlog on a non-blocking connect ({@code ECONNREFUSED}).
 *
 * <p>Immutable. See {@link IpcException} for what the message names.
 */
public class ConnectionRefusedException extends IpcException {
    private static final long serialVersionUID = 1L;

    public ConnectionRefusedException(String operation, String object, int errno, String errnoName, String osMessage) {
        super(operation, object, errno, errnoName, osMessage);
    }

    public ConnectionRefusedException(String operation, String object, int errno, String errnoName, String osMessage, String detail) {
        super(operation, object, errno, errnoName, osMessage, detail);
    }
}
