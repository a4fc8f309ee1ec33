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
 * copy, no JMH) and its reports have a row for every cell. Asserts nothing about timing.
 */
class BenchmarkSuiteSmokeTest {

    @Test
    void smokeRunReportsEveryTransportSizeAndPair(@TempDir Path dir) throws Exception {
        Results results = BenchmarkSuite.measure(SuiteConfig.smoke());
        List<Path> files = BenchmarkSuite.write(results, dir);

        String md = Files.readString(files.get(0));
        List<String> csv = Files.readAllLines(files.get(1));
        assertEquals(CsvReport.HEADER, csv.get(0));
        for (Transport t : Transport.values()) {
            assertTrue(md.contains("### " + t.label()), t.label());
            for (int size : List.of(8, 4096)) {
                for (Pair pair : Pair.values()) {
                    String row = "| " + MarkdownReport.size(size) + " | unpinned | " + pair.label() + " | ";
                    assertTrue(md.lines().filter(l -> l.startsWith(row)).count() == Transport.values().length,
                            "a row per transport for " + row);
                    String csvRow = "latency," + t.argument() + "," + size + ",UNPINNED," + pair.name() + ",all,300,";
                    assertTrue(csv.stream().anyMatch(l -> l.startsWith(csvRow)), csvRow);
                }
            }
        }
        for (BulkTransport bt : BulkTransport.values()) {
            for (Pair pair : Pair.values()) {
                assertTrue(md.contains("| " + bt.label() + " | unpinned | " + pair.label() + " | "), "bulk row for " + bt + " " + pair);
                assertTrue(csv.stream().anyMatch(l -> l.startsWith("bulk," + bt.argument() + ",65536,UNPINNED," + pair.name() + ",all,")),
                        "bulk csv row for " + bt + " " + pair);
            }
        }
    }
}
