package io.github.nativeipc.posix;

import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.handle.HandleGuard;

/**
 * What the System V objects share: a key and an id instead of a descriptor, the knowledge of
 * whether this process created the object, {@link #close()} that removes it only when the
 * creator opted in ({@link CreateOptions#unlinkOnClose}), and the bracket of an untimed blocking
 * call ({@link #enterWait}, {@link #beforeBlocking}, {@link #exitWait}) that lets {@code close()}
 * and {@link Thread#interrupt()} wake it through {@link InterruptWatch}. Thread-safe.
 */
abstract sealed class SysVObject implements AutoCloseable permits SysVSharedMemory, SysVMessageQueue, SysVSemaphoreSet {
    /** Whether untimed waits are one untimed call woken by {@link InterruptWatch} (Linux). */
    static final boolean WATCHED = Threads.supported();

    private final SysVKey key;
    private final int id;
    private final boolean created;
    private final boolean removeOnClose;
    /**
     * Closed state and the untimed blocking calls in progress, which {@link #close()} wakes. There
     * is no handle to release: an id stays valid whatever this object does.
     */
    private final HandleGuard guard = new HandleGuard(() -> { });

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
     * Marks this Java object closed (there is no descriptor to release) and removes the object if
     * this process created it with {@link CreateOptions#unlinkOnClose}. Threads blocked in an
     * untimed wait on this object are woken first and throw
     * {@link io.github.nativeipc.error.ClosedException}. Idempotent.
     */
    @Override
    public void close() throws IpcException {
        if (!guard.close()) {
            return;
        }
        InterruptWatch.wakeUntilLeft(this, guard);
        if (removeOnClose && created) {
            remove();
        }
    }

    /** {@code shmid 12}, {@code msqid 3}, {@code semid 7}: how messages name the object. */
    abstract String describe();

    final void checkOpen(String call) throws IpcException {
        if (guard.isClosed()) {
            throw Errors.closed(call + "(" + id + ")", describe());
        }
    }

    /** Registers an untimed blocking call, which {@link #close()} then waits out; throws if closed. */
    final void enterWait(String call) throws IpcException {
        if (!guard.enter()) {
            throw Errors.closed(call + "(" + id + ")", describe());
        }
    }

    /** Ends a call registered by {@link #enterWait}. */
    final void exitWait() {
        guard.exit();
    }

    /**
     * Before each attempt of an untimed blocking call (inside {@link #enterWait}): throws if this
     * thread is interrupted or the object closed, else records that the thread is about to block on
     * this object. The caller clears {@code s.blockedOn} right after the call.
     */
    final void beforeBlocking(Syscalls.Scratch s, String call) throws IpcException, InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted while waiting on " + describe());
        }
        checkOpen(call);
        s.blockedOn = this;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[key " + key + ", " + describe() + (guard.isClosed() ? ", closed" : "") + "]";
    }
}
