package io.github.nativeipc.cli;

import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.memory.MappedMemory;
import java.io.IOException;

/**
 * {@code read} and {@code write} of a mapped object, shared by POSIX shared memory and System V
 * segments: the range options, and the bytes through {@link MappedMemory}. Thread-safe (stateless).
 */
final class MemoryCommands {
    private MemoryCommands() {}

    /** A mapping and where in it the object's byte {@code offset} is. */
    record View(MappedMemory memory, long start) {}

    /** Maps at least {@code length} bytes from {@code offset} of the object. */
    interface Mapper {
        View map(long offset, long length) throws IpcException;
    }

    /** {@code --offset} and {@code --length} (default: to the end) within {@code size}; prints the bytes. */
    static void read(Args a, Io io, long size, Mapper mapper) throws UsageException, IpcException {
        String format = Payloads.format(a, "hex");
        long offset = a.number("offset", 0, 0, Long.MAX_VALUE);
        long length = a.number("length", Math.max(0, size - offset), 0, Integer.MAX_VALUE - 16);
        byte[] bytes = new byte[(int) length];
        if (length > 0) {
            View v = mapper.map(offset, length);
            try (MappedMemory mem = v.memory()) {
                mem.get(v.start(), bytes, 0, bytes.length);
            }
        } else if (offset > size) {
            throw new UsageException(a.command() + ": --offset " + offset + " is past the object's " + size + " bytes");
        }
        if (format.equals("text")) {
            bytes = trimTrailingZeros(bytes);
        }
        Payloads.writeBlock(io.out(), bytes, format);
    }

    /** Writes the data (see {@link Payloads#input}) at {@code --offset}. */
    static void write(Args a, Io io, int dataIndex, Mapper mapper) throws UsageException, IpcException, IOException {
        long offset = a.number("offset", 0, 0, Long.MAX_VALUE);
        byte[] data = Payloads.input(a, dataIndex, io);
        a.atMost(dataIndex + 1);
        if (data.length == 0) {
            return;
        }
        View v = mapper.map(offset, data.length);
        try (MappedMemory mem = v.memory()) {
            mem.put(v.start(), data, 0, data.length);
        }
    }

    /** Memory is usually zero-filled past what was written: text output stops at the trailing zeros. */
    private static byte[] trimTrailingZeros(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        return end == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, end);
    }
}
