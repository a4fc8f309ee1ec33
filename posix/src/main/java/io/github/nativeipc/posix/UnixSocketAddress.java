package io.github.nativeipc.posix;

import static io.github.nativeipc.bindings.PosixConstants.AF_UNIX;
import static io.github.nativeipc.bindings.PosixConstants.SOCKADDR_UN_PATH_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.SUN_PATH_SIZE;

import io.github.nativeipc.bindings.Platform;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The address of a Unix domain socket ({@code struct sockaddr_un}): a filesystem path, a Linux
 * abstract name, or unnamed (a socket that never bound, such as a connecting client or one end of
 * a {@code socketpair}).
 *
 * <ul>
 *   <li><b>Path</b> ({@link #of(Path)}): a socket file. Its bytes (UTF-8) and the terminating NUL
 *       must fit {@code sun_path}: at most {@value #MAX_PATH_BYTES_LINUX} bytes on Linux, 103 on
 *       macOS. A relative path is resolved against the working directory by the kernel, as in C.
 *       Access is controlled by the file's permissions.</li>
 *   <li><b>Abstract</b> ({@link #ofAbstract(String)}, Linux only): a name in the network
 *       namespace with no file: nothing to remove, gone when the socket closes, but no permissions
 *       either: any process in the namespace may connect (check {@link PeerCredentials}). C writes
 *       it with a leading NUL: {@code sun_path[0] = 0}, the name after it, and an address length
 *       that ends where the name ends. {@link #toString()} shows it as {@code @name}.</li>
 * </ul>
 *
 * <p>Validation happens here, before any call: a path or name too long, or a path containing
 * NUL, is an {@link io.github.nativeipc.error.InvalidArgumentException}. Immutable; thread-safe.
 */
public final class UnixSocketAddress {
    /** The longest path on Linux in bytes: {@code sun_path} is 108 bytes, and the NUL must fit. */
    public static final int MAX_PATH_BYTES_LINUX = 107;
    /** The longest path on this platform, in UTF-8 bytes. */
    public static final int MAX_PATH_BYTES = SUN_PATH_SIZE - 1;
    /** The longest abstract name, in UTF-8 bytes (the leading NUL takes one byte of {@code sun_path}). */
    public static final int MAX_ABSTRACT_BYTES = SUN_PATH_SIZE - 1;

    /** The address of a socket that is not bound. */
    public static final UnixSocketAddress UNNAMED = new UnixSocketAddress(Kind.UNNAMED, new byte[0], null);

    /** What kind of address this is. */
    public enum Kind {
        /** A socket file in the filesystem. */
        PATH,
        /** A Linux abstract name: no file. */
        ABSTRACT,
        /** No address: the socket never bound. */
        UNNAMED
    }

    private final Kind kind;
    private final byte[] bytes;
    private final Path path;

    private UnixSocketAddress(Kind kind, byte[] bytes, Path path) {
        this.kind = kind;
        this.bytes = bytes;
        this.path = path;
    }

    /**
     * The socket file at {@code path}.
     *
     * @throws io.github.nativeipc.error.InvalidArgumentException if the path is empty, contains
     *         NUL, or is longer than {@link #MAX_PATH_BYTES} bytes in UTF-8
     */
    public static UnixSocketAddress of(Path path) throws IpcException {
        Objects.requireNonNull(path, "path");
        String p = path.toString();
        byte[] b = p.getBytes(StandardCharsets.UTF_8);
        String call = "sockaddr_un(" + Syscalls.quote(p) + ")";
        if (b.length == 0) {
            throw Errors.invalidArgument(call, p, "a socket path must not be empty");
        }
        if (p.indexOf('\0') >= 0) {
            throw Errors.invalidArgument(call, p, "a socket path must not contain NUL");
        }
        if (b.length > MAX_PATH_BYTES) {
            throw Errors.invalidArgument(call, p, "the path has " + b.length + " bytes in UTF-8; sun_path holds "
                    + SUN_PATH_SIZE + " on " + (Platform.current().isDarwin() ? "macOS" : "Linux")
                    + ", so a socket path has at most " + MAX_PATH_BYTES
                    + " (and its NUL); use a shorter directory, a relative path, or an abstract name");
        }
        return new UnixSocketAddress(Kind.PATH, b, path);
    }

    /** The socket file at {@code path}; see {@link #of(Path)}. */
    public static UnixSocketAddress of(String path) throws IpcException {
        return of(Path.of(Objects.requireNonNull(path, "path")));
    }

    /**
     * The Linux abstract name {@code name} (without the leading NUL, which the library adds).
     *
     * @throws io.github.nativeipc.error.NotSupportedException off Linux
     * @throws io.github.nativeipc.error.InvalidArgumentException if longer than {@link #MAX_ABSTRACT_BYTES} bytes in UTF-8
     */
    public static UnixSocketAddress ofAbstract(String name) throws IpcException {
        Objects.requireNonNull(name, "name");
        String call = "sockaddr_un(@" + name + ")";
        if (!Platform.current().isLinux()) {
            throw Errors.notSupported(call, "@" + name, "abstract socket names are Linux only");
        }
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        if (b.length > MAX_ABSTRACT_BYTES) {
            throw Errors.invalidArgument(call, "@" + name, "the name has " + b.length + " bytes in UTF-8; an abstract name has at most "
                    + MAX_ABSTRACT_BYTES + " (sun_path is " + SUN_PATH_SIZE + " bytes and starts with NUL)");
        }
        return new UnixSocketAddress(Kind.ABSTRACT, b, null);
    }

    /** What kind of address this is. */
    public Kind kind() {
        return kind;
    }

    /** The socket file's path, for a {@link Kind#PATH} address. */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    /** The abstract name (without the leading NUL), for a {@link Kind#ABSTRACT} address. */
    public Optional<String> abstractName() {
        return kind == Kind.ABSTRACT ? Optional.of(new String(bytes, StandardCharsets.UTF_8)) : Optional.empty();
    }

    /**
     * Writes this address as a {@code struct sockaddr_un} at the start of {@code sockaddr} and
     * returns the address length to pass with it: up to the NUL for a path, to the name's end for
     * an abstract name, the family alone for unnamed.
     */
    int encode(ByteBuffer sockaddr) {
        for (int i = 0; i < sockaddr.capacity(); i += 1) {
            sockaddr.put(i, (byte) 0);
        }
        if (Platform.current().isDarwin()) {
            sockaddr.put(0, (byte) (SOCKADDR_UN_PATH_OFFSET + bytes.length + 1));   // sun_len
            sockaddr.put(1, (byte) AF_UNIX);
        } else {
            sockaddr.putShort(0, (short) AF_UNIX);
        }
        switch (kind) {
            case PATH:
                sockaddr.put(SOCKADDR_UN_PATH_OFFSET, bytes);
                return SOCKADDR_UN_PATH_OFFSET + bytes.length + 1;
            case ABSTRACT:
                sockaddr.put(SOCKADDR_UN_PATH_OFFSET + 1, bytes);
                return SOCKADDR_UN_PATH_OFFSET + 1 + bytes.length;
            default:
                return SOCKADDR_UN_PATH_OFFSET;
        }
    }

    /** The address in {@code length} bytes of {@code sockaddr}, as {@code getsockname}, {@code accept} or {@code recvmsg} returned it. */
    static UnixSocketAddress decode(ByteBuffer sockaddr, int length) {
        int pathBytes = Math.min(length, sockaddr.capacity()) - SOCKADDR_UN_PATH_OFFSET;
        if (pathBytes <= 0) {
            return UNNAMED;
        }
        byte[] raw = new byte[pathBytes];
        sockaddr.get(SOCKADDR_UN_PATH_OFFSET, raw);
        if (raw[0] == 0 && Platform.current().isLinux()) {
            return new UnixSocketAddress(Kind.ABSTRACT, Arrays.copyOfRange(raw, 1, raw.length), null);
        }
        int end = 0;
        while (end < raw.length && raw[end] != 0) {
            end++;
        }
        if (end == 0) {
            return UNNAMED;
        }
        byte[] b = Arrays.copyOf(raw, end);
        return new UnixSocketAddress(Kind.PATH, b, Path.of(new String(b, StandardCharsets.UTF_8)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnixSocketAddress a && a.kind == kind && Arrays.equals(a.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.hashCode(bytes);
    }

    /** The path; {@code @name} for an abstract name; {@code (unnamed)}. */
    @Override
    public String toString() {
        switch (kind) {
            case PATH:
                return path.toString();
            case ABSTRACT:
                return "@" + new String(bytes, StandardCharsets.UTF_8);
            default:
                return "(unnamed)";
        }
    }
}
