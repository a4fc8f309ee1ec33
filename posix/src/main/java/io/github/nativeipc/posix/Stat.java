package io.github.nativeipc.posix;

import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.bindings.Platform;
import io.github.nativeipc.bindings.PosixConstants;
import io.github.nativeipc.error.IpcException;
import java.nio.ByteBuffer;

/**
 * {@code fstat} and the reading of {@code struct stat} per platform layout. glibc before 2.33 has
 * no {@code fstat} symbol (only {@code __fxstat}); both are handled. Thread-safe.
 */
final class Stat {
    private Stat() {}

    private static final LibC C = Native.libc();
    private static final boolean HAS_FSTAT = Native.hasSymbol("fstat");
    /** {@code _STAT_VER} for {@code __fxstat}: 1 on x86-64, 0 on aarch64. */
    private static final int STAT_VER = Platform.current() == Platform.LINUX_X86_64 ? 1 : 0;

    /** {@code fstat(fd)}; returns -1 with errno saved on failure, 0 with {@code scratch.stat} filled. */
    static int fstat(int fd, Syscalls.Scratch scratch) {
        return HAS_FSTAT ? C.fstat(fd, scratch.statAddress) : C.__fxstat(STAT_VER, fd, scratch.statAddress);
    }

    /** {@code st_size} of {@code fd}, or -1 if {@code fstat} failed. */
    static long size(int fd) {
        Syscalls.Scratch s = Syscalls.Scratch.get();
        return fstat(fd, s) == 0 ? s.stat.getLong(PosixConstants.STAT_SIZE_OFFSET) : -1L;
    }

    /** The file type bits of {@code fd} ({@code st_mode & S_IFMT}), or the typed error naming {@code object}. */
    static int fileType(int fd, String object) throws IpcException {
        Syscalls.Scratch s = Syscalls.Scratch.get();
        if (fstat(fd, s) != 0) {
            throw Syscalls.error("fstat(" + fd + ")", object);
        }
        int mode = PosixConstants.STAT_MODE_SIZE == 2
                ? Short.toUnsignedInt(s.stat.getShort(PosixConstants.STAT_MODE_OFFSET))
                : s.stat.getInt(PosixConstants.STAT_MODE_OFFSET);
        return mode & PosixConstants.S_IFMT;
    }

    /** The status of {@code fd}, or the typed error naming {@code object}. */
    static FileStatus status(int fd, String object) throws IpcException {
        Syscalls.Scratch s = Syscalls.Scratch.get();
        if (fstat(fd, s) != 0) {
            throw Syscalls.error("fstat(" + fd + ")", object);
        }
        ByteBuffer b = s.stat;
        int mode = PosixConstants.STAT_MODE_SIZE == 2
                ? Short.toUnsignedInt(b.getShort(PosixConstants.STAT_MODE_OFFSET))
                : b.getInt(PosixConstants.STAT_MODE_OFFSET);
        return new FileStatus(b.getLong(PosixConstants.STAT_SIZE_OFFSET), mode & 07777,
                b.getInt(PosixConstants.STAT_UID_OFFSET), b.getInt(PosixConstants.STAT_GID_OFFSET));
    }
}
