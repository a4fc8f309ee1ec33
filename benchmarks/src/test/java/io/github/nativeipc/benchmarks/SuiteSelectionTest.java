package io.github.nativeipc.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code benchmarks/run.sh --only LIST} (and {@code --facade}) selects. */
class SuiteSelectionTest {
    private static final List<Pair> FACADE_PAIRS = List.of(Pair.C, Pair.LIBRARY, Pair.FACADE);

    @Test
    void facadeSelectsEveryTransportTheFacadeReachesWithItsThreePairsOnOneCpu() {
        SuiteConfig c = BenchmarkSuite.selected(SuiteConfig.full(), "facade");
        assertEquals(List.of(Transport.SPIN, Transport.NAMED_SEMAPHORE, Transport.UNIX_STREAM), c.transports());
        for (Transport t : c.transports()) {
            assertEquals(FACADE_PAIRS, c.runnablePairs(t), t.toString());
        }
        assertEquals(List.of(Pinning.ONE_CPU), c.pinnings());
        assertTrue(c.bulkTransports().isEmpty());
        assertFalse(c.jmh());
        assertEquals("full-facade", c.name());
        assertEquals(6, c.repetitions(), "4 rounded up to a multiple of the 3 pairs: each goes first twice");
        assertEquals(3, BenchmarkSuite.selected(SuiteConfig.quick(), "facade").repetitions());
    }

    @Test
    void eachFacadeCellCanBeNamedAlone() {
        SuiteConfig c = BenchmarkSuite.selected(SuiteConfig.full(), "stream-facade,named-facade");
        assertEquals(List.of(Transport.NAMED_SEMAPHORE, Transport.UNIX_STREAM), c.transports());
        assertEquals(FACADE_PAIRS, c.runnablePairs(Transport.UNIX_STREAM));
        assertEquals("full-facade", c.name());
    }

    @Test
    void aTransportNamedPlainlyRunsAllItsPairs() {
        SuiteConfig c = BenchmarkSuite.selected(SuiteConfig.full(), "stream-facade,stream,named-facade,bulk-fifo");
        assertEquals(Transport.UNIX_STREAM.runnablePairs(), c.runnablePairs(Transport.UNIX_STREAM));
        assertEquals(FACADE_PAIRS, c.runnablePairs(Transport.NAMED_SEMAPHORE));
        assertEquals("full-partial", c.name());
        SuiteConfig plain = BenchmarkSuite.selected(SuiteConfig.full(), "fifo");
        assertEquals(4, plain.repetitions());
        assertEquals(Transport.FIFO.runnablePairs(), plain.runnablePairs(Transport.FIFO));
    }

    @Test
    void aTransportTheFacadeDoesNotReachIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchmarkSuite.selected(SuiteConfig.full(), "fifo-facade"));
        assertTrue(e.getMessage().contains("spin, named, stream"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BenchmarkSuite.selected(SuiteConfig.full(), "pipe-facade"));
    }

    @Test
    void repetitionsGivenReplaceTheModesAndAFacadeSittingRoundsThemToAMultipleOfThree() {
        assertEquals(10, BenchmarkSuite.selected(SuiteConfig.full().withRepetitions(10), "fifo").repetitions());
        assertEquals(12, BenchmarkSuite.selected(SuiteConfig.full().withRepetitions(10), "stream-facade").repetitions());
        assertThrows(IllegalArgumentException.class, () -> SuiteConfig.full().withRepetitions(0));
    }
}
