package io.github.nativeipc.posix;

import io.github.nativeipc.error.IpcException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SelectionKey;

/**
 * The read end of a pipe or FIFO. {@link #read(java.nio.ByteBuffer)} returns -1 once every write
 * end is closed and the buffer is drained. Writing throws {@link NonWritableChannelException}.
 * Selectable for {@link SelectionKey#OP_READ}. Thread-safe.
 */
public final class PipeSource extends PipeEnd {
    PipeSource(int fd, String name, boolean blocking) throws IpcException {
        super(fd, name, blocking);
    }

    @Override
    void checkReadable() {}

    @Override
    void checkWritable() {
        throw new NonWritableChannelException();
    }

    @Override
    public int validOps() {
        return SelectionKey.OP_READ;
    }
}
