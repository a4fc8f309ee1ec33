package io.github.nativeipc.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Bytes in and out of commands, binary-safe: data from an argument (its UTF-8 bytes), a file
 * ({@code --file PATH}) or standard input ({@code -}); output as {@code hex}, {@code text} or
 * {@code raw}. Thread-safe (stateless).
 */
final class Payloads {
    private Payloads() {}

    static final Set<String> FORMATS = Set.of("hex", "text", "raw");
    private static final HexFormat HEX = HexFormat.of();
    private static final int HEX_LINE = 32;

    /**
     * The data of a sending or writing command: positional {@code index} (text, or {@code -} for
     * standard input) or {@code --file}; exactly one of them.
     */
    static byte[] input(Args a, int index, Io io) throws UsageException, IOException {
        boolean positional = a.positionals().size() > index;
        if (a.has("file")) {
            if (positional) {
                throw new UsageException(a.command() + ": give the data either as DATA, '-' or --file, not two of them");
            }
            try {
                return Files.readAllBytes(Path.of(a.value("file")));
            } catch (NoSuchFileException e) {
                throw new UsageException(a.command() + ": --file " + a.value("file") + ": no such file");
            }
        }
        if (!positional) {
            throw new UsageException(a.command() + ": missing DATA (text, '-' for standard input, or --file PATH)");
        }
        String data = a.positionals().get(index);
        return data.equals("-") ? io.in().readAllBytes() : data.getBytes(StandardCharsets.UTF_8);
    }

    /** Option {@code --format}, {@code fallback} if absent. */
    static String format(Args a, String fallback) throws UsageException {
        String f = a.has("format") ? a.value("format") : fallback;
        if (!FORMATS.contains(f)) {
            throw new UsageException(a.command() + ": --format must be hex, text or raw, not '" + f + "'");
        }
        return f;
    }

    /**
     * Writes {@code data}: {@code raw} exactly; {@code text} as is, with a newline added;
     * {@code hex} as lowercase hex digits, {@code wrap} bytes a line (0: one line).
     */
    static void write(PrintStream out, byte[] data, String format, int wrap) {
        switch (format) {
            case "raw":
                out.write(data, 0, data.length);
                break;
            case "text":
                out.write(data, 0, data.length);
                out.write('\n');
                break;
            default:
                int step = wrap <= 0 ? Math.max(data.length, 1) : wrap;
                for (int i = 0; i < data.length; i += step) {
                    out.println(HEX.formatHex(data, i, Math.min(data.length, i + step)));
                }
                if (data.length == 0) {
                    out.println();
                }
        }
        out.flush();
    }

    static void writeBlock(PrintStream out, byte[] data, String format) {
        write(out, data, format, HEX_LINE);
    }

    /** A message for {@code --json}: its length, hex, and text when it is valid UTF-8. */
    static Map<String, Object> json(byte[] data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("length", data.length);
        m.put("text", utf8(data));
        m.put("hex", HEX.formatHex(data));
        return m;
    }

    /** The bytes as UTF-8 text, or null if they are not valid UTF-8. */
    static String utf8(byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * One received message: appended to {@code received} (with {@code key}, such as its priority or
     * type) when the output is JSON, otherwise written at once in {@code format}.
     */
    static void emit(PrintStream out, java.util.List<Object> received, boolean json, String format,
            String key, Object value, java.nio.ByteBuffer buffer) {
        byte[] payload = java.util.Arrays.copyOf(buffer.array(), buffer.position());
        if (json) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put(key, value);
            m.putAll(json(payload));
            received.add(m);
        } else {
            write(out, payload, format, 0);
        }
    }

    static void printJson(PrintStream out, Object value) {
        out.println(Json.render(value));
        out.flush();
    }
}
