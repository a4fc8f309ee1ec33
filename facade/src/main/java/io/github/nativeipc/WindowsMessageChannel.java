package io.github.nativeipc;

import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.error.LimitReachedException;
import io.github.nativeipc.error.MessageTruncatedException;
import io.github.nativeipc.error.WouldBlockException;
import io.github.nativeipc.windows.NamedPipe;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

/** {@link MessageChannel} on Windows: a connected message-mode named pipe (overlapped I/O). */
final class WindowsMessageChannel implements MessageChannel {
    private final NamedPipe pipe;

    WindowsMessageChannel(NamedPipe pipe) {
        this.pipe = pipe;
    }

    @Override
    public void send(ByteBuffer message) throws IOException {
        if (!message.hasRemaining()) {
            throw MessageChannel.empty(pipe.name());
        }
        pipe.send(message);
    }

    @Override
    public int receive(ByteBuffer dst) throws IOException {
        int room = dst.remaining();
        try {
            return pipe.receive(dst);
        } catch (LimitReachedException e) {
            throw dropRest(e, room);
        }
    }

    @Override
    public int receive(ByteBuffer dst, Duration timeout) throws IOException {
        int room = dst.remaining();
        try {
            return pipe.receive(dst, timeout);
        } catch (WouldBlockException nothingInTime) {
            return 0;
        } catch (LimitReachedException e) {
            throw dropRest(e, room);
        }
    }

    /** Windows: the part of a long message that did not fit is read and dropped, as Linux's MSG_TRUNC does. */
    private MessageTruncatedException dropRest(LimitReachedException e, int kept) throws IOException {
        if (!pipe.messageIncomplete()) {
            throw e;
        }
        long dropped = 0;
        ByteBuffer sink = ByteBuffer.allocateDirect(64 * 1024);   // only on this error path
        while (pipe.messageIncomplete()) {
            sink.clear();
            int n = pipe.read(sink);
            if (n < 0) {
                break;
            }
            dropped += n;
        }
        return new MessageTruncatedException("ReadFile(" + pipe.name() + ", " + kept + " bytes)", pipe.name(), kept + dropped, kept,
                "a message of " + (kept + dropped) + " bytes arrived in a buffer with room for " + kept + ": the first " + kept
                        + " bytes are in the buffer, the rest was read and dropped (ERROR_MORE_DATA; as Linux drops it, MSG_TRUNC)");
    }

    @Override
    public PeerIdentity peer() throws IpcException {
        return PeerIdentity.processOnly(pipe.peerProcessId());
    }

    @Override
    public boolean isOpen() {
        return pipe.isOpen();
    }

    @Override
    public void close() throws IOException {
        pipe.close();
    }

    @Override
    public String toString() {
        return "MessageChannel[" + pipe.name() + "]";
    }
}
