package io.github.nativeipc.error;

/**
 * A system or per-process limit was reached: descriptors ({@code EMFILE}, {@code ENFILE}), memory or address space ({@code ENOMEM}), space ({@code ENOSPC}, {@code EDQUOT}), sizes and values ({@code EFBIG}, {@code EOVERFLOW}, {@code EMSGSIZE}, {@code E2BIG}, {@code ERANGE}).
 *
 * <p>Immutable. See {@link IpcException} for what the message names.
 */
public class LimitReachedException extends IpcException {
    private static final long serialVersionUID = 1L;

    public LimitReachedException(String operation, String object, int errno, String errnoName, String osMessage) {
        super(operation, object, errno, errnoName, osMessage);
    }

    public LimitReachedException(String operation, String object, int errno, String errnoName, String osMessage, String detail) {
        super(operation, object, errno, errnoName, osMessage, detail);
    }
}
