package io.github.nativeipc.error;

/**
 * The lock was acquired, but its previous owner died holding it: Windows' {@code WAIT_ABANDONED}
 * on a mutex, POSIX's {@code EOWNERDEAD} on a robust mutex. The caller owns the lock now; the data
 * it protects may be half-updated and must be checked (or repaired) before the lock is released.
 *
 * <p>Immutable. See {@link IpcException} for what the message names.
 */
public class OwnerDiedException extends IpcException {
    private static final long serialVersionUID = 1L;

    public OwnerDiedException(String operation, String object, int errno, String errnoName, String osMessage) {
        super(operation, object, errno, errnoName, osMessage);
    }

    public OwnerDiedException(String operation, String object, int errno, String errnoName, String osMessage, String detail) {
        super(operation, object, errno, errnoName, osMessage, detail);
    }
}
