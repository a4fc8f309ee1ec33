package io.github.nativeipc.it;

import io.github.nativeipc.posix.Signal;
import io.github.nativeipc.posix.SignalHandlers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JVM for {@link SignalExchangeTest}: handles the signals named on the command line, prints
 * "ready", then for each signal in the order it arrives "SIGxxx on &lt;thread&gt;", then "still
 * running", and exits 0; exits 3 if they do not all arrive within 20 s.
 */
public final class SignalReceiver {
    public static void main(String[] args) throws Exception {
        LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();
        List<SignalHandlers.Registration> registrations = new ArrayList<>();
        for (String name : args) {
            registrations.add(SignalHandlers.handle(Signal.named(name), s -> seen.add(s.signalName() + " on " + Thread.currentThread().getName())));
        }
        System.out.println("ready");
        System.out.flush();
        for (int i = 0; i < args.length; i++) {
            String event = seen.poll(20, TimeUnit.SECONDS);
            if (event == null) {
                System.exit(3);
            }
            System.out.println(event);
        }
        System.out.println("still running");
        registrations.forEach(SignalHandlers.Registration::close);
    }
}
