package io.github.nativeipc.posix;

import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Answers {@link Thread#interrupt()} for threads blocked in an untimed read or write of a
 * {@link DescriptorChannel}, which do without the JDK's per-call interrupt hook: every
 * {@link Timeouts#SLICE_MILLIS} ms one daemon thread, {@code nipc-interrupts}, looks at each open
 * channel and sends the wake-up signal ({@link Threads#wake}) to a thread in a call there whose
 * interrupt status is set; its system call returns {@code EINTR}, it sees the status, closes the
 * channel and throws {@link java.nio.channels.ClosedByInterruptException}. An interrupt is so
 * answered within one to two periods; a thread that is interrupted but not blocked is never
 * signalled for longer than its call lasts.
 *
 * <p>The thread starts with the first channel. Channels are held weakly and dropped once closed
 * or collected; the look at one costs a few field reads. Linux only (where {@link Threads} can
 * wake a thread). Thread-safe.
 */
final class InterruptWatch {
    private InterruptWatch() {}

    private static final Queue<WeakReference<DescriptorChannel>> CHANNELS = new ConcurrentLinkedQueue<>();
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    /** Watches {@code channel} from now until it is closed. */
    static void register(DescriptorChannel channel) {
        CHANNELS.add(new WeakReference<>(channel));
        if (!STARTED.get() && STARTED.compareAndSet(false, true)) {
            Thread t = new Thread(InterruptWatch::run, "nipc-interrupts");
            t.setDaemon(true);
            t.start();
        }
    }

    private static void run() {
        for (;;) {
            LockSupport.parkNanos(Timeouts.SLICE_NANOS);
            for (Iterator<WeakReference<DescriptorChannel>> it = CHANNELS.iterator(); it.hasNext();) {
                DescriptorChannel c = it.next().get();
                if (c == null || !c.isOpen()) {
                    it.remove();
                } else {
                    c.wakeInterruptedCallers();
                }
            }
        }
    }
}
