package io.github.nativeipc.memory;

/**
 * The object behind a {@link MappedMemory} is now shorter than the mapping: another process
 * shrank it ({@code ftruncate}), and an access fell past its new end. Reported instead of letting
 * the resulting {@code SIGBUS} take the JVM down; the new size comes from {@code fstat}.
 *
 * <p>Unchecked, like the other access errors of {@link MappedMemory}. Immutable.
 */
public class MappingTruncatedException extends MappingFaultException {
    private static final long serialVersionUID = 1L;

    public MappingTruncatedException(String mappingName, long offset, long mappedLength, long objectSize, Throwable cause) {
        super("access at offset " + offset + " of " + mappingName + " failed: the object was shrunk to "
                + (objectSize < 0 ? "an unknown size" : objectSize + " bytes")
                + " while " + mappedLength + " bytes are mapped (fstat)", cause, offset, mappedLength, objectSize);
    }

    /** Offset of the failed access, or of the first missing byte for {@code checkBacking()}. */
    @Override
    public long offset() {
        return super.offset();
    }
}
