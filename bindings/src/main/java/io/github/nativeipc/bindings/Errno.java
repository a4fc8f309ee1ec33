package io.github.nativeipc.bindings;

import java.util.HashMap;
import java.util.Map;

/**
 * Symbolic names of the {@code errno} values the library meets, with their numbers on Linux
 * (x86-64 and aarch64 share the generic table) and on macOS.
 *
 * <p>Only the table: which exception an errno becomes is decided in one place,
 * {@code io.github.nativeipc.error.Errors}. Immutable; thread-safe.
 */
public enum Errno {
    EPERM(1, 1),
    ENOENT(2, 2),
    ESRCH(3, 3),
    EINTR(4, 4),
    EIO(5, 5),
    ENXIO(6, 6),
    E2BIG(7, 7),
    ENOEXEC(8, 8),
    EBADF(9, 9),
    ECHILD(10, 10),
    EAGAIN(11, 35),
    ENOMEM(12, 12),
    EACCES(13, 13),
    EFAULT(14, 14),
    EBUSY(16, 16),
    EEXIST(17, 17),
    EXDEV(18, 18),
    ENODEV(19, 19),
    ENOTDIR(20, 20),
    EISDIR(21, 21),
    EINVAL(22, 22),
    ENFILE(23, 23),
    EMFILE(24, 24),
    ENOTTY(25, 25),
    ETXTBSY(26, 26),
    EFBIG(27, 27),
    ENOSPC(28, 28),
    ESPIPE(29, 29),
    EROFS(30, 30),
    EMLINK(31, 31),
    EPIPE(32, 32),
    ERANGE(34, 34),
    EDEADLK(35, 11),
    ENAMETOOLONG(36, 63),
    ENOLCK(37, 77),
    ENOSYS(38, 78),
    ENOTEMPTY(39, 66),
    ELOOP(40, 62),
    ENOMSG(42, 91),
    EIDRM(43, 90),
    EPROTO(71, 100),
    EOVERFLOW(75, 84),
    ENOTSOCK(88, 38),
    EDESTADDRREQ(89, 39),
    EMSGSIZE(90, 40),
    EPROTOTYPE(91, 41),
    ENOPROTOOPT(92, 42),
    EPROTONOSUPPORT(93, 43),
    EOPNOTSUPP(95, 102),
    EAFNOSUPPORT(97, 47),
    EADDRINUSE(98, 48),
    EADDRNOTAVAIL(99, 49),
    ECONNABORTED(103, 53),
    ECONNRESET(104, 54),
    ENOBUFS(105, 55),
    EISCONN(106, 56),
    ENOTCONN(107, 57),
    ETIMEDOUT(110, 60),
    ECONNREFUSED(111, 61),
    EALREADY(114, 37),
    EINPROGRESS(115, 36),
    ESTALE(116, 70),
    EDQUOT(122, 69),
    ECANCELED(125, 89),
    EOWNERDEAD(130, 105),
    ENOTRECOVERABLE(131, 104);

    private static final boolean DARWIN = Platform.current().isDarwin();
    private static final Map<Integer, Errno> BY_VALUE = new HashMap<>();

    static {
        for (Errno e : values()) {
            BY_VALUE.put(e.value(), e);
        }
    }

    private final int linux;
    private final int darwin;

    Errno(int linux, int darwin) {
        this.linux = linux;
        this.darwin = darwin;
    }

    /** The number of this errno on the running platform. */
    public int value() {
        return DARWIN ? darwin : linux;
    }

    /** The number on Linux. */
    public int linuxValue() {
        return linux;
    }

    /** The number on macOS. */
    public int darwinValue() {
        return darwin;
    }

    /** The errno with this number on the running platform, or {@code null} if the table lacks it. */
    public static Errno of(int value) {
        return BY_VALUE.get(value);
    }

    /** The symbolic name of {@code value} on the running platform, or {@code "errno <n>"}. */
    public static String nameOf(int value) {
        Errno e = of(value);
        return e != null ? e.name() : "errno " + value;
    }
}
