package io.github.nativeipc.posix;

import static io.github.nativeipc.bindings.PosixConstants.IPC_PERM_CGID_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.IPC_PERM_CUID_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.IPC_PERM_GID_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.IPC_PERM_KEY_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.IPC_PERM_MODE_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.IPC_PERM_UID_OFFSET;

import java.nio.ByteBuffer;

/**
 * The {@code struct ipc_perm} every System V object carries: its key, owner, creator and mode.
 *
 * @param key  the key it was created with
 * @param uid  owner user id
 * @param gid  owner group id
 * @param cuid creator user id
 * @param cgid creator group id
 * @param mode permission bits ({@code 0777} part)
 */
public record IpcPermissions(SysVKey key, int uid, int gid, int cuid, int cgid, int mode) {

    static IpcPermissions read(ByteBuffer ds) {
        return new IpcPermissions(new SysVKey(ds.getInt(IPC_PERM_KEY_OFFSET)), ds.getInt(IPC_PERM_UID_OFFSET),
                ds.getInt(IPC_PERM_GID_OFFSET), ds.getInt(IPC_PERM_CUID_OFFSET), ds.getInt(IPC_PERM_CGID_OFFSET),
                Short.toUnsignedInt(ds.getShort(IPC_PERM_MODE_OFFSET)) & 0777);
    }

    @Override
    public String toString() {
        return String.format("IpcPermissions[key=%s, uid=%d, gid=%d, cuid=%d, cgid=%d, mode=0%o]", key, uid, gid, cuid, cgid, mode);
    }
}
