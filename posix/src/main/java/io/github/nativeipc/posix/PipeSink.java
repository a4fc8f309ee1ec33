package io.github.nativeipc.posix;

import io.github.nativeipc.error.IpcException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.SelectionKey;

/**
 * The write end of a pipe or FIFO. A write once every read end is closed fails with
 * {@link io.github.nativeipc.error.BrokenPipeException} ({@code EPIPE}); the JVM ignores
 * {@code SIGPIPE}, so it never ends the process. Reading throws {@link NonReadableChannelException}.
 * Selectable for {@link SelectionKey#OP_WRITE}. Thread-safe.
 */
public final class PipeSink extends PipeEnd {
    PipeSink(int fd, String name, boolean blocking) throws IpcException {
        super(fd, name, blocking);
    }

    @Override
    void checkReadable() {
        throw new NonReadableChannelException();
    }

    @Override
    void checkWritable() {}

    @Override
    public int validOps() {
        return SelectionKey.OP_WRITE;
    }
}
