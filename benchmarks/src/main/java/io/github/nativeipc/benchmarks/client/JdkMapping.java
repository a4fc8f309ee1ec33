package io.github.nativeipc.benchmarks.client;

import io.github.nativeipc.benchmarks.BenchLayout;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The JDK's own way to reach a POSIX shared-memory object without this library: Linux keeps
 * {@code shm_open("/name")} objects as files {@code /dev/shm/name}, so {@link FileChannel#map}
 * gives a {@link MappedByteBuffer} over the same pages.
 */
final class JdkMapping {
    private JdkMapping() {}

    /** The whole benchmark block of {@code shmName}, read-write, native byte order. */
    static MappedByteBuffer map(String shmName) throws IOException {
        try (FileChannel channel = FileChannel.open(Path.of("/dev/shm", shmName.substring(1)),
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, BenchLayout.SIZE);
            buffer.order(ByteOrder.nativeOrder());
            return buffer;
        }
    }
}
