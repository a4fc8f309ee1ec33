package io.github.nativeipc.posix;

import io.github.nativeipc.error.IpcException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A fresh JVM for {@link SignalHandlersTest}: prints one line and exits 0, or is ended by a signal.
 *
 * <pre>
 *   closed-then-signalled   register SIGUSR1, close it, signal itself with SIGUSR1 (the default ends it)
 *   try SIG                 try to register SIG; print the exception's class and message, or "registered"
 *   term-handled            register SIGTERM, signal itself with it, print once the handler ran
 * </pre>
 */
public final class SignalHandlersChild {
    public static void main(String[] args) throws Exception {
        long self = ProcessHandle.current().pid();
        switch (args[0]) {
            case "closed-then-signalled" -> {
                SignalHandlers.handle(Signal.USR1, s -> System.out.println("handler ran")).close();
                System.out.println("registered and closed");
                System.out.flush();
                Signals.send(self, Signal.USR1);
                Thread.sleep(10_000);
                System.out.println("still running");
            }
            case "try" -> {
                try (SignalHandlers.Registration r = SignalHandlers.handle(Signal.named(args[1]), s -> {})) {
                    System.out.println("registered");
                } catch (IpcException e) {
                    System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
            case "term-handled" -> {
                CountDownLatch ran = new CountDownLatch(1);
                try (SignalHandlers.Registration r = SignalHandlers.handle(Signal.TERM, s -> ran.countDown())) {
                    Signals.send(self, Signal.TERM);
                    System.out.println(ran.await(10, TimeUnit.SECONDS) ? "handled SIGTERM, still running" : "handler did not run");
                }
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
