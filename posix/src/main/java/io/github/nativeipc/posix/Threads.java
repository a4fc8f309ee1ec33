package io.github.nativeipc.posix;

import static io.github.nativeipc.bindings.PosixConstants.SA_RESTART;
import static io.github.nativeipc.bindings.PosixConstants.SIGACTION_FLAGS_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.SIGACTION_HANDLER_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.SIG_DFL;
import static io.github.nativeipc.bindings.PosixConstants.SIG_IGN;
import static io.github.nativeipc.bindings.PosixConstants.SIZEOF_SIGACTION;

import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.bindings.Platform;
import io.github.nativeipc.bindings.PosixConstants;
import java.nio.ByteBuffer;

/**
 * Waking a thread that is blocked in a system call: {@code tgkill} with a signal whose handler does
 * nothing and is installed without {@code SA_RESTART}, so the call returns {@code EINTR}. This is
 * how the JDK's own NIO channels are closed under a blocked thread, and it uses the same signal,
 * {@code SIGRTMAX - 2}: a JVM that used NIO has that handler in place already (ours is then left
 * alone); otherwise the library installs one whose handler is {@code getpid} from the C library, an
 * async-signal-safe function that touches neither memory nor {@code errno}. No Java code ever runs
 * in signal context.
 *
 * <p>Linux only; elsewhere {@link #supported()} is false and closing relies on the descriptor
 * being replaced alone. Thread-safe.
 */
final class Threads {
    private Threads() {}

    private static final LibC C = Native.libc();
    private static final boolean LINUX = Platform.current().isLinux();
    private static final boolean HAS_GETTID = Native.hasSymbol("gettid");
    private static final boolean HAS_TGKILL = Native.hasSymbol("tgkill");

    /** This thread's kernel id ({@code gettid}), or 0 off Linux. */
    static int gettid() {
        if (!LINUX) {
            return 0;
        }
        return HAS_GETTID ? C.gettid() : (int) C.syscall(PosixConstants.SYS_gettid, 0, 0, 0, 0);
    }

    /** Whether {@link #wake} can interrupt a blocked system call here. */
    static boolean supported() {
        return Wakeup.SIGNAL > 0;
    }

    /** Sends the wake-up signal to thread {@code tid} of this process; quietly does nothing if it has ended. */
    static void wake(int tid) {
        if (tid == 0 || Wakeup.SIGNAL <= 0) {
            return;
        }
        int pid = C.getpid();
        if (HAS_TGKILL) {
            C.tgkill(pid, tid, Wakeup.SIGNAL);
        } else {
            C.syscall(PosixConstants.SYS_tgkill, pid, tid, Wakeup.SIGNAL, 0);
        }
    }

    /** The signal, set up once: its handler in place, without SA_RESTART. 0 if none could be. */
    private static final class Wakeup {
        static final int SIGNAL = install();

        private static int install() {
            if (!LINUX) {
                return 0;
            }
            int signal = C.__libc_current_sigrtmax() - 2;
            ByteBuffer old = Native.scratch(SIZEOF_SIGACTION);
            if (C.sigaction(signal, 0L, Native.address(old)) != 0) {
                return 0;
            }
            long handler = old.getLong(SIGACTION_HANDLER_OFFSET);
            if (handler != SIG_DFL && handler != SIG_IGN) {
                // Someone (the JDK's NIO) has a handler there already. Usable only if it does not restart calls.
                return (old.getInt(SIGACTION_FLAGS_OFFSET) & SA_RESTART) == 0 ? signal : 0;
            }
            long noop = Native.symbolAddress("getpid");
            if (noop == 0L) {
                return 0;
            }
            ByteBuffer act = Native.scratch(SIZEOF_SIGACTION);   // zeroed: empty mask, no flags
            act.putLong(SIGACTION_HANDLER_OFFSET, noop);
            return C.sigaction(signal, Native.address(act), 0L) == 0 ? signal : 0;
        }
    }
}
