package io.github.nativeipc;

import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.error.WouldBlockException;
import io.github.nativeipc.windows.NamedPipe;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.time.Duration;

/** {@link LocalSocket} on Windows: a connected byte-mode named pipe (overlapped I/O). */
final class WindowsLocalSocket implements LocalSocket {
    private final NamedPipe pipe;

    WindowsLocalSocket(NamedPipe pipe) {
        this.pipe = pipe;
    }

    @Override
    public PeerIdentity peer() throws IpcException {
        return PeerIdentity.processOnly(pipe.peerProcessId());
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return pipe.read(dst);
    }

    @Override
    public int read(ByteBuffer dst, Duration timeout) throws IOException {
        try {
            return pipe.read(dst, timeout);
        } catch (WouldBlockException nothingInTime) {
            return 0;   // the typed layer cancelled the read: as on POSIX, no bytes and no error
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return pipe.write(src);
    }

    @Override
    public void shutdownOutput() throws IOException {
        throw Errors.notSupported("LocalSocket.shutdownOutput", pipe.name(),
                "a Windows named pipe has no half-close: close it, or send a message the peer recognises as the end");
    }

    @Override
    public InputStream inputStream() {
        return Channels.newInputStream(this);
    }

    @Override
    public OutputStream outputStream() {
        return Channels.newOutputStream(this);
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
        return "LocalSocket[" + pipe.name() + "]";
    }
}
