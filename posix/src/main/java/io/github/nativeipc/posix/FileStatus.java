package io.github.nativeipc.posix;

/**
 * What {@code fstat} reports about an IPC object that lives as a file (POSIX shared memory,
 * later FIFOs): its size in bytes, permission bits ({@code 0777} part of {@code st_mode}),
 * and owner.
 *
 * @param size bytes ({@code st_size})
 * @param mode permission bits ({@code st_mode & 07777})
 * @param uid  owner user id
 * @param gid  owner group id
 */
public record FileStatus(long size, int mode, int uid, int gid) {
    @Override
    public String toString() {
        return String.format("FileStatus[size=%d, mode=0%o, uid=%d, gid=%d]", size, mode, uid, gid);
    }
}
