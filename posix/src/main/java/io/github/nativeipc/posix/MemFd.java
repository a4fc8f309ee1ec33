package io.github.nativeipc.posix;

import static io.github.nativeipc.bindings.PosixConstants.F_ADD_SEALS;
import static io.github.nativeipc.bindings.PosixConstants.F_GET_SEALS;
import static io.github.nativeipc.bindings.PosixConstants.MFD_ALLOW_SEALING;
import static io.github.nativeipc.bindings.PosixConstants.MFD_CLOEXEC;

import io.github.nativeipc.bindings.Platform;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;

/**
 * An anonymous memory file ({@code memfd_create}, Linux 3.17+): shared memory without a name in
 * any namespace, reachable only through its descriptor, which this process hands to a child
 * ({@link ChildProcess} maps it to a chosen number) or sends over a Unix socket. Nothing needs
 * removing: the memory is freed when the last descriptor and mapping are gone, so a crash leaks
 * nothing.
 *
 * <p>Seals ({@link #addSeals}) let a receiver trust the contents: once {@link Seal#SHRINK} is set
 * no process can shrink it under a mapping, once {@link Seal#WRITE} is set nobody can change it.
 * The descriptor is close-on-exec; the label shows up as {@code /memfd:label (deleted)} in
 * {@code /proc/PID/fd} and does not have to be unique.
 *
 * <p>Thread-safe, as {@link MemoryObject}. Linux only.
 */
public final class MemFd extends MemoryObject {
    /** The longest label: {@code NAME_MAX} (255) minus the {@code "memfd:"} prefix the kernel adds. */
    public static final int MAX_LABEL_BYTES = 249;

    private MemFd(String name, int fd, Access access) {
        super(name, fd, access);
    }

    /**
     * Creates a memory file of {@code size} bytes that can be sealed:
     * {@code memfd_create(label, MFD_CLOEXEC|MFD_ALLOW_SEALING)} and {@code ftruncate}.
     *
     * @throws io.github.nativeipc.error.InvalidArgumentException for a label longer than
     *         {@value #MAX_LABEL_BYTES} bytes in UTF-8, containing NUL, or a negative size
     * @throws io.github.nativeipc.error.NotSupportedException off Linux, or on a kernel before 3.17
     * @throws io.github.nativeipc.error.LimitReachedException if descriptors or memory run out
     */
    public static MemFd create(String label, long size) throws IpcException {
        return create(label, size, true);
    }

    /** As {@link #create(String, long)}; without {@code allowSealing} every {@link #addSeals} fails with {@code EPERM}. */
    public static MemFd create(String label, long size, boolean allowSealing) throws IpcException {
        Objects.requireNonNull(label, "label");
        int flags = MFD_CLOEXEC | (allowSealing ? MFD_ALLOW_SEALING : 0);
        String call = "memfd_create(" + Syscalls.quote(label) + ", MFD_CLOEXEC" + (allowSealing ? "|MFD_ALLOW_SEALING" : "") + ")";
        if (!Platform.current().isLinux()) {
            throw Errors.notSupported(call, label, "memfd_create is Linux only");
        }
        if (label.indexOf('\0') >= 0 || label.getBytes(StandardCharsets.UTF_8).length > MAX_LABEL_BYTES) {
            throw Errors.invalidArgument(call, label, "a label has at most " + MAX_LABEL_BYTES + " bytes in UTF-8 and no NUL");
        }
        if (size < 0) {
            throw Errors.invalidArgument("ftruncate(" + size + ")", label, "size must not be negative");
        }
        int fd = C.memfd_create(label, flags);
        if (fd < 0) {
            throw Syscalls.error(call, label);
        }
        MemFd memfd = new MemFd("memfd:" + label, fd, Access.READ_WRITE);
        try {
            memfd.truncate(size);
        } catch (IpcException e) {
            memfd.close();
            throw e;
        }
        return memfd;
    }

    /**
     * Takes ownership of a memory-file descriptor this process received (over a Unix socket, or
     * inherited as a number from a parent): {@link #close()} will close it. The descriptor is
     * checked with {@code fstat}; use {@link #access()} {@code READ_ONLY} for one opened read-only.
     *
     * @param description how messages name it, e.g. {@code "memfd from pid 4242"}
     * @throws io.github.nativeipc.error.ClosedException if {@code fd} is not an open descriptor
     */
    public static MemFd adopt(int fd, Access access, String description) throws IpcException {
        Objects.requireNonNull(access, "access");
        Stat.status(fd, description);
        return new MemFd(description, fd, access);
    }

    /** The label with the kernel's {@code memfd:} prefix, as {@code /proc/PID/fd} shows it. */
    public String name() {
        return name;
    }

    /**
     * Adds seals ({@code fcntl(F_ADD_SEALS)}); seals already set stay. Adding {@link Seal#WRITE}
     * while a writable mapping exists (in any process) fails with {@code EBUSY}: close those
     * mappings first, or use {@link Seal#FUTURE_WRITE}.
     *
     * @throws io.github.nativeipc.error.PermissionDeniedException if the file was created without
     *         sealing or already carries {@link Seal#SEAL} ({@code EPERM})
     * @throws IpcException {@code EBUSY} for a write seal over a live writable mapping
     */
    public void addSeals(Set<Seal> seals) throws IpcException {
        int bits = Seal.bits(seals);
        enter("fcntl(F_ADD_SEALS)");
        try {
            if (C.fcntl(fd, F_ADD_SEALS, bits) != 0) {
                throw Syscalls.error("fcntl(" + fd + ", F_ADD_SEALS, " + Seal.names(bits) + ")", name);
            }
        } finally {
            guard.exit();
        }
    }

    /** The seals set now ({@code fcntl(F_GET_SEALS)}); just {@link Seal#SEAL} for a file created without sealing. */
    public Set<Seal> seals() throws IpcException {
        enter("fcntl(F_GET_SEALS)");
        try {
            int bits = C.fcntl(fd, F_GET_SEALS, 0);
            if (bits < 0) {
                throw Syscalls.error("fcntl(" + fd + ", F_GET_SEALS)", name);
            }
            return Seal.of(bits);
        } finally {
            guard.exit();
        }
    }

    @Override
    public String toString() {
        return "MemFd[" + name + ", " + access + (isOpen() ? "" : ", closed") + "]";
    }
}
