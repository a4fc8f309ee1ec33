package io.github.nativeipc.posix;

import io.github.nativeipc.bindings.Errno;
import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.handle.HandleGuard;

/**
 * Waiting for one descriptor with {@code poll(2)}, in slices of {@value Timeouts#SLICE_MILLIS} ms
 * so that {@link Thread#interrupt()} and a close from another thread are noticed within one;
 * {@code EINTR} is retried with the remaining time. The {@code struct pollfd} is the calling
 * thread's scratch: nothing is allocated. Thread-safe (stateless).
 */
final class Poll {
    private Poll() {}

    private static final LibC C = Native.libc();
    private static final int EINTR = Errno.EINTR.value();

    /**
     * Polls {@code fd} for {@code events} until one is reported or {@code deadline}
     * ({@link System#nanoTime()}) passes; a deadline already past polls once without waiting. The
     * caller holds {@code fd} open (its {@link HandleGuard} entered) and passes {@code stillOpen}
     * to stop early when the object is closed meanwhile.
     *
     * @return the {@code revents} reported (including {@code POLLHUP}/{@code POLLERR}), or 0 on timeout
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    static int await(int fd, short events, long deadline, String object, HandleGuard stillOpen)
            throws IpcException, InterruptedException {
        Syscalls.Scratch s = Syscalls.Scratch.get();
        for (;;) {
            if (Thread.interrupted()) {
                throw new InterruptedException("waiting for " + object);
            }
            long left = deadline - System.nanoTime();
            int millis = left <= 0 ? 0 : (int) Math.min(Timeouts.SLICE_MILLIS, (left + 999_999) / 1_000_000);
            s.intValue.putInt(0, fd).putShort(4, events).putShort(6, (short) 0);   // struct pollfd
            int r = C.poll(s.intAddress, 1, millis);
            if (r > 0) {
                return s.intValue.getShort(6) & 0xffff;
            }
            if (r < 0 && Native.errno() != EINTR) {
                throw Syscalls.error("poll(" + fd + ", " + events + ", " + millis + ")", object);
            }
            if ((r == 0 && left <= 0) || (stillOpen != null && stillOpen.isClosed())) {
                return 0;
            }
        }
    }

    /** As {@link #await(int, short, long, String, HandleGuard)} without a guard to watch. */
    static int await(int fd, short events, long deadline, String object) throws IpcException, InterruptedException {
        return await(fd, events, deadline, object, null);
    }
}
