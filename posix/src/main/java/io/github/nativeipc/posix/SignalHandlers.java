package io.github.nativeipc.posix;

import static io.github.nativeipc.bindings.PosixConstants.SIGACTION_HANDLER_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.SIG_DFL;
import static io.github.nativeipc.bindings.PosixConstants.SIG_IGN;
import static io.github.nativeipc.bindings.PosixConstants.SIZEOF_SIGACTION;

import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Java handlers for signals sent to this process. The handler runs on a Java thread, never in
 * signal context: HotSpot's own signal handler only records the signal, and its "Signal Dispatcher"
 * thread starts a thread (named like {@code "SIGUSR1 handler"}) that calls the registered handlers
 * in the order they were registered. This is the mechanism behind the JVM's own shutdown on
 * {@code SIGTERM}; the library reaches it through {@code sun.misc.Signal} (module
 * {@code jdk.unsupported}), the one supported way to share the process's signals with the JVM.
 *
 * <p>What to know before relying on it:
 * <ul>
 *   <li>Standard signals are not queued: several deliveries before the handler thread runs may
 *       arrive as one call. The handler learns the signal, not the sender or a value; to receive
 *       {@code sigqueue} values use a C-side or {@code signalfd}-style design in another process
 *       (the JVM's threads cannot all block a signal, which {@code sigwaitinfo} needs).</li>
 *   <li>Handlers should return quickly; each delivery gets its own thread.</li>
 *   <li>Registering {@link Signal#HUP}, {@link Signal#INT} or {@link Signal#TERM} replaces the JVM's
 *       shutdown-hook trigger for as long as the registration lives: the process no longer exits on
 *       that signal unless a handler calls {@link System#exit}. Closing the last registration puts
 *       the previous disposition back, whatever it was (the JVM's handler, a native one, default or
 *       ignore).</li>
 * </ul>
 *
 * <p>Refused, with an {@link io.github.nativeipc.error.InvalidArgumentException} naming why
 * ({@link #whyReserved(Signal)}): {@code SIGSEGV}, {@code SIGBUS}, {@code SIGFPE} and
 * {@code SIGILL} (HotSpot turns them into null checks, stack-overflow checks and, for
 * {@code SIGBUS}, the {@code InternalError} the library's shared-memory contract relies on),
 * {@code SIGQUIT} (thread dumps), {@code SIGUSR2} (HotSpot suspends and resumes threads with it on
 * Linux, for safepoints in some modes, JFR sampling and {@code Thread.getStackTrace}: HotSpot
 * itself does not refuse it, which makes it the dangerous one), {@code SIGKILL} and {@code SIGSTOP}
 * (no process can catch them). A signal the JVM was told to leave alone ({@code -Xrs} for
 * {@code HUP}/{@code INT}/{@code TERM}) or that this process inherited as ignored (started under
 * {@code nohup}, or as a background job of a non-interactive shell: HotSpot keeps such an ignore
 * of {@code HUP}, {@code INT} and {@code TERM}) is refused too, since a handler would never run.
 * Real-time signals cannot be handled this way ({@code sun.misc.Signal} knows only named signals);
 * {@code SIGRTMAX-2} is in any case the one the library and the JDK's NIO use to wake blocked threads.
 *
 * <p>Thread-safe.
 */
public final class SignalHandlers {
    private SignalHandlers() {}

    private static final LibC C = Native.libc();

    /** The signals that have our dispatcher installed. Guarded by the class's lock. */
    private static final Map<Signal, Dispatcher> INSTALLED = new EnumMap<>(Signal.class);

    /**
     * Runs {@code handler} on a Java thread each time this process receives {@code signal}, until the
     * returned registration is closed. The first registration for a signal installs the dispatcher
     * ({@code sun.misc.Signal.handle}, which makes the {@code sigaction} call); later ones join it,
     * and run after the earlier ones. An exception a handler throws goes to the handler thread's
     * uncaught-exception handler and does not stop the others.
     *
     * @throws io.github.nativeipc.error.InvalidArgumentException for a reserved signal, one the JVM was
     *         told to leave alone ({@code -Xrs}), or one this process inherited as ignored; the message
     *         says which and why
     * @throws io.github.nativeipc.error.NotSupportedException if this platform has no such signal,
     *         or the JVM does not know it by name
     */
    public static Registration handle(Signal signal, Consumer<Signal> handler) throws IpcException {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(handler, "handler");
        String call = "handle(" + signal.signalName() + ")";
        if (!signal.isAvailable()) {
            throw Errors.notSupported(call, signal.signalName(), "this platform has no such signal");
        }
        Optional<String> reserved = whyReserved(signal);
        if (reserved.isPresent()) {
            throw Errors.invalidArgument(call, signal.signalName(), reserved.get());
        }
        Registration registration = new Registration(signal, handler);
        synchronized (SignalHandlers.class) {
            Dispatcher d = INSTALLED.get(signal);
            if (d == null) {
                INSTALLED.put(signal, install(signal, call, registration));
            } else {
                d.registrations.add(registration);
            }
        }
        return registration;
    }

    /**
     * Why {@link #handle} refuses {@code signal}, or empty if it may be handled (subject still to
     * the process's inherited dispositions and {@code -Xrs}, checked when handling).
     */
    public static Optional<String> whyReserved(Signal signal) {
        String why = switch (signal) {
            case SEGV -> "HotSpot uses SIGSEGV for implicit null checks, stack banging and safepoint polls";
            case BUS -> "HotSpot turns SIGBUS from a truncated mapping into an InternalError, which the library's shared-memory contract relies on";
            case FPE -> "HotSpot uses SIGFPE for integer division checks";
            case ILL -> "HotSpot uses SIGILL for its own traps";
            case QUIT -> "HotSpot prints thread dumps on SIGQUIT";
            case USR2 -> "HotSpot suspends and resumes threads with SIGUSR2 on Linux (JFR sampling, Thread.getStackTrace); a handler would break them";
            case KILL, STOP -> "no process can catch " + signal.signalName();
            default -> null;
        };
        return Optional.ofNullable(why);
    }

    /**
     * Installs a new dispatcher for {@code signal}, already holding {@code first} so that no delivery
     * finds it empty, and checks the kernel now has a handler there.
     */
    private static Dispatcher install(Signal signal, String call, Registration first) throws IpcException {
        String name = signal.signalName();
        boolean shutdownSignal = signal == Signal.HUP || signal == Signal.INT || signal == Signal.TERM;
        if (shutdownSignal && disposition(signal) == SIG_IGN) {
            throw Errors.invalidArgument(call, name, name + " is ignored in this process (inherited from its parent: "
                    + "nohup, or a background job of a non-interactive shell), and HotSpot keeps an inherited ignore of "
                    + "HUP, INT and TERM, so a handler would never run");
        }
        sun.misc.Signal jvmSignal;
        try {
            jvmSignal = new sun.misc.Signal(signal.name());
        } catch (IllegalArgumentException e) {
            throw Errors.notSupported(call, name, "the JVM does not know this signal: " + e.getMessage());
        }
        Dispatcher d = new Dispatcher(signal, jvmSignal);
        d.registrations.add(first);
        sun.misc.SignalHandler previous;
        try {
            previous = sun.misc.Signal.handle(jvmSignal, d);
        } catch (IllegalArgumentException e) {
            throw Errors.invalidArgument(call, name, "the JVM refused it (" + e.getMessage() + ")"
                    + (shutdownSignal ? "; HotSpot does so for HUP, INT and TERM when started with -Xrs" : ""));
        }
        d.previous = previous;
        long now = disposition(signal);
        if (now == SIG_DFL || now == SIG_IGN) {
            sun.misc.Signal.handle(jvmSignal, previous);
            throw Errors.invalidArgument(call, name, "the JVM accepted the handler but did not install it (the disposition is still "
                    + (now == SIG_IGN ? "SIG_IGN" : "SIG_DFL") + ")");
        }
        return d;
    }

    /** The kernel's current handler address for {@code signal}: {@code sigaction(sig, NULL, &old)}. */
    private static long disposition(Signal signal) throws IpcException {
        ByteBuffer old = Native.scratch(SIZEOF_SIGACTION);
        if (C.sigaction(signal.number(), 0L, Native.address(old)) != 0) {
            throw Syscalls.error("sigaction(" + signal.signalName() + ", NULL, &old)", signal.signalName());
        }
        return old.getLong(SIGACTION_HANDLER_OFFSET);
    }

    private static void remove(Registration registration) {
        synchronized (SignalHandlers.class) {
            Dispatcher d = INSTALLED.get(registration.signal);
            if (d == null || !d.registrations.remove(registration) || !d.registrations.isEmpty()) {
                return;
            }
            INSTALLED.remove(registration.signal);
            sun.misc.Signal.handle(d.jvmSignal, d.previous);
        }
    }

    /** The one JVM-level handler per signal, calling every live registration in order. */
    private static final class Dispatcher implements sun.misc.SignalHandler {
        final Signal signal;
        final sun.misc.Signal jvmSignal;
        final CopyOnWriteArrayList<Registration> registrations = new CopyOnWriteArrayList<>();
        /** What was there before; put back when the last registration closes. */
        sun.misc.SignalHandler previous;

        Dispatcher(Signal signal, sun.misc.Signal jvmSignal) {
            this.signal = signal;
            this.jvmSignal = jvmSignal;
        }

        @Override
        public void handle(sun.misc.Signal ignored) {
            for (Registration r : registrations) {
                try {
                    r.handler.accept(signal);
                } catch (Throwable t) {
                    Thread me = Thread.currentThread();
                    me.getUncaughtExceptionHandler().uncaughtException(me, t);
                }
            }
        }
    }

    /**
     * One handler registered for one signal. Closing it stops that handler being called (a call
     * already running finishes); closing the last one for a signal restores the disposition that was
     * there before the first. Idempotent; thread-safe.
     */
    public static final class Registration implements AutoCloseable {
        private final Signal signal;
        private final Consumer<Signal> handler;

        private Registration(Signal signal, Consumer<Signal> handler) {
            this.signal = signal;
            this.handler = handler;
        }

        /** The signal this registration handles. */
        public Signal signal() {
            return signal;
        }

        /** Unregisters the handler (see the class comment). */
        @Override
        public void close() {
            remove(this);
        }

        @Override
        public String toString() {
            return "SignalHandlers.Registration[" + signal.signalName() + "]";
        }
    }
}
