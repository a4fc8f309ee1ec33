package io.github.nativeipc.posix;

import static io.github.nativeipc.bindings.PosixConstants.F_GETFL;
import static io.github.nativeipc.bindings.PosixConstants.F_SETFL;
import static io.github.nativeipc.bindings.PosixConstants.O_NONBLOCK;

import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.error.IpcException;

/** Flag changes on raw descriptors ({@code fcntl}), for the classes that own them. Thread-safe (stateless). */
final class Descriptors {
    private Descriptors() {}

    private static final LibC C = Native.libc();

    /** Sets or clears {@code O_NONBLOCK} on the open file description: {@code fcntl(F_GETFL)}, {@code fcntl(F_SETFL)}. */
    static void setNonBlocking(int fd, boolean nonBlocking, String object) throws IpcException {
        int flags = C.fcntl(fd, F_GETFL, 0);
        if (flags < 0) {
            throw Syscalls.error("fcntl(" + fd + ", F_GETFL)", object);
        }
        int wanted = nonBlocking ? flags | O_NONBLOCK : flags & ~O_NONBLOCK;
        if (wanted != flags && C.fcntl(fd, F_SETFL, wanted) != 0) {
            throw Syscalls.error("fcntl(" + fd + ", F_SETFL, " + (nonBlocking ? "O_NONBLOCK" : "~O_NONBLOCK") + ")", object);
        }
    }
}
