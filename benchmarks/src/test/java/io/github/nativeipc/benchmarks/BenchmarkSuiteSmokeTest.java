package io.github.nativeipc.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness runs end to end in its smoke mode (a few hundred round trips, unpinned, a tiny bulk
 * copy, no JMH) and its reports have a row for every cell, "n/a" where an alternative cannot run
 * one (no seqpacket socket). Asserts nothing about timing.
 */
class BenchmarkSuiteSmokeTest {

    @Test
    void smokeRunReportsEveryTransportSizeAndPair(@TempDir Path dir) throws Exception {
        Results results = BenchmarkSuite.measure(SuiteConfig.smoke());
        List<Path> files = BenchmarkSuite.write(results, dir);

        String md = Files.readString(files.get(0));
        List<String> csv = Files.readAllLines(files.get(1));
        assertEquals(CsvReport.HEADER, csv.get(0));
        int columns = CsvReport.HEADER.split(",", -1).length;
        for (String line : csv) {
            assertEquals(columns, line.split(",", -1).length, line);
        }
        for (Transport t : Transport.values()) {
            assertTrue(md.contains("### " + t.label()), t.label());
            String table = md.substring(md.indexOf("### " + t.label() + "\n"));
            table = table.substring(0, table.indexOf("\n\n#"));
            for (int size : List.of(8, 4096)) {
                for (Pair pair : t.pairs()) {
                    String row = "| " + MarkdownReport.size(size) + " | unpinned | " + pair.label() + " | ";
                    assertEquals(1, table.lines().filter(l -> l.startsWith(row)).count(), t + ": a row for " + row);
                    boolean runs = t.runnablePairs().contains(pair);
                    String csvRow = "latency," + t.argument() + "," + size + ",UNPINNED," + pair.name() + (runs ? ",all,300," : ",n/a,");
                    assertTrue(csv.stream().anyMatch(l -> l.startsWith(csvRow)), csvRow);
                    assertEquals(!runs, table.lines().anyMatch(l -> l.startsWith(row + "n/a |")), t + ": n/a exactly where " + pair
                            + " cannot run");
                }
            }
        }
        for (BulkTransport bt : BulkTransport.values()) {
            for (Pair pair : bt.pairs()) {
                assertTrue(md.contains("| " + bt.label() + " | unpinned | " + pair.label() + " | "), "bulk row for " + bt + " " + pair);
                assertTrue(csv.stream().anyMatch(l -> l.startsWith("bulk," + bt.argument() + ",65536,UNPINNED," + pair.name() + ",all,")),
                        "bulk csv row for " + bt + " " + pair);
            }
        }
    }

    @Test
    void theSocketsHaveThreeAlternativesTheOthersOneAndTheMessageQueuesFifosAndSocketsTheRawBindingToo() {
        assertEquals(List.of(Pair.C, Pair.LIBRARY, Pair.FACADE, Pair.JDK_CHANNEL, Pair.JNR_UNIXSOCKET, Pair.JUNIXSOCKET,
                Pair.RAW_BINDING), Transport.UNIX_STREAM.runnablePairs());
        assertEquals(List.of(Pair.C, Pair.LIBRARY, Pair.JUNIXSOCKET, Pair.RAW_BINDING), Transport.UNIX_SEQPACKET.runnablePairs());
        assertEquals(List.of(Pair.C, Pair.LIBRARY, Pair.JDK_CHANNEL, Pair.JNR_UNIXSOCKET, Pair.JUNIXSOCKET, Pair.RAW_BINDING),
                Transport.UNIX_SEQPACKET.pairs());
        for (Transport t : Transport.values()) {
            if (!t.isSocket()) {
                List<Pair> expected = new java.util.ArrayList<>(List.of(Pair.C, Pair.LIBRARY));
                if (t.hasFacade()) {
                    expected.add(Pair.FACADE);
                }
                expected.add(Pair.ALTERNATIVE);
                if (t == Transport.POSIX_MQ || t == Transport.SYSV_MSG || t == Transport.FIFO) {
                    expected.add(Pair.RAW_BINDING);
                }
                assertEquals(expected, t.pairs(), t.toString());
            }
        }
    }

    @Test
    void theFacadeHasARowWhereItReachesTheCServer() {
        assertEquals(List.of(Transport.SPIN, Transport.NAMED_SEMAPHORE, Transport.UNIX_STREAM),
                java.util.Arrays.stream(Transport.values()).filter(Transport::hasFacade).toList());
    }

    @Test
    void rotationPutsEachPairFirstOnce() {
        List<Pair> pairs = Transport.UNIX_SEQPACKET.runnablePairs();
        for (int rep = 0; rep < pairs.size(); rep++) {
            assertEquals(pairs.get(rep), BenchmarkSuite.rotated(pairs, rep).get(0));
            assertEquals(pairs.size(), BenchmarkSuite.rotated(pairs, rep).stream().distinct().count());
        }
    }
}
