package io.github.nativeipc.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Java side's layout constants are the C header's. */
class BenchLayoutTest {

    @Test
    void everyOffsetAndSizeEqualsBenchHeader() throws Exception {
        String header = Files.readString(Path.of("src/main/c/bench.h"));
        Map<String, String> javaNames = Map.ofEntries(Map.entry("REQ_SEM_OFF", "REQ_SEM"),
                Map.entry("RESP_SEM_OFF", "RESP_SEM"), Map.entry("SEQ_OFF", "SEQ"), Map.entry("HEAD_OFF", "HEAD"),
                Map.entry("TAIL_OFF", "TAIL"), Map.entry("MESSAGE_OFF", "MESSAGE"),
                Map.entry("MESSAGE_MAX", "MESSAGE_MAX"), Map.entry("RING_OFF", "RING"),
                Map.entry("SLOT_SIZE", "SLOT_SIZE"), Map.entry("SLOTS", "SLOTS"),
                Map.entry("PRIVATE_PAGE_OFFSET", "PRIVATE_PAGE_OFFSET"));
        Matcher m = Pattern.compile("#define BL_(\\w+)\\s+(\\d+)\\b").matcher(header);
        int checked = 0;
        while (m.find()) {
            Field f = BenchLayout.class.getField(javaNames.get(m.group(1)));
            assertEquals(Long.parseLong(m.group(2)), f.getLong(null), m.group(1));
            checked++;
        }
        assertEquals(javaNames.size(), checked);
        Matcher magic = Pattern.compile("#define BL_REPLY_MAGIC\\s+0x(\\w+)LL").matcher(header);
        magic.find();
        assertEquals(Long.parseUnsignedLong(magic.group(1), 16), BenchLayout.REPLY_MAGIC);
    }
}
