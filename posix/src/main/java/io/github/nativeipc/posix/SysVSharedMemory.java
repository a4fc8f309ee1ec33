package io.github.nativeipc.posix;

import static io.github.nativeipc.bindings.PosixConstants.IPC_RMID;
import static io.github.nativeipc.bindings.PosixConstants.IPC_SET;
import static io.github.nativeipc.bindings.PosixConstants.IPC_STAT;
import static io.github.nativeipc.bindings.PosixConstants.IPC_PERM_MODE_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.MAP_FAILED;
import static io.github.nativeipc.bindings.PosixConstants.PROT_READ;
import static io.github.nativeipc.bindings.PosixConstants.PROT_WRITE;
import static io.github.nativeipc.bindings.PosixConstants.SHMID_DS_ATIME_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.SHMID_DS_CPID_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.SHMID_DS_CTIME_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.SHMID_DS_DTIME_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.SHMID_DS_LPID_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.SHMID_DS_NATTCH_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.SHMID_DS_SEGSZ_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.SHM_RDONLY;
import static io.github.nativeipc.bindings.PosixConstants.SIZEOF_SHMID_DS;

import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.memory.MappedMemory;
import java.nio.ByteBuffer;

/**
 * A System V shared-memory segment ({@code shmget}): found by a {@link SysVKey} or by id(), attached
 * with {@code shmat} into the same bounds-checked {@link MappedMemory} views and C11-compatible
 * atomics as POSIX shared memory.
 *
 * <h2>Ownership</h2>
 * A segment has no descriptor: this object holds its id. {@link #remove()} ({@code IPC_RMID})
 * marks it for destruction once the last process detaches; {@link #close()} does nothing else
 * unless {@link CreateOptions#unlinkOnClose} was chosen when this process created it. Attached
 * {@link MappedMemory} views are closed on their own ({@code close()} detaches, like
 * {@code shmdt}). The mode (default {@code 0600}) is the one given to {@code shmget}: System V
 * objects ignore the umask. A segment's size is fixed, so no peer can shrink it under a mapping.
 *
 * <p>Thread-safe.
 */
public final class SysVSharedMemory extends SysVObject {
    private static final LibC C = Native.libc();


    private SysVSharedMemory(SysVKey key, SysVObjects.Id id, boolean removeOnClose) {
        super(key, id, removeOnClose);
    }

    /**
     * Creates a segment of {@code size} bytes, mode {@code 0600}, failing if the key is taken:
     * {@code shmget(key, size, IPC_CREAT|IPC_EXCL|0600)}. {@link SysVKey#PRIVATE} always creates.
     *
     * @throws io.github.nativeipc.error.AlreadyExistsException if a segment has this key
     * @throws io.github.nativeipc.error.InvalidArgumentException if {@code size} is outside
     *         {@code /proc/sys/kernel/shmmin..shmmax}
     * @throws io.github.nativeipc.error.LimitReachedException if {@code shmall}/{@code shmmni} are exhausted
     */
    public static SysVSharedMemory create(SysVKey key, long size) throws IpcException {
        return create(key, size, CreateOptions.defaults());
    }

    /** Like {@link #create(SysVKey, long)} with the mode and remove-on-close choice of {@code options}. */
    public static SysVSharedMemory create(SysVKey key, long size, CreateOptions options) throws IpcException {
        checkSize(key, size);
        return new SysVSharedMemory(key, SysVObjects.get("shmget", key, ", " + size, SysVObjects.Disposition.CREATE,
                options.mode(), flags -> C.shmget(key.value(), size, flags), SysVSharedMemory::limits), options.unlinkOnClose());
    }

    /** Opens the segment with {@code key}: {@code shmget(key, 0, 0)}. */
    public static SysVSharedMemory open(SysVKey key) throws IpcException {
        return new SysVSharedMemory(key, SysVObjects.get("shmget", key, ", 0", SysVObjects.Disposition.OPEN, 0,
                flags -> C.shmget(key.value(), 0, flags)), false);
    }

    /** Opens the segment with {@code key}, creating it with {@code size} bytes if there is none. */
    public static SysVSharedMemory openOrCreate(SysVKey key, long size, CreateOptions options) throws IpcException {
        checkSize(key, size);
        return new SysVSharedMemory(key, SysVObjects.get("shmget", key, ", " + size,
                SysVObjects.Disposition.OPEN_OR_CREATE, options.mode(), flags -> C.shmget(key.value(), size, flags),
                SysVSharedMemory::limits), options.unlinkOnClose());
    }

    /** The segment with id {@code shmid} (as {@code ipcs -m} lists it); checked with {@code IPC_STAT}. */
    public static SysVSharedMemory byId(int shmid) throws IpcException {
        SysVSharedMemoryStatus s = stat(shmid);
        return new SysVSharedMemory(s.permissions().key(), new SysVObjects.Id(shmid, false), false);
    }

    /** Which kernel limit a failed creation hit, with its value and where it is set. */
    private static String limits(int errno) {
        if (errno == io.github.nativeipc.bindings.Errno.EINVAL.value()) {
            return "a segment's size must be within /proc/sys/kernel/shmmin..shmmax (shmmax: " + ProcSys.read("kernel/shmmax") + ")";
        }
        if (errno == io.github.nativeipc.bindings.Errno.ENOSPC.value()) {
            return "the system's segments (/proc/sys/kernel/shmmni: " + ProcSys.read("kernel/shmmni")
                    + ") or pages (/proc/sys/kernel/shmall: " + ProcSys.read("kernel/shmall") + ") are used up";
        }
        if (errno == io.github.nativeipc.bindings.Errno.ENOMEM.value()) {
            return "the kernel has no memory for a segment of this size (see /proc/sys/vm/overcommit_memory and the"
                    + " memory limits of this process's cgroup)";
        }
        return null;
    }

    private static void checkSize(SysVKey key, long size) throws IpcException {
        if (size <= 0) {
            throw Errors.invalidArgument("shmget(" + key + ", " + size + ")", "key " + key, "size must be positive");
        }
    }

    /** {@code shmctl(IPC_STAT)}. */
    public SysVSharedMemoryStatus status() throws IpcException {
        checkOpen("shmctl");
        return stat(id());
    }

    private static SysVSharedMemoryStatus stat(int shmid) throws IpcException {
        ByteBuffer ds = Native.scratch(SIZEOF_SHMID_DS);
        if (C.shmctl(shmid, IPC_STAT, Native.address(ds)) != 0) {
            throw SysVObjects.statError("shmctl(" + shmid + ", IPC_STAT)", "shmid " + shmid);
        }
        return new SysVSharedMemoryStatus(shmid, IpcPermissions.read(ds), ds.getLong(SHMID_DS_SEGSZ_OFFSET),
                ds.getLong(SHMID_DS_NATTCH_OFFSET), SysVObjects.time(ds.getLong(SHMID_DS_ATIME_OFFSET)),
                SysVObjects.time(ds.getLong(SHMID_DS_DTIME_OFFSET)), SysVObjects.time(ds.getLong(SHMID_DS_CTIME_OFFSET)),
                ds.getInt(SHMID_DS_CPID_OFFSET), ds.getInt(SHMID_DS_LPID_OFFSET));
    }

    /** Changes the permission bits ({@code shmctl(IPC_STAT)} then {@code IPC_SET}); owner or root only. */
    public void setMode(int mode) throws IpcException {
        checkOpen("shmctl");
        if ((mode & ~0777) != 0) {
            throw Errors.invalidArgument("shmctl(" + id() + ", IPC_SET)", describe(), "mode has bits outside 0777");
        }
        ByteBuffer ds = Native.scratch(SIZEOF_SHMID_DS);
        if (C.shmctl(id(), IPC_STAT, Native.address(ds)) != 0) {
            throw Syscalls.error("shmctl(" + id() + ", IPC_STAT)", describe());
        }
        ds.putShort(IPC_PERM_MODE_OFFSET, (short) ((ds.getShort(IPC_PERM_MODE_OFFSET) & ~0777) | mode));
        if (C.shmctl(id(), IPC_SET, Native.address(ds)) != 0) {
            throw Syscalls.error("shmctl(" + id() + ", IPC_SET, mode " + Syscalls.mode(mode) + ")", describe());
        }
    }

    /**
     * Attaches the whole segment read-write ({@code shmat(id, NULL, 0)}) as a {@link MappedMemory};
     * closing the view detaches it.
     */
    public MappedMemory attach() throws IpcException {
        return attach(Access.READ_WRITE);
    }

    /** Attaches the whole segment, read-only with {@link Access#READ_ONLY} ({@code SHM_RDONLY}). */
    public MappedMemory attach(Access access) throws IpcException {
        checkOpen("shmat");
        if (access == Access.WRITE_ONLY) {
            throw Errors.invalidArgument("shmat(" + id() + ")", describe(), "a segment cannot be attached write-only");
        }
        long size = status().size();
        boolean readOnly = access == Access.READ_ONLY;
        long address = C.shmat(id(), 0, readOnly ? SHM_RDONLY : 0);
        if (address == MAP_FAILED) {
            throw Syscalls.error("shmat(" + id() + ", NULL, " + (readOnly ? "SHM_RDONLY" : "0") + ")", describe());
        }
        int prot = readOnly ? PROT_READ : PROT_READ | PROT_WRITE;
        try {
            return MappedMemory.wrap(describe(), address, size, 0, readOnly, new Backend(address, size, prot, describe()));
        } catch (RuntimeException | Error e) {
            C.shmdt(address);
            throw e;
        }
    }

    /**
     * Marks the segment for removal ({@code shmctl(IPC_RMID)}): it disappears once no process has it
     * attached; its key is free at once.
     */
    @Override
    public void remove() throws IpcException {
        if (C.shmctl(id(), IPC_RMID, 0) != 0) {
            throw Syscalls.error("shmctl(" + id() + ", IPC_RMID)", describe());
        }
    }

    @Override
    String describe() {
        return "shmid " + id();
    }

    /**
     * The calls behind an attached segment's {@link MappedMemory}: {@code mmap(MAP_FIXED|MAP_ANONYMOUS)}
     * over the attach to detach it (the kernel drops the attach as {@code shmdt} would), {@code munmap}
     * to release the range. A segment cannot shrink, so its size is the mapping's.
     */
    private static final class Backend implements MappedMemory.Backend {
        private final long address;
        private final long size;
        private final int prot;
        private final String name;

        Backend(long address, long size, int prot, String name) {
            this.address = address;
            this.size = size;
            this.prot = prot;
            this.name = name;
        }

        @Override
        public void detach() throws IpcException {
            PosixMappingBackend.replaceWithPrivatePages(address, size, prot, name);
        }

        @Override
        public void release() {
            C.munmap(address, size);
        }

        @Override
        public void force() {
            // Not file-backed: nothing to write back.
        }

        @Override
        public long objectSize() {
            return size;
        }
    }
}
