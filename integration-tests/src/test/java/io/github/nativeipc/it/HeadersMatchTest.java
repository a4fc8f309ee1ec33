package io.github.nativeipc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.nativeipc.bindings.Errno;
import io.github.nativeipc.bindings.PosixConstants;
import io.github.nativeipc.demo.CPeer;
import io.github.nativeipc.demo.ExchangeLayout;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The numbers the Java side hard-codes are the ones the C headers define on this machine. */
class HeadersMatchTest {

    @Test
    void posixConstantsAndErrnoValuesEqualTheCHeaders() throws Exception {
        List<String> lines;
        try (CPeer peer = CPeer.start("constants")) {
            lines = peer.awaitSuccess(Duration.ofSeconds(30));
        }
        assertFalse(lines.isEmpty());
        int checked = 0;
        for (String line : lines) {
            String[] kv = line.split(" ");
            String name = kv[0];
            long cValue = Long.parseLong(kv[1]);
            long javaValue;
            if (isErrno(name)) {
                javaValue = Errno.valueOf(name).value();
            } else if (name.equals("SIGNAL_RTMIN")) {
                javaValue = io.github.nativeipc.posix.RealTimeSignal.min();
            } else if (name.equals("SIGNAL_RTMAX")) {
                javaValue = io.github.nativeipc.posix.RealTimeSignal.max();
            } else if (name.startsWith("SIGNAL_")) {
                javaValue = io.github.nativeipc.posix.Signal.valueOf(name.substring(7)).number();
            } else {
                Field f = PosixConstants.class.getField(name);
                javaValue = ((Number) f.get(null)).longValue();
            }
            assertEquals(cValue, javaValue, name);
            checked++;
        }
        assertEquals(lines.size(), checked);
        assertEquals(Errno.values().length, lines.stream().filter(l -> isErrno(l.split(" ")[0])).count(),
                "every Errno constant is checked against errno.h");
        assertEquals(java.util.Arrays.stream(io.github.nativeipc.posix.Signal.values()).filter(io.github.nativeipc.posix.Signal::isAvailable).count(),
                lines.stream().filter(l -> l.startsWith("SIGNAL_") && !l.startsWith("SIGNAL_RT")).count(),
                "every signal this platform has is checked against signal.h");
    }

    /** Errno names are E plus capitals and digits; constants such as EFD_CLOEXEC have an underscore. */
    private static boolean isErrno(String name) {
        return name.matches("E[A-Z0-9]+");
    }

    @Test
    void exchangeLayoutEqualsThePeerHeader() throws Exception {
        String header = Files.readString(Path.of("src/test/c/peer.h"));
        Matcher m = Pattern.compile("#define XB_(\\w+)_OFF\\s+(\\d+)").matcher(header);
        int checked = 0;
        while (m.find()) {
            Field f = ExchangeLayout.class.getField(m.group(1));
            assertEquals(Integer.parseInt(m.group(2)), f.getInt(null), m.group(1));
            checked++;
        }
        assertEquals(8, checked);
        Matcher size = Pattern.compile("#define XB_BUFFER_SIZE\\s+(\\d+)").matcher(header);
        size.find();
        assertEquals(Integer.parseInt(size.group(1)), ExchangeLayout.BUFFER_SIZE);
    }
}
