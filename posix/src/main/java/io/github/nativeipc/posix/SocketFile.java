package io.github.nativeipc.posix;

import static io.github.nativeipc.bindings.PosixConstants.AF_UNIX;
import static io.github.nativeipc.bindings.PosixConstants.SOCK_CLOEXEC;
import static io.github.nativeipc.bindings.PosixConstants.SOCK_NONBLOCK;

import io.github.nativeipc.bindings.Errno;
import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.error.AddressInUseException;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Binding a Unix socket to its address, and the socket file that leaves behind: {@code fchmod} of
 * the socket (Linux gives the file the socket's mode minus the umask, so it is never more open
 * than asked), {@code bind}, then {@code chmod} to exactly the chosen mode, before {@code listen};
 * a stale file at the path is probed and replaced, a live one never. Remembers the
 * file's identity (device and inode) so that {@link #remove()} removes only the file this socket
 * created, not one a later server put at the same path. Thread-safe (immutable after binding).
 */
final class SocketFile {
    private static final LibC C = Native.libc();
    private static final int EADDRINUSE = Errno.EADDRINUSE.value();
    private static final int ECONNREFUSED = Errno.ECONNREFUSED.value();

    private final Path path;
    private final Object identity;

    private SocketFile(Path path, Object identity) {
        this.path = path;
        this.identity = identity;
    }

    /**
     * Binds {@code fd} to {@code address}; for a path, applies {@code options}' mode and returns
     * the file to remove on close (null for abstract names, or when {@code removeOnClose} is off).
     *
     * @throws AddressInUseException if a live socket, or a file that is not a socket, is at the path
     */
    static SocketFile bind(int fd, UnixSocketAddress address, UnixSocketType type, BindOptions options, String object)
            throws IpcException {
        Syscalls.Scratch s = Syscalls.Scratch.get();
        String call = "bind(" + fd + ", " + address + ")";
        // Linux creates the file with the socket inode's mode minus the umask: with the mode set on
        // the socket first, the file is never more open than asked, even before the chmod below.
        C.fchmod(fd, options.mode());
        int length = address.encode(s.sockaddr);
        if (C.bind(fd, s.sockaddrAddress, length) != 0) {
            int errno = Native.errno();
            Path path = address.path().orElse(null);
            if (errno != EADDRINUSE || path == null) {
                throw Errors.fromErrno(errno, call, object, errno == EADDRINUSE ? "another socket is bound to this abstract name" : null);
            }
            Probe probe = probe(address, type);
            String why = probe.state() == SocketFileState.STALE || probe.state() == SocketFileState.ABSENT ? null : probe.why();
            if (why != null || !options.replaceStale()) {
                throw Errors.fromErrno(errno, call, object, why != null ? why
                        : "a stale socket file is at the path (nothing listens on it) and replaceStale is off");
            }
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw Errors.invalidArgument("unlink(" + Syscalls.quote(path.toString()) + ")", object,
                        "cannot remove the stale socket file: " + e);
            }
            length = address.encode(s.sockaddr);
            if (C.bind(fd, s.sockaddrAddress, length) != 0) {
                throw Syscalls.error(call, object, "after removing a stale socket file at the path");
            }
        }
        Path path = address.path().orElse(null);
        if (path == null) {
            return null;
        }
        if (C.chmod(path.toString(), options.mode()) != 0) {
            IpcException e = Syscalls.error("chmod(" + Syscalls.quote(path.toString()) + ", " + Syscalls.mode(options.mode()) + ")", object);
            C.unlink(path.toString());
            throw e;
        }
        if (!options.removeOnClose()) {
            return null;
        }
        try {
            return new SocketFile(path, Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey());
        } catch (IOException e) {
            throw Errors.invalidArgument("stat(" + Syscalls.quote(path.toString()) + ")", object, "the socket file vanished after bind: " + e);
        }
    }

    /** What a probe found, and why a non-stale file must not be replaced. */
    record Probe(SocketFileState state, String why) {}

    /**
     * What is at {@code address}'s path: not a socket, or a socket something is bound to (a probe
     * connects: {@code ECONNREFUSED} means stale). A live stream or seqpacket server sees the
     * probe as a connection that closes at once.
     */
    static Probe probe(UnixSocketAddress address, UnixSocketType type) throws IpcException {
        Path path = address.path().orElseThrow();
        int mode;
        try {
            mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException gone) {
            return new Probe(SocketFileState.ABSENT, "nothing is at the path");
        } catch (IOException | UnsupportedOperationException e) {
            return new Probe(SocketFileState.NOT_A_SOCKET, "a file is at the path and its type cannot be read: " + e);
        }
        if ((mode & 0170000) != 0140000) {
            return new Probe(SocketFileState.NOT_A_SOCKET,
                    "the path is a file that is not a socket (mode 0" + Integer.toOctalString(mode) + "): not replaced");
        }
        int probe = C.socket(AF_UNIX, type.value() | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (probe < 0) {
            throw Syscalls.error("socket(AF_UNIX, " + type.cName() + ")", address.toString(), "probing the socket file at the path");
        }
        try {
            Syscalls.Scratch s = Syscalls.Scratch.get();
            int length = address.encode(s.sockaddr);
            if (C.connect(probe, s.sockaddrAddress, length) == 0) {
                return new Probe(SocketFileState.LIVE, "a live socket is bound to the path (a probe connected): not replaced");
            }
            int errno = Native.errno();
            return errno == ECONNREFUSED ? new Probe(SocketFileState.STALE, "nothing is bound to the socket file")
                    : new Probe(SocketFileState.LIVE, "a socket is bound to the path (a probe's connect answered "
                            + Errno.nameOf(errno) + ", not ECONNREFUSED): not replaced");
        } finally {
            C.close(probe);
        }
    }

    /** Removes the socket file if it is still the one this socket created (same device and inode). */
    void remove() {
        try {
            Object now = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            if (identity != null && identity.equals(now)) {
                Files.deleteIfExists(path);
            }
        } catch (IOException gone) {
            // removed by someone else, or the directory went away: nothing of ours is left to remove
        }
    }
}
