package io.github.nativeipc.posix;

/**
 * How an object is opened: {@code O_RDONLY}, {@code O_WRONLY} or {@code O_RDWR}. Shared memory takes
 * {@link #READ_ONLY} and {@link #READ_WRITE} (a mapping always needs read access); message queues
 * take all three (receive only, send only, both).
 */
public enum Access {
    READ_ONLY,
    WRITE_ONLY,
    READ_WRITE;

    int openFlag() {
        switch (this) {
            case READ_ONLY:
                return io.github.nativeipc.bindings.PosixConstants.O_RDONLY;
            case WRITE_ONLY:
                return io.github.nativeipc.bindings.PosixConstants.O_WRONLY;
            default:
                return io.github.nativeipc.bindings.PosixConstants.O_RDWR;
        }
    }

    boolean canRead() {
        return this != WRITE_ONLY;
    }

    boolean canWrite() {
        return this != READ_ONLY;
    }
}
