package io.github.nativeipc.posix;

import static io.github.nativeipc.bindings.PosixConstants.MAP_FAILED;
import static io.github.nativeipc.bindings.PosixConstants.MAP_SHARED;
import static io.github.nativeipc.bindings.PosixConstants.PROT_READ;
import static io.github.nativeipc.bindings.PosixConstants.PROT_WRITE;

import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.bindings.PosixConstants;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.handle.HandleGuard;
import io.github.nativeipc.memory.MappedMemory;
import java.util.Objects;

/**
 * Maps a range of a descriptor-backed memory object (a {@code shm_open} object, a memfd) into a
 * bounds-checked {@link MappedMemory}: the range is checked against {@code fstat}'s size first, so
 * no access can fall past the object's end; offsets need not be page-aligned. The one place that
 * does so for every such object. Thread-safe (stateless).
 */
final class DescriptorMapping {
    private DescriptorMapping() {}

    private static final LibC C = Native.libc();

    /**
     * {@code fstat}, {@code mmap(NULL, ..., MAP_SHARED, fd, pageAlignedOffset)} and a close-on-exec
     * duplicate of {@code fd} for the mapping's own size checks. The caller keeps {@code fd} open
     * for the duration of the call (its {@link HandleGuard} entered).
     */
    static MappedMemory map(int fd, String name, long offset, long length, Access mapAccess) throws IpcException {
        Objects.requireNonNull(mapAccess);
        if (mapAccess == Access.WRITE_ONLY) {
            throw Errors.invalidArgument("mmap(" + offset + ", " + length + ", WRITE_ONLY)", name,
                    "a mapping cannot be write-only; use READ_WRITE");
        }
        long objectSize = Stat.size(fd);
        if (objectSize < 0) {
            throw Syscalls.error("fstat(" + fd + ")", name);
        }
        if (offset < 0 || length <= 0 || offset > objectSize - length) {
            throw Errors.invalidArgument("mmap(offset=" + offset + ", length=" + length + ")", name,
                    "range must be non-empty and within the object's " + objectSize + " bytes"
                            + (objectSize == 0 ? " (truncate it to a size first)" : ""));
        }
        long pageOffset = offset % Native.pageSize();
        long mapOffset = offset - pageOffset;
        long mapLength = length + pageOffset;
        int prot = mapAccess == Access.READ_ONLY ? PROT_READ : PROT_READ | PROT_WRITE;
        long address = C.mmap(null, mapLength, prot, MAP_SHARED, fd, mapOffset);
        if (address == MAP_FAILED) {
            throw Syscalls.error("mmap(NULL, " + mapLength + ", " + Syscalls.prot(prot) + ", MAP_SHARED, "
                    + fd + ", " + mapOffset + ")", name);
        }
        int statFd = C.fcntl(fd, PosixConstants.F_DUPFD_CLOEXEC, 0);
        if (statFd < 0) {
            IpcException e = Syscalls.error("fcntl(" + fd + ", F_DUPFD_CLOEXEC, 0)", name);
            C.munmap(address, mapLength);
            throw e;
        }
        try {
            PosixMappingBackend backend = new PosixMappingBackend(address, mapLength, prot, statFd, name);
            return MappedMemory.wrap(name, address + pageOffset, length, offset, mapAccess == Access.READ_ONLY, backend);
        } catch (RuntimeException | Error e) {
            C.close(statFd);
            C.munmap(address, mapLength);
            throw e;
        }
    }
}
