package io.github.nativeipc.memory;

/**
 * An access to a {@link MappedMemory} faulted ({@code SIGBUS}): the kernel could not supply the
 * page. Either the object is now shorter than the mapping ({@link MappingTruncatedException}), or
 * it is as long as ever and the file system behind it could not back one more page: a full tmpfs
 * ({@code /dev/shm} is a few megabytes in a container: Docker's {@code --shm-size}, 64 MB by
 * default), a memory cgroup at its limit. {@code MemoryObject.allocate} reserves the pages up front
 * and reports a full file system as a typed error instead.
 *
 * <p>Reported instead of letting the fault take the JVM down, as the "Faults" notes of
 * {@link MappedMemory} describe (interpreted accessors; a JIT-compiled one raises the JVM's
 * {@code InternalError} in its caller instead). Unchecked, like the other access errors of
 * {@link MappedMemory}. Immutable.
 */
public class MappingFaultException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final long offset;
    private final long mappedLength;
    private final long objectSize;

    /** A fault of an object whose size is intact: the page could not be backed. */
    public MappingFaultException(String mappingName, long offset, long mappedLength, long objectSize, Throwable cause) {
        this("access at offset " + offset + " of " + mappingName + " faulted (SIGBUS) although the object still has "
                + objectSize + " bytes (fstat): the kernel could not back the page; the file system holding the object"
                + " is probably full (tmpfs /dev/shm: its size= mount option, in a container --shm-size)",
                cause, offset, mappedLength, objectSize);
    }

    /** For subclasses: their own message. */
    protected MappingFaultException(String message, Throwable cause, long offset, long mappedLength, long objectSize) {
        super(message, cause);
        this.offset = offset;
        this.mappedLength = mappedLength;
        this.objectSize = objectSize;
    }

    /** Offset of the failed access. */
    public long offset() {
        return offset;
    }

    /** Length of the mapping. */
    public long mappedLength() {
        return mappedLength;
    }

    /** Size of the object when the fault was diagnosed, or -1 if it could not be read. */
    public long objectSize() {
        return objectSize;
    }
}
