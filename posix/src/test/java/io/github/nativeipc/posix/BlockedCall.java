package io.github.nativeipc.posix;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A blocking call run on a thread of its own, for the tests of what ends a wait: started and given
 * {@link #SETTLE_MILLIS} to reach its blocking system call, then woken by the test (an interrupt, a
 * close, a post), and its outcome taken with the time it took to answer.
 */
final class BlockedCall {
    /** The call under test; whatever it throws is its outcome. */
    interface Call {
        void run() throws Exception;
    }

    /** What the test does to the blocked call's object from its own thread. */
    interface Action {
        void run() throws Exception;
    }

    /** How long the call is given to block before the test acts. */
    static final long SETTLE_MILLIS = 150;

    private final Thread thread;
    private final CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    private volatile long endedAt;
    private long actedAt;

    private BlockedCall(Call call) {
        thread = new Thread(() -> {
            Throwable thrown = null;
            try {
                call.run();
            } catch (Throwable t) {
                thrown = t;
            }
            endedAt = System.nanoTime();
            outcome.complete(thrown);
        }, "blocked-call");
        thread.setDaemon(true);
    }

    /** Starts {@code call} on a new thread and gives it {@link #SETTLE_MILLIS} to block. */
    static BlockedCall start(Call call) throws InterruptedException {
        BlockedCall b = new BlockedCall(call);
        b.thread.start();
        Thread.sleep(SETTLE_MILLIS);
        assertTrue(b.thread.isAlive() && !b.outcome.isDone(), "the call did not block");
        return b;
    }

    /** Interrupts the blocked thread. */
    BlockedCall interrupt() {
        actedAt = System.nanoTime();
        thread.interrupt();
        return this;
    }

    /** Runs {@code action} (a close, a post) on the test's thread. */
    BlockedCall then(Action action) throws Exception {
        actedAt = System.nanoTime();
        action.run();
        return this;
    }

    /**
     * What the call threw (null if it returned), failing unless it ended within {@code limit} of the
     * test's last action.
     */
    Throwable outcomeWithin(Duration limit) throws Exception {
        Throwable thrown;
        try {
            thrown = outcome.get(limit.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return fail("the call is still blocked " + (limit.toMillis() + 5_000) + " ms later");
        }
        long ms = (endedAt - actedAt) / 1_000_000;
        assertTrue(ms < limit.toMillis(), "the call took " + ms + " ms to answer, the limit is " + limit.toMillis());
        return thrown;
    }
}
