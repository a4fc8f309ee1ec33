package io.github.nativeipc.posix;

import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.bindings.PosixConstants;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.handle.HandleGuard;
import io.github.nativeipc.memory.MappedMemory;

/**
 * The POSIX calls behind a {@link MappedMemory}: {@code mmap(MAP_FIXED|MAP_PRIVATE|MAP_ANONYMOUS)}
 * to detach on close, {@code munmap} to release, {@code msync} to force, and {@code fstat} on a
 * close-on-exec duplicate of the object's descriptor to diagnose a shrunk object. The duplicate is
 * closed on detach (or release), so a closed mapping holds no descriptor. Thread-safe.
 */
final class PosixMappingBackend implements MappedMemory.Backend {
    private static final LibC C = Native.libc();

    private final long base;
    private final long length;
    private final int prot;
    private final String name;
    private final int statFd;
    private final HandleGuard statGuard;

    PosixMappingBackend(long base, long length, int prot, int statFd, String name) {
        this.base = base;
        this.length = length;
        this.prot = prot;
        this.statFd = statFd;
        this.name = name;
        this.statGuard = new HandleGuard(() -> C.close(statFd));
    }

    @Override
    public void detach() throws IpcException {
        statGuard.close();
        replaceWithPrivatePages(base, length, prot, name);
    }

    /**
     * Puts private zero pages (with {@code prot}) over {@code [address, address + length)} in one
     * {@code mmap(MAP_FIXED)}. If the kernel refuses (memory exhausted with strict overcommit), the
     * old mapping may already be gone (kernels before 6.12 can fail after unmapping): the range is
     * then reserved with {@code PROT_NONE} pages, which cost no memory, so that no later mapping of
     * someone else lands there; a stale slice touching it would fault, but the accessors of the
     * closed {@link MappedMemory} already refuse to. Shared with the System V attach.
     */
    static void replaceWithPrivatePages(long address, long length, int prot, String name) throws IpcException {
        int flags = PosixConstants.MAP_FIXED | PosixConstants.MAP_PRIVATE | PosixConstants.MAP_ANONYMOUS
                | PosixConstants.MAP_NORESERVE;
        if (C.mmap(Native.pointer(address), length, prot, flags, -1, 0L) != PosixConstants.MAP_FAILED) {
            return;
        }
        IpcException e = Syscalls.error("mmap(0x" + Long.toHexString(address) + ", " + length + ", " + Syscalls.prot(prot)
                + ", MAP_FIXED|MAP_PRIVATE|MAP_ANONYMOUS|MAP_NORESERVE, -1, 0)", name);
        C.mmap(Native.pointer(address), length, PosixConstants.PROT_NONE, flags, -1, 0L);
        throw e;
    }

    @Override
    public void release() {
        statGuard.close();
        C.munmap(base, length);
    }

    @Override
    public void force() throws IpcException {
        if (C.msync(base, length, PosixConstants.MS_SYNC) != 0) {
            throw Syscalls.error("msync(0x" + Long.toHexString(base) + ", " + length + ", MS_SYNC)", name);
        }
    }

    @Override
    public long objectSize() {
        if (!statGuard.enter()) {
            return -1L;
        }
        try {
            return Stat.size(statFd);
        } finally {
            statGuard.exit();
        }
    }
}
