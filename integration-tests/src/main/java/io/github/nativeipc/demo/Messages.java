package io.github.nativeipc.demo;

import io.github.nativeipc.memory.MappedMemory;
import java.nio.charset.StandardCharsets;

/**
 * The message format of the exchange block ({@link ExchangeLayout}): a {@code uint32} length and
 * the bytes, and the reply rules both sides apply, so each can check what crossed.
 */
public final class Messages {
    private Messages() {}

    /** Puts {@code text} into the block's buffer and its length into {@code LENGTH}. */
    public static void write(MappedMemory block, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > ExchangeLayout.BUFFER_SIZE) {
            throw new IllegalArgumentException("message longer than the buffer: " + bytes.length);
        }
        block.put(ExchangeLayout.BUFFER, bytes, 0, bytes.length);
        block.putInt(ExchangeLayout.LENGTH, bytes.length);
    }

    /** The message currently in the block. */
    public static String read(MappedMemory block) {
        int length = block.getInt(ExchangeLayout.LENGTH);
        if (length < 0 || length > ExchangeLayout.BUFFER_SIZE) {
            throw new IllegalStateException("corrupt message length " + length);
        }
        byte[] bytes = new byte[length];
        block.get(ExchangeLayout.BUFFER, bytes, 0, length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** What the C peer answers: {@code "C:"} and the request in upper case. */
    public static String cReply(String request) {
        return "C:" + request.toUpperCase(java.util.Locale.ROOT);
    }

    /** What a Java server answers: {@code "J:"} and the request reversed. */
    public static String javaReply(String request) {
        return "J:" + new StringBuilder(request).reverse();
    }
}
