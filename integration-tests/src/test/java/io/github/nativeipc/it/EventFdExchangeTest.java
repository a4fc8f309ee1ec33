package io.github.nativeipc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nativeipc.demo.CPeer;
import io.github.nativeipc.posix.ChildProcess;
import io.github.nativeipc.posix.EventFd;
import io.github.nativeipc.posix.ExitStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An eventfd handed to a C child as fd 3: a doorbell both ways between Java and C. */
class EventFdExchangeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void signalsFromJavaReachTheCChildAndItsSignalReachesJava() throws Exception {
        try (EventFd doorbell = EventFd.create(0, false);
                ChildProcess child = ChildProcess.builder(CPeer.binary("fd_child").toString(), "eventfd", "10")
                        .descriptor(3, doorbell).nullDescriptor(1).start()) {
            for (int i = 0; i < 10; i++) {
                doorbell.signal(1);
                Thread.sleep(5);
            }
            ExitStatus status = child.waitFor(TIMEOUT).orElseThrow(() -> new AssertionError("the child did not exit"));
            assertEquals(0, status.exitCode(), status.toString());
            assertEquals(1000, doorbell.await(TIMEOUT));
        }
    }
}
