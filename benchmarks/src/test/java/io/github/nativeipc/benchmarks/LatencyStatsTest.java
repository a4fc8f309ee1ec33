package io.github.nativeipc.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    @Test
    void percentilesAreNearestRankOfTheSortedSamples() {
        long[] shuffled = LongStream.rangeClosed(1, 1000).map(i -> (i * 7919) % 1000 + 1).toArray();
        LatencyStats s = LatencyStats.of(shuffled);
        assertEquals(1000, s.samples());
        assertEquals(500, s.median());
        assertEquals(990, s.p99());
        assertEquals(999, s.p999());
    }

    @Test
    void theMeanFollowsTheShareOfEachModeWhereTheMedianJumps() {
        long[] mostlySlow = LongStream.range(0, 1000).map(i -> i < 499 ? 4300 : 5400).toArray();
        long[] mostlyFast = LongStream.range(0, 1000).map(i -> i < 501 ? 4300 : 5400).toArray();
        assertEquals(5400, LatencyStats.of(mostlySlow).median());
        assertEquals(4300, LatencyStats.of(mostlyFast).median());
        assertEquals(4851, LatencyStats.of(mostlySlow).mean());
        assertEquals(4848, LatencyStats.of(mostlyFast).mean());   // 4848.9, truncated
    }
}
