package io.github.nativeipc.handle;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps a native handle (a descriptor, a {@code sem_t *}, a {@code HANDLE}) alive while calls use it, and releases it
 * exactly once after {@link #close()}: by {@code close()} itself when no call is in progress, or by
 * the last call to leave. A descriptor is therefore never closed under a running call (no
 * use-after-close, no acting on a reused descriptor number), and {@code close()} never blocks.
 *
 * <p>Shared by the POSIX and Windows layers (descriptors, {@code sem_t *}, {@code HANDLE}s); not
 * for users. Costs one compare-and-set and one atomic decrement per guarded call; a call that must
 * also exclude others of its kind takes a lane in the same compare-and-set. Thread-safe.
 */
public final class HandleGuard {
    private static final int CLOSED = Integer.MIN_VALUE;
    /** A lane for calls that must not overlap each other (a channel's reads): one call at a time holds it. */
    public static final int LANE_A = 1 << 29;
    /** A second such lane (a channel's writes). */
    public static final int LANE_B = 1 << 28;
    private static final int LANES = LANE_A | LANE_B;

    /** Sign bit: closed. Bits 29 and 28: the lanes held. Other bits: other calls in progress. */
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

    /**
     * Registers a call as {@link #enter()} does, for an owner handing its raw handle out
     * ({@code acquireDescriptor}, {@code acquireHandle}); the caller ends it with {@link #exit()}.
     *
     * @throws io.github.nativeipc.error.ClosedException naming {@code operation} and {@code object} if the handle is closed
     */
    public void enterOrThrow(String operation, String object) throws io.github.nativeipc.error.ClosedException {
        if (!enter()) {
            throw io.github.nativeipc.error.Errors.closed(operation, object);
        }
    }

    /** Ends a call registered by a successful {@link #enter()}. */
    public void exit() {
        if (state.decrementAndGet() == CLOSED) {
            release.run();
        }
    }

    /**
     * Registers a call that holds {@code lane} ({@link #LANE_A} or {@link #LANE_B}) until
     * {@link #exitLane}: one compare-and-set that is both the guard and the lane's lock.
     *
     * @return 1 if it is registered, 0 if another call holds the lane (nothing registered), -1 if
     *         the handle is closed
     */
    public int enterLane(int lane) {
        for (;;) {
            int s = state.get();
            if (s < 0) {
                return -1;
            }
            if ((s & lane) != 0) {
                return 0;
            }
            if (state.compareAndSet(s, s | lane)) {
                return 1;
            }
        }
    }

    /** Ends a call registered by {@link #enterLane} (which returned 1) and frees the lane. */
    public void exitLane(int lane) {
        if (state.addAndGet(-lane) == CLOSED) {
            release.run();
        }
    }

    /** The calls in progress now (the caller's own included if it entered), those holding lanes too. */
    public int callsInProgress() {
        int s = state.get();
        return (s & ~(CLOSED | LANES)) + Integer.bitCount(s & LANES);
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
