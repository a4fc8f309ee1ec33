package io.github.nativeipc.posix;

/** Whether an object is opened (or mapped) for reading only or for reading and writing. */
public enum Access {
    READ_ONLY,
    READ_WRITE
}
