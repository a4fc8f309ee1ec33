package io.github.nativeipc.handle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The guard's bookkeeping: calls, lanes, and the one release after close. */
class HandleGuardTest {
    private final AtomicInteger released = new AtomicInteger();
    private final HandleGuard guard = new HandleGuard(released::incrementAndGet);

    @Test
    void closeWithNoCallInProgressReleasesAtOnce() {
        assertTrue(guard.close());
        assertEquals(1, released.get());
        assertFalse(guard.close(), "a second close does nothing");
        assertEquals(1, released.get());
    }

    @Test
    void theLastCallToLeaveAfterCloseReleases() {
        assertTrue(guard.enter());
        assertEquals(1, guard.enterLane(HandleGuard.LANE_A));
        guard.close();
        assertEquals(0, released.get());
        assertFalse(guard.enter(), "no call enters a closed guard");
        assertEquals(-1, guard.enterLane(HandleGuard.LANE_B));
        guard.exit();
        assertEquals(0, released.get());
        guard.exitLane(HandleGuard.LANE_A);
        assertEquals(1, released.get());
    }

    @Test
    void aLaneIsHeldByOneCallAtATimeAndCountsAsACall() {
        assertEquals(1, guard.enterLane(HandleGuard.LANE_A));
        assertEquals(0, guard.enterLane(HandleGuard.LANE_A), "the lane is taken");
        assertEquals(1, guard.enterLane(HandleGuard.LANE_B), "the other lane is free");
        assertTrue(guard.enter());
        assertEquals(3, guard.callsInProgress());
        guard.exitLane(HandleGuard.LANE_A);
        assertEquals(1, guard.enterLane(HandleGuard.LANE_A), "free again once left");
        guard.exitLane(HandleGuard.LANE_A);
        guard.exitLane(HandleGuard.LANE_B);
        guard.exit();
        assertEquals(0, guard.callsInProgress());
        assertFalse(guard.isClosed());
    }
}
