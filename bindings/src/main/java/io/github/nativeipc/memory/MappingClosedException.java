package io.github.nativeipc.memory;

/**
 * An access to a {@link MappedMemory} after it was closed. Unchecked, like the JDK's
 * {@code IllegalStateException} for a closed memory segment: accessors make no system call.
 *
 * <p>Immutable.
 */
public class MappingClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public MappingClosedException(String mappingName) {
        super("mapping of " + mappingName + " is closed");
    }
}
