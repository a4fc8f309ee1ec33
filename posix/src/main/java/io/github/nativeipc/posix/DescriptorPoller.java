package io.github.nativeipc.posix;

import static io.github.nativeipc.bindings.PosixConstants.O_CLOEXEC;
import static io.github.nativeipc.bindings.PosixConstants.O_NONBLOCK;
import static io.github.nativeipc.bindings.PosixConstants.POLLERR;
import static io.github.nativeipc.bindings.PosixConstants.POLLHUP;
import static io.github.nativeipc.bindings.PosixConstants.POLLIN;
import static io.github.nativeipc.bindings.PosixConstants.POLLNVAL;
import static io.github.nativeipc.bindings.PosixConstants.SIZEOF_POLLFD;

import io.github.nativeipc.bindings.Errno;
import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.handle.HandleGuard;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One daemon thread, {@code nipc-poller}, that waits with {@code poll(2)} until registered
 * descriptors become readable and completes their futures. Java code never runs in a signal
 * handler: readiness is observed on this ordinary thread. A pipe wakes the thread when a
 * registration is added or a registered object is closed.
 *
 * <p>While a descriptor is being polled its {@link HandleGuard} is entered, so it cannot be closed
 * (and its number reused) under {@code poll}; closing the object wakes the poller, which lets go,
 * and the future then fails with {@link io.github.nativeipc.error.ClosedException}.
 *
 * <p>Futures complete on the poller thread: dependent stages should not block (use the
 * {@code ...Async} forms for long work). Thread-safe.
 */
final class DescriptorPoller {
    private static final LibC C = Native.libc();

    private static final class Holder {
        static final DescriptorPoller INSTANCE = new DescriptorPoller();
    }

    private static final class Registration {
        final int fd;
        final HandleGuard guard;
        final String name;
        final CompletableFuture<Void> future;

        Registration(int fd, HandleGuard guard, String name, CompletableFuture<Void> future) {
            this.fd = fd;
            this.guard = guard;
            this.name = name;
            this.future = future;
        }
    }

    private final ConcurrentLinkedQueue<Registration> incoming = new ConcurrentLinkedQueue<>();
    private final int wakeRead;
    private final int wakeWrite;
    private final ByteBuffer wakeByte = Native.scratch(8);

    private DescriptorPoller() {
        ByteBuffer fds = Native.scratch(8);
        if (C.pipe2(Native.address(fds), O_CLOEXEC | O_NONBLOCK) != 0) {
            throw new IllegalStateException(Syscalls.error("pipe2(O_CLOEXEC|O_NONBLOCK)", "nipc-poller").getMessage());
        }
        wakeRead = fds.getInt(0);
        wakeWrite = fds.getInt(4);
        Thread t = new Thread(this::run, "nipc-poller");
        t.setDaemon(true);
        t.start();
    }

    static DescriptorPoller get() {
        return Holder.INSTANCE;
    }

    /** A future completed once {@code fd} is readable, failed if its guard closes first. */
    CompletableFuture<Void> whenReadable(int fd, HandleGuard guard, String name) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        incoming.add(new Registration(fd, guard, name, f));
        wake();
        return f;
    }

    /** Makes the poller look at its registrations again (after a close, say). */
    void wake() {
        synchronized (wakeByte) {
            C.write(wakeWrite, Native.address(wakeByte), 1);   // a full pipe (EAGAIN) already wakes it
        }
    }

    private void run() {
        List<Registration> active = new ArrayList<>();
        List<Registration> polled = new ArrayList<>();
        ByteBuffer pollfds = Native.scratch(SIZEOF_POLLFD * 16);
        for (;;) {
            for (Registration r; (r = incoming.poll()) != null; ) {
                active.add(r);
            }
            polled.clear();
            for (var it = active.iterator(); it.hasNext(); ) {
                Registration r = it.next();
                if (r.future.isDone()) {
                    it.remove();
                } else if (!r.guard.enter()) {
                    it.remove();
                    r.future.completeExceptionally(Errors.closed("poll(" + r.name + ")", r.name));
                } else {
                    polled.add(r);
                }
            }
            int n = polled.size() + 1;
            if (pollfds.capacity() < n * SIZEOF_POLLFD) {
                pollfds = Native.scratch(n * SIZEOF_POLLFD * 2);
            }
            put(pollfds, 0, wakeRead);
            for (int i = 0; i < polled.size(); i++) {
                put(pollfds, i + 1, polled.get(i).fd);
            }
            int r = C.poll(Native.address(pollfds), n, -1);
            int errno = r < 0 ? Native.errno() : 0;
            try {
                if (r < 0) {
                    if (errno != Errno.EINTR.value()) {
                        failAll(polled, Errors.fromErrno(errno, "poll", "nipc-poller"));
                    }
                    continue;
                }
                if (revents(pollfds, 0) != 0) {
                    drainWakePipe();
                }
                for (int i = 0; i < polled.size(); i++) {
                    short ev = revents(pollfds, i + 1);
                    Registration reg = polled.get(i);
                    if ((ev & POLLIN) != 0) {
                        reg.future.complete(null);
                    } else if ((ev & (POLLERR | POLLHUP | POLLNVAL)) != 0) {
                        reg.future.completeExceptionally(Errors.invalidArgument("poll(" + reg.name + ")", reg.name,
                                "descriptor reported revents 0x" + Integer.toHexString(ev & 0xffff)));
                    }
                }
            } finally {
                for (Registration reg : polled) {
                    reg.guard.exit();
                }
            }
        }
    }

    private static void failAll(List<Registration> regs, Throwable t) {
        for (Registration r : regs) {
            r.future.completeExceptionally(t);
        }
    }

    private static void put(ByteBuffer pollfds, int index, int fd) {
        int at = index * SIZEOF_POLLFD;
        pollfds.putInt(at, fd).putShort(at + 4, POLLIN).putShort(at + 6, (short) 0);
    }

    private static short revents(ByteBuffer pollfds, int index) {
        return pollfds.getShort(index * SIZEOF_POLLFD + 6);
    }

    private final ByteBuffer drain = Native.scratch(64);

    private void drainWakePipe() {
        while (C.read(wakeRead, Native.address(drain), 64) > 0) {
            // keep reading until EAGAIN
        }
    }
}
