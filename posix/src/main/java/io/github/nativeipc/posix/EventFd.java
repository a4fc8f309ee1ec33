package io.github.nativeipc.posix;

import static io.github.nativeipc.bindings.PosixConstants.EFD_CLOEXEC;
import static io.github.nativeipc.bindings.PosixConstants.EFD_NONBLOCK;
import static io.github.nativeipc.bindings.PosixConstants.EFD_SEMAPHORE;
import static io.github.nativeipc.bindings.PosixConstants.POLLIN;
import static io.github.nativeipc.bindings.PosixConstants.POLLOUT;

import io.github.nativeipc.bindings.Errno;
import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.bindings.Platform;
import io.github.nativeipc.error.ClosedException;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.handle.HandleGuard;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * An event counter ({@code eventfd}, Linux): a 64-bit counter behind a descriptor, used as a
 * doorbell between processes that share the descriptor (handed to a child by {@link ChildProcess},
 * or sent over a Unix socket). {@link #signal} adds to the counter ({@code write}); {@link #await}
 * waits until it is non-zero and takes it ({@code read}): the whole value in counter mode, one in
 * semaphore mode ({@code EFD_SEMAPHORE}).
 *
 * <p>The descriptor is close-on-exec and non-blocking at the kernel level: blocking forms wait with
 * {@code poll} in slices of {@value Timeouts#SLICE_MILLIS} ms, so an interrupt or a
 * {@link #close()} from another thread is answered within one; an already signalled counter costs
 * one {@code read}. A peer in C uses the same descriptor with plain {@code read}/{@code write} of a
 * {@code uint64_t}.
 *
 * <p>Thread-safe: any threads may signal and wait concurrently (the kernel serialises them).
 */
public final class EventFd implements AutoCloseable, DescriptorOwner {
    private static final LibC C = Native.libc();
    private static final int EAGAIN = Errno.EAGAIN.value();
    private static final int EINTR = Errno.EINTR.value();
    /** The largest value the counter holds: {@code 2^64 - 2} (unsigned). */
    public static final long MAX_VALUE = 0xfffffffffffffffeL;

    private final int fd;
    private final boolean semaphore;
    private final String name;
    private final HandleGuard guard;
    private final Cleaner.Cleanable cleanable;
    /** Whether the poll thread was ever given this descriptor (then close() must wake it to let go). */
    private volatile boolean polled;

    private EventFd(int fd, boolean semaphore, String name) {
        this.fd = fd;
        this.semaphore = semaphore;
        this.name = name;
        this.guard = new HandleGuard(() -> C.close(fd));
        this.cleanable = Syscalls.CLEANER.register(this, guard::close);
    }

    /**
     * Creates a counter starting at {@code initial}:
     * {@code eventfd(initial, EFD_CLOEXEC|EFD_NONBLOCK[|EFD_SEMAPHORE])}.
     *
     * @param semaphore whether {@link #await} takes one (semaphore mode) rather than the whole value
     * @throws io.github.nativeipc.error.NotSupportedException off Linux
     * @throws io.github.nativeipc.error.InvalidArgumentException for a negative initial value
     * @throws io.github.nativeipc.error.LimitReachedException if descriptors run out
     */
    public static EventFd create(int initial, boolean semaphore) throws IpcException {
        int flags = EFD_CLOEXEC | EFD_NONBLOCK | (semaphore ? EFD_SEMAPHORE : 0);
        String call = "eventfd(" + initial + ", EFD_CLOEXEC|EFD_NONBLOCK" + (semaphore ? "|EFD_SEMAPHORE)" : ")");
        if (!Platform.current().isLinux()) {
            throw Errors.notSupported(call, "eventfd", "eventfd is Linux only");
        }
        if (initial < 0) {
            throw Errors.invalidArgument(call, "eventfd", "the initial value must not be negative");
        }
        int fd = C.eventfd(initial, flags);
        if (fd < 0) {
            throw Syscalls.error(call, "eventfd");
        }
        return new EventFd(fd, semaphore, "eventfd[" + fd + "]");
    }

    /**
     * Takes ownership of an eventfd descriptor this process received or inherited; it is made
     * non-blocking ({@code fcntl(F_SETFL)}) as this class expects, and closed by {@link #close()}.
     *
     * @param semaphore the mode it was created with (the kernel does not say)
     * @throws ClosedException if {@code fd} is not open
     */
    public static EventFd adopt(int fd, boolean semaphore) throws IpcException {
        Descriptors.setNonBlocking(fd, true, "eventfd[" + fd + "]");
        return new EventFd(fd, semaphore, "eventfd[" + fd + "]");
    }

    /** Whether {@link #await} takes one at a time. */
    public boolean isSemaphore() {
        return semaphore;
    }

    /**
     * Adds {@code n} to the counter ({@code write} of 8 bytes), waking waiters; blocks while the
     * sum would exceed {@link #MAX_VALUE} (until a reader takes some).
     *
     * @throws io.github.nativeipc.error.InvalidArgumentException for {@code n} of 0 or above {@link #MAX_VALUE} (unsigned)
     * @throws InterruptedException if interrupted while the counter is full
     */
    public void signal(long n) throws IpcException, InterruptedException {
        signal(n, Long.MAX_VALUE / 2, true);
    }

    /** Adds {@code n} unless the counter is too full to take it; returns whether it did. */
    public boolean trySignal(long n) throws IpcException {
        try {
            return signal(n, 0, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean signal(long n, long waitNanos, boolean block) throws IpcException, InterruptedException {
        if (n == 0 || Long.compareUnsigned(n, MAX_VALUE) > 0) {
            throw Errors.invalidArgument("write(" + name + ", " + Long.toUnsignedString(n) + ")", name,
                    "an eventfd is signalled with 1 to 2^64-2");
        }
        long deadline = System.nanoTime() + waitNanos;
        enter("write");
        try {
            Syscalls.Scratch s = Syscalls.Scratch.get();
            for (;;) {
                s.intValue.putLong(0, n);
                if (C.write(fd, s.intAddress, 8) == 8) {
                    return true;
                }
                int errno = Native.errno();
                if (errno == EINTR) {
                    continue;
                }
                if (errno != EAGAIN) {
                    throw Syscalls.error("write(" + fd + ", " + Long.toUnsignedString(n) + ")", name);
                }
                if (!block || Poll.await(fd, POLLOUT, deadline, name, guard) == 0) {
                    if (guard.isClosed()) {
                        throw Errors.closed("write", name);
                    }
                    return false;
                }
            }
        } finally {
            guard.exit();
        }
    }

    /**
     * Waits until the counter is non-zero and takes it ({@code read} of 8 bytes): returns the
     * whole value and resets it to 0, or in semaphore mode returns 1 and decrements it.
     *
     * @throws InterruptedException if this thread is interrupted while waiting
     * @throws ClosedException if this object is closed (also while waiting)
     */
    public long await() throws IpcException, InterruptedException {
        long v;
        while ((v = await(Long.MAX_VALUE / 2)) == 0) {
            // a slice passed with nothing: wait on
        }
        return v;
    }

    /** As {@link #await()}, at most {@code timeout}; returns 0 if nothing arrived in time. */
    public long await(Duration timeout) throws IpcException, InterruptedException {
        return await(Timeouts.nanos(timeout));
    }

    /** Takes the counter if it is non-zero, without waiting; 0 if it is zero. */
    public long tryAwait() throws IpcException {
        try {
            return await(0L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0L;
        }
    }

    private long await(long waitNanos) throws IpcException, InterruptedException {
        long deadline = System.nanoTime() + waitNanos;
        enter("read");
        try {
            Syscalls.Scratch s = Syscalls.Scratch.get();
            for (;;) {
                if (C.read(fd, s.intAddress, 8) == 8) {
                    return s.intValue.getLong(0);
                }
                int errno = Native.errno();
                if (errno == EINTR) {
                    continue;
                }
                if (errno != EAGAIN) {
                    throw Syscalls.error("read(" + fd + ", 8)", name);
                }
                if (Poll.await(fd, POLLIN, deadline, name, guard) == 0) {
                    if (guard.isClosed()) {
                        throw Errors.closed("read", name);
                    }
                    return 0L;
                }
            }
        } finally {
            guard.exit();
        }
    }

    /** Completes once the counter is non-zero (without taking it), on the library's poll thread. */
    public CompletableFuture<Void> whenSignalled() {
        polled = true;
        return DescriptorPoller.get().whenReadable(fd, guard, name);
    }

    /** Closes this descriptor; a thread waiting in {@link #await} fails with {@link ClosedException} within one slice. */
    @Override
    public void close() {
        if (guard.close()) {
            cleanable.clean();
            if (polled) {
                DescriptorPoller.get().wake();
            }
        }
    }

    @Override
    public int acquireDescriptor() throws ClosedException {
        guard.enterOrThrow("acquireDescriptor", name);
        return fd;
    }

    @Override
    public void releaseDescriptor() {
        guard.exit();
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public String toString() {
        return "EventFd[" + name + (semaphore ? ", semaphore" : "") + (guard.isClosed() ? ", closed" : "") + "]";
    }

    private void enter(String call) throws ClosedException {
        if (!guard.enter()) {
            throw Errors.closed(call, name);
        }
    }
}
