package io.github.nativeipc.windows;

import static io.github.nativeipc.bindings.windows.Win32Constants.INFINITE;
import static io.github.nativeipc.bindings.windows.Win32Constants.WAIT_ABANDONED_0;
import static io.github.nativeipc.bindings.windows.Win32Constants.WAIT_FAILED;
import static io.github.nativeipc.bindings.windows.Win32Constants.WAIT_OBJECT_0;
import static io.github.nativeipc.bindings.windows.Win32Constants.WAIT_TIMEOUT;

import io.github.nativeipc.bindings.windows.Kernel32;
import io.github.nativeipc.bindings.windows.Win32Error;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.handle.HandleGuard;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * A Windows kernel object a thread can wait on (semaphore, event, mutex), owning one handle.
 *
 * <h2>Ownership</h2>
 * {@link #close()} closes this process's handle ({@code CloseHandle}); the object itself lives
 * while any process holds a handle, and its name goes with the last one (Windows has no unlink).
 * A {@link Cleaner} closes a handle that was never closed. A handle is never closed while a call
 * on it is in progress: the last call to leave closes it.
 *
 * <h2>Waiting</h2>
 * Every wait is {@code WaitForMultipleObjects} on the object and a private manual-reset event that
 * {@link #close()} sets, so closing from another thread wakes a waiter at once (it gets
 * {@link io.github.nativeipc.error.ClosedException}). Waits run in slices of at most 50 ms, so
 * {@code Thread.interrupt()} ends one within a slice ({@link InterruptedException}), as the POSIX
 * semaphores do. Waits allocate nothing.
 *
 * <p>Thread-safe.
 */
public abstract class WaitableObject implements AutoCloseable, HandleOwner {
    private static final Cleaner CLEANER = Cleaner.create();

    /** Outcomes of {@link #await}. */
    static final int ACQUIRED = 0;
    static final int TIMED_OUT = 1;
    static final int ABANDONED = 2;
    /** The longest single wait, so that an interrupt is seen within it. */
    private static final int SLICE_MILLIS = 50;

    private final String name;
    private final String kind;
    private final long handle;
    private final boolean created;
    private final long closeEvent;
    /** {@code HANDLE[2]}: the object, then the close event. */
    private final ByteBuffer pair;
    private final long pairAddress;
    final HandleGuard guard;
    private final Cleaner.Cleanable cleanable;

    WaitableObject(String kind, String name, long handle, boolean created) throws IpcException {
        this.kind = kind;
        this.name = name;
        this.handle = handle;
        this.created = created;
        long event = Kernel32.CreateEventW(0L, 1, 0, null);
        if (event == 0L) {
            IpcException e = Win32.lastError("CreateEventW(NULL, manual reset, unsignalled, NULL)", describe());
            Kernel32.CloseHandle(handle);
            throw e;
        }
        this.closeEvent = event;
        this.pair = Win32.scratch(16);
        this.pair.putLong(0, handle).putLong(8, event);
        this.pairAddress = Win32.address(pair);
        this.guard = new HandleGuard(new CloseHandles(handle, event));
        this.cleanable = CLEANER.register(this, guard::close);
    }

    /** The object's name ({@code Local\...}), or {@code null} for an unnamed object. */
    public String name() {
        return name;
    }

    /**
     * Whether the call that opened this object created it ({@code false}: it existed, the
     * {@code Create...W} call reported {@code ERROR_ALREADY_EXISTS}, or it was opened).
     */
    public boolean created() {
        return created;
    }

    /** Whether {@link #close()} has not been called. */
    public boolean isOpen() {
        return !guard.isClosed();
    }

    /**
     * Closes this process's handle ({@code CloseHandle}) once no call uses it, and wakes every
     * thread waiting on it through this object. Idempotent; never blocks.
     */
    @Override
    public void close() {
        CloseHandles.wake(guard, closeEvent);
        cleanable.clean();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + describe() + (isOpen() ? "" : ", closed") + "]";
    }

    /**
     * Lends the handle (see {@link HandleOwner}), for instance to hand this object to a child
     * process ({@link ChildProcess.Builder#inherit}): an unnamed event or semaphore is reached no
     * other way.
     */
    @Override
    public long acquireHandle() throws io.github.nativeipc.error.ClosedException {
        guard.enterOrThrow("acquireHandle", describe());
        return handle;
    }

    @Override
    public void releaseHandle() {
        guard.exit();
    }

    /** The name, or "unnamed semaphore" and the like, for messages. */
    @Override
    public String describe() {
        return name != null ? name : "unnamed " + kind;
    }

    /** The raw handle; only between a successful {@code guard.enter()} and {@code guard.exit()}. */
    long handle() {
        return handle;
    }

    long closeEvent() {
        return closeEvent;
    }

    /**
     * Waits up to {@code millis} (INFINITE: forever; 0: only looks) for the object or for
     * {@link #close()}, in slices of at most 50 ms so that {@code Thread.interrupt()} is answered
     * within one slice (a signalled object ends the wait at once, whatever the slice).
     *
     * @return {@link #ACQUIRED}, {@link #TIMED_OUT} or {@link #ABANDONED}
     * @throws io.github.nativeipc.error.ClosedException if closed before or during the wait
     * @throws InterruptedException if the thread was interrupted while waiting (nothing acquired)
     */
    final int await(int millis, String operation) throws IpcException, InterruptedException {
        if (!guard.enter()) {
            throw Errors.closed(operation, describe());
        }
        try {
            long deadline = millis == INFINITE ? 0L : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Integer.toUnsignedLong(millis));
            int slice = millis == INFINITE ? SLICE_MILLIS : Math.min(millis, SLICE_MILLIS);
            int r;
            for (;;) {
                r = Kernel32.WaitForMultipleObjects(2, pairAddress, 0, slice);
                if (r != WAIT_TIMEOUT) {
                    break;
                }
                if (millis == 0) {
                    break;
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting on " + describe());
                }
                if (millis != INFINITE) {
                    int left = Win32.millisUntil(deadline);
                    if (left == 0) {
                        return TIMED_OUT;
                    }
                    slice = Math.min(left, SLICE_MILLIS);
                }
            }
            return outcome(r, operation);
        } finally {
            guard.exit();
        }
    }

    /** {@link #await} without waiting: one look, {@link #ACQUIRED}, {@link #TIMED_OUT} or {@link #ABANDONED}. */
    final int poll(String operation) throws IpcException {
        if (!guard.enter()) {
            throw Errors.closed(operation, describe());
        }
        try {
            return outcome(Kernel32.WaitForMultipleObjects(2, pairAddress, 0, 0), operation);
        } finally {
            guard.exit();
        }
    }

    /** What {@code WaitForMultipleObjects} on the pair returned, as an outcome or an exception. */
    private int outcome(int r, String operation) throws IpcException {
        if (r == WAIT_OBJECT_0) {
            return ACQUIRED;
        }
        if (r == WAIT_TIMEOUT) {
            return TIMED_OUT;
        }
        if (r == WAIT_ABANDONED_0) {
            return ABANDONED;
        }
        if (r == WAIT_OBJECT_0 + 1) {
            throw Errors.closed(operation, describe());
        }
        if (r == WAIT_FAILED) {
            throw Win32.lastError(operation, describe());
        }
        throw Win32.error(Win32Error.ERROR_INVALID_HANDLE.code(), operation, describe(),
                "WaitForMultipleObjects returned 0x" + Integer.toHexString(r));
    }

    /** Enters the guard or throws {@link io.github.nativeipc.error.ClosedException}. */
    final void enter(String operation) throws IpcException {
        if (!guard.enter()) {
            throw Errors.closed(operation, describe());
        }
    }

    /**
     * Keeps the handle {@code h} that a {@code Create...W} call returned, or throws its error:
     * {@code null} handle is the failure, and with {@code exclusive} an existing object
     * ({@code ERROR_ALREADY_EXISTS}) is refused and its handle closed.
     *
     * @return whether the call created the object
     */
    static boolean checkCreated(long h, boolean exclusive, String operation, String name) throws IpcException {
        int error = Kernel32.lastError();
        if (h == 0L) {
            throw Win32.error(error, operation, name, null);
        }
        boolean existed = error == Win32Error.ERROR_ALREADY_EXISTS.code();
        if (existed && exclusive) {
            Kernel32.CloseHandle(h);
            throw Win32.error(error, operation, name, "create is exclusive; use open or openOrCreate to share it");
        }
        return !existed;
    }

    /** Keeps the handle an {@code Open...W} call returned, or throws its error. */
    static long checkOpened(long h, String operation, String name) throws IpcException {
        if (h == 0L) {
            throw Win32.lastError(operation, name);
        }
        return h;
    }
}
