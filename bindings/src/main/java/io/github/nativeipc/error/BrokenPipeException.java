package io.github.nativeipc.error;

/**
 * The other end is gone: a write to a pipe, FIFO or socket whose reading side was closed
 * ({@code EPIPE}; the library never lets {@code SIGPIPE} kill the JVM, which ignores it), or a
 * Windows pipe whose other end closed ({@code ERROR_BROKEN_PIPE}, {@code ERROR_NO_DATA}).
 *
 * <p>Immutable. See {@link IpcException} for what the message names.
 */
public class BrokenPipeException extends IpcException {
    private static final long serialVersionUID = 1L;

    public BrokenPipeException(String operation, String object, int errno, String errnoName, String osMessage) {
        super(operation, object, errno, errnoName, osMessage);
    }

    public BrokenPipeException(String operation, String object, int errno, String errnoName, String osMessage, String detail) {
        super(operation, object, errno, errnoName, osMessage, detail);
    }
}
