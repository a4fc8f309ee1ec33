package io.github.nativeipc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.bindings.PosixConstants;
import io.github.nativeipc.demo.CPeer;
import io.github.nativeipc.posix.AnonymousPipe;
import io.github.nativeipc.posix.ChildProcess;
import io.github.nativeipc.posix.ExitStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Several C processes write PIPE_BUF-sized records into one pipe at once: each record arrives
 * whole, never interleaved with another writer's bytes.
 */
class PipeAtomicityTest {
    private static final int WRITERS = 4;
    private static final int RECORDS = 2000;
    private static final int SIZE = PosixConstants.PIPE_BUF;

    @Test
    void recordsOfPipeBufBytesFromConcurrentWritersNeverInterleave() throws Exception {
        List<ChildProcess> writers = new ArrayList<>();
        Map<Character, Integer> nextSeq = new HashMap<>();
        try (AnonymousPipe pipe = AnonymousPipe.open()) {
            for (int w = 0; w < WRITERS; w++) {
                String id = String.valueOf((char) ('A' + w));
                writers.add(ChildProcess.builder(CPeer.binary("fifo_peer").toString(), "records", "3", id,
                        String.valueOf(RECORDS), String.valueOf(SIZE)).descriptor(3, pipe.sink()).start());
                nextSeq.put(id.charAt(0), 0);
            }
            pipe.sink().close();
            ByteBuffer record = ByteBuffer.allocateDirect(SIZE);
            byte[] bytes = new byte[SIZE];
            int total = 0;
            int switches = 0;
            char last = 0;
            for (;;) {
                record.clear();
                while (record.hasRemaining()) {
                    if (pipe.source().read(record) < 0) {
                        break;
                    }
                }
                if (record.position() == 0) {
                    break;
                }
                assertEquals(SIZE, record.position(), "a stream of whole records");
                record.flip().get(bytes);
                String head = new String(bytes, 0, 32, StandardCharsets.US_ASCII);
                char id = head.charAt(0);
                String[] parts = head.split(":", 3);
                int seq = Integer.parseInt(parts[1]);
                assertEquals(nextSeq.get(id), seq, "writer " + id + "'s records in order, none lost");
                nextSeq.put(id, seq + 1);
                int fillFrom = parts[0].length() + parts[1].length() + 2;
                for (int i = fillFrom; i < SIZE; i++) {
                    if (bytes[i] != id) {
                        throw new AssertionError("record " + id + ":" + seq + " has '" + (char) bytes[i] + "' at " + i
                                + ": another writer's bytes inside it");
                    }
                }
                total++;
                if (id != last) {
                    switches++;
                    last = id;
                }
            }
            assertEquals(WRITERS * RECORDS, total);
            // The writers really ran at once: their records alternate far more often than once per writer.
            assertTrue(switches > 10 * WRITERS, switches + " changes of writer in the stream");
            for (ChildProcess c : writers) {
                ExitStatus s = c.waitFor(Duration.ofSeconds(30)).orElseThrow();
                assertEquals(0, s.exitCode(), s.toString());
                c.close();
            }
        }
    }
}
