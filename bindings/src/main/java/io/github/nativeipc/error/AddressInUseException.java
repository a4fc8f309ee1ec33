package io.github.nativeipc.error;

/**
 * The address is taken: a socket file or abstract name another socket is bound to ({@code EADDRINUSE}),
 * or a Windows pipe name another server owns.
 *
 * <p>Immutable. See {@link IpcException} for what the message names.
 */
public class AddressInUseException extends AlreadyExistsException {
    private static final long serialVersionUID = 1L;

    public AddressInUseException(String operation, String object, int errno, String errnoName, String osMessage) {
        super(operation, object, errno, errnoName, osMessage);
    }

    public AddressInUseException(String operation, String object, int errno, String errnoName, String osMessage, String detail) {
        super(operation, object, errno, errnoName, osMessage, detail);
    }
}
