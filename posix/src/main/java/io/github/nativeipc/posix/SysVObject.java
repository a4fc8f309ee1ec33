package io.github.nativeipc.posix;

import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;

/**
 * What the System V objects share: a key and an id instead of a descriptor, the knowledge of
 * whether this process created the object, and {@link #close()} that removes it only when the
 * creator opted in ({@link CreateOptions#unlinkOnClose}). Thread-safe.
 */
abstract sealed class SysVObject implements AutoCloseable permits SysVSharedMemory, SysVMessageQueue, SysVSemaphoreSet {
    private final SysVKey key;
    private final int id;
    private final boolean created;
    private final boolean removeOnClose;
    private volatile boolean closed;

    SysVObject(SysVKey key, SysVObjects.Id id, boolean removeOnClose) {
        this.key = key;
        this.id = id.id();
        this.created = id.created();
        this.removeOnClose = removeOnClose;
    }

    /** The key the object was found or created with ({@link SysVKey#PRIVATE} for a private one). */
    public SysVKey key() {
        return key;
    }

    /** The object's id, as {@code ipcs} shows it. */
    public int id() {
        return id;
    }

    /** Whether this process created the object. */
    public boolean created() {
        return created;
    }

    /** Destroys the object ({@code IPC_RMID}). */
    public abstract void remove() throws IpcException;

    /**
     * Removes the object if this process created it with {@link CreateOptions#unlinkOnClose};
     * otherwise only marks this Java object closed (there is no descriptor to release). Idempotent.
     */
    @Override
    public void close() throws IpcException {
        if (closed) {
            return;
        }
        closed = true;
        if (removeOnClose && created) {
            remove();
        }
    }

    /** {@code shmid 12}, {@code msqid 3}, {@code semid 7}: how messages name the object. */
    abstract String describe();

    final void checkOpen(String call) throws IpcException {
        if (closed) {
            throw Errors.closed(call + "(" + id + ")", describe());
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[key " + key + ", " + describe() + (closed ? ", closed" : "") + "]";
    }
}
