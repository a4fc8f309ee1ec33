package io.github.nativeipc.posix;

import io.github.nativeipc.handle.HandleGuard;
import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Wakes threads blocked in an untimed system call that the library makes without the JDK's
 * interrupt hook or a time slice (a channel's read or write, {@code mq_receive}, {@code mq_send},
 * {@code msgsnd}, {@code msgrcv}, {@code semop}, {@code sem_wait}): such a call costs no timer and
 * no clock reading, and stays answerable.
 * <ul>
 * <li>{@link Thread#interrupt()}: every {@link Timeouts#SLICE_MILLIS} ms one daemon thread,
 *     {@code nipc-interrupts}, looks at each thread's {@link Syscalls.Scratch#blockedOn} and sends
 *     the wake-up signal ({@link Threads#wake}) to an interrupted thread that is blocked; its call
 *     returns {@code EINTR}, it sees its interrupt status and answers as the object documents.</li>
 * <li>{@code close()} from another thread: {@link #wakeUntilLeft} signals every thread blocked on
 *     that object at once, and again until those calls have left.</li>
 * <li>An object closed by something that cannot signal (an {@link UnnamedSemaphore} whose memory
 *     is unmapped): the same look signals a thread blocked on a {@link Target} that says it is
 *     closed.</li>
 * </ul>
 * A signal that comes just before a thread blocks is missed; the next look (or the closer's next
 * round) repeats it, so an interrupt is answered within one to two periods.
 *
 * <p>Threads are registered once, with their scratch, and held weakly. Linux only (where
 * {@link Threads} can wake a thread). Thread-safe.
 */
final class InterruptWatch {
    private InterruptWatch() {}

    /**
     * What a thread blocks on when the object can be closed behind its back, without a
     * {@code close()} that signals: the watch thread asks {@link #isClosed()}, which must be cheap
     * and thread-safe, at every look.
     */
    interface Target {
        boolean isClosed();
    }

    private static final Queue<WeakReference<Syscalls.Scratch>> THREADS = new ConcurrentLinkedQueue<>();
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    /** Watches the thread of {@code scratch} from now until it ends. */
    static void watch(Syscalls.Scratch scratch) {
        THREADS.add(new WeakReference<>(scratch));
        if (!STARTED.get() && STARTED.compareAndSet(false, true)) {
            Thread t = new Thread(InterruptWatch::run, "nipc-interrupts");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Signals every thread blocked on {@code target} now (see {@link Syscalls.Scratch#blockedOn}). */
    static void wakeBlockedOn(Object target) {
        for (WeakReference<Syscalls.Scratch> ref : THREADS) {
            Syscalls.Scratch s = ref.get();
            if (s != null && s.blockedOn == target) {
                Threads.wake(s.tid);
            }
        }
    }

    /**
     * For a {@code close()} of {@code target}, whose {@code guard} the closer has just closed:
     * signals the threads blocked on it until no call is in progress on {@code guard} (every such
     * call sees the guard closed at its next {@code EINTR} and leaves), for at most
     * {@link Timeouts#WAKE_PATIENCE_NANOS}. A caller that had not blocked yet when signalled is
     * signalled again 0.2 ms later. Does nothing where {@link Threads} cannot wake a thread.
     */
    static void wakeUntilLeft(Object target, HandleGuard guard) {
        if (!Threads.supported()) {
            return;
        }
        long giveUp = System.nanoTime() + Timeouts.WAKE_PATIENCE_NANOS;
        while (guard.callsInProgress() > 0 && System.nanoTime() - giveUp < 0) {
            wakeBlockedOn(target);
            LockSupport.parkNanos(200_000L);
        }
    }

    private static void run() {
        for (;;) {
            LockSupport.parkNanos(Timeouts.SLICE_NANOS);
            for (Iterator<WeakReference<Syscalls.Scratch>> it = THREADS.iterator(); it.hasNext();) {
                Syscalls.Scratch s = it.next().get();
                if (s == null || !s.thread.isAlive()) {
                    it.remove();
                } else {
                    Object target = s.blockedOn;
                    if (target != null && (s.thread.isInterrupted()
                            || target instanceof Target t && t.isClosed())) {
                        Threads.wake(s.tid);
                    }
                }
            }
        }
    }
}
