package io.github.nativeipc.posix;

import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.bindings.PosixConstants;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import java.nio.file.Path;

/**
 * A System V IPC key ({@code key_t}): how unrelated processes find the same shared-memory
 * segment, message queue or semaphore set. Either chosen explicitly ({@link #of}), derived from a
 * file with {@link #ftok}, or {@link #PRIVATE} ({@code IPC_PRIVATE}: always a new object, reachable
 * only through its id).
 *
 * @param value the key as C sees it
 */
public record SysVKey(int value) {
    /** {@code IPC_PRIVATE}. */
    public static final SysVKey PRIVATE = new SysVKey(PosixConstants.IPC_PRIVATE);

    /** An explicit key. */
    public static SysVKey of(int value) {
        return new SysVKey(value);
    }

    /**
     * {@code ftok(path, id)}: the key C code computes from the same existing file and id (only the
     * low 8 bits of {@code id} count, and they must not all be zero).
     *
     * @throws io.github.nativeipc.error.NotFoundException if the file does not exist
     */
    public static SysVKey ftok(Path path, int id) throws IpcException {
        if ((id & 0xff) == 0) {
            throw Errors.invalidArgument("ftok(\"" + path + "\", " + id + ")", path.toString(),
                    "the low 8 bits of the id must not be zero");
        }
        int key = Native.libc().ftok(path.toString(), id);
        if (key == -1) {
            throw Syscalls.error("ftok(\"" + path + "\", " + id + ")", path.toString());
        }
        return new SysVKey(key);
    }

    public boolean isPrivate() {
        return value == PosixConstants.IPC_PRIVATE;
    }

    /** {@code 0x1234abcd}, as {@code ipcs} prints keys. */
    @Override
    public String toString() {
        return String.format("0x%08x", value);
    }
}
