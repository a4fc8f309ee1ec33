package io.github.nativeipc.posix;

import io.github.nativeipc.error.ClosedException;

/**
 * An object that owns an open file descriptor which can be handed to another process: mapped to a
 * chosen number in a spawned child, or sent over a Unix socket ({@code SCM_RIGHTS}).
 *
 * <p>The descriptor is lent, not given: {@link #acquireDescriptor()} keeps it open (a concurrent
 * {@code close()} of the owner is deferred, as for any call in progress) until the matching
 * {@link #releaseDescriptor()}. The borrower must not close it. The receiving process gets its own
 * duplicate, so it stays valid there after the owner here closes.
 *
 * <p>Implementations are thread-safe.
 */
public interface DescriptorOwner {
    /**
     * The descriptor number, held open until {@link #releaseDescriptor()} (call that exactly once
     * per successful acquire, in a {@code finally}).
     *
     * @throws ClosedException if the owner is closed
     */
    int acquireDescriptor() throws ClosedException;

    /** Ends a successful {@link #acquireDescriptor()}. */
    void releaseDescriptor();

    /** What the descriptor refers to, for messages ({@code "/orders"}, {@code "pipe[5,6] read end"}). */
    String describe();
}
