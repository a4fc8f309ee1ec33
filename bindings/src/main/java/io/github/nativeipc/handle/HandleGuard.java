package io.github.nativeipc.handle;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps a native handle (a descriptor, a {@code sem_t *}, a {@code HANDLE}) alive while calls use it, and releases it
 * exactly once after {@link #close()}: by {@code close()} itself when no call is in progress, or by
 * the last call to leave. A descriptor is therefore never closed under a running call (no
 * use-after-close, no acting on a reused descriptor number), and {@code close()} never blocks.
 *
 * <p>Shared by the POSIX and Windows layers (descriptors, {@code sem_t *}, {@code HANDLE}s); not
 * for users. Costs one compare-and-set and one atomic decrement per guarded call. Thread-safe.
 */
public final class HandleGuard {
    private static final int CLOSED = Integer.MIN_VALUE;

    /** Sign bit: closed. Other bits: calls in progress. */
    private final AtomicInteger state = new AtomicInteger();
    private final Runnable release;

    /** @param release closes the native handle; must not throw and must not reference the owner */
    public HandleGuard(Runnable release) {
        this.release = release;
    }

    /** Registers a call; false if the handle is closed (the caller must not touch it then). */
    public boolean enter() {
        for (;;) {
            int s = state.get();
            if (s < 0) {
                return false;
            }
            if (state.compareAndSet(s, s + 1)) {
                return true;
            }
        }
    }

    /** Ends a call registered by a successful {@link #enter()}. */
    public void exit() {
        if (state.decrementAndGet() == CLOSED) {
            release.run();
        }
    }

    /** The calls in progress now (the caller's own included if it entered). */
    public int callsInProgress() {
        return state.get() & ~CLOSED;
    }

    public boolean isClosed() {
        return state.get() < 0;
    }

    /** Marks the handle closed; true if this call did it (false if it already was closed). */
    public boolean close() {
        for (;;) {
            int s = state.get();
            if (s < 0) {
                return false;
            }
            if (state.compareAndSet(s, s | CLOSED)) {
                if (s == 0) {
                    release.run();
                }
                return true;
            }
        }
    }
}
