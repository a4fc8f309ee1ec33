package io.github.nativeipc.windows;

import io.github.nativeipc.error.ClosedException;

/**
 * An object that owns an open Windows {@code HANDLE} which can be handed to a child process
 * ({@link ChildProcess.Builder#standardInput}, {@link ChildProcess.Builder#inherit} and the like):
 * the Windows counterpart of {@code io.github.nativeipc.posix.DescriptorOwner}.
 *
 * <p>The handle is lent, not given: {@link #acquireHandle()} keeps it open (a concurrent
 * {@code close()} of the owner is deferred, as for any call in progress) until the matching
 * {@link #releaseHandle()}. The borrower must not close it, and changes its flags only for the
 * length of a call, restoring them ({@link ChildProcess} makes it inheritable for the
 * {@code CreateProcessW} call alone). A child that inherits the handle gets its own handle to the
 * same object, with the same value, so it stays valid there after the owner here closes.
 *
 * <p>Implementations are thread-safe.
 */
public interface HandleOwner {
    /**
     * The handle, held open until {@link #releaseHandle()} (call that exactly once per successful
     * acquire, in a {@code finally}).
     *
     * @throws ClosedException if the owner is closed
     */
    long acquireHandle() throws ClosedException;

    /** Ends a successful {@link #acquireHandle()}. */
    void releaseHandle();

    /** What the handle refers to, for messages ({@code "anonymous pipe read end"}, {@code "\\.\pipe\orders"}). */
    String describe();
}
