package io.github.nativeipc.posix;

import java.util.List;
import java.util.Optional;

/**
 * One message received on a Unix socket with {@code recvmsg}: how many bytes went into the
 * buffer, the descriptors that came with it, the sender's credentials when {@code SO_PASSCRED} is
 * on, and, for a datagram, who sent it.
 *
 * <p>Ownership: the message owns the descriptors until each is taken
 * ({@link ReceivedDescriptor#asMemFd}, {@link ReceivedDescriptor#detach()}, ...); {@link #close()}
 * closes those not taken. Use it in try-with-resources and nothing leaks.
 *
 * <p>Thread-safe (the descriptors are).
 */
public final class ReceivedMessage implements AutoCloseable {
    private final long bytes;
    private final List<ReceivedDescriptor> descriptors;
    private final PeerCredentials credentials;
    private final UnixSocketAddress sender;

    ReceivedMessage(long bytes, List<ReceivedDescriptor> descriptors, PeerCredentials credentials, UnixSocketAddress sender) {
        this.bytes = bytes;
        this.descriptors = List.copyOf(descriptors);
        this.credentials = credentials;
        this.sender = sender;
    }

    /** The data bytes received into the buffer; -1 at the end of a stream (the peer closed or shut down its output). */
    public long bytes() {
        return bytes;
    }

    /** Whether this is the end of the stream rather than a message. */
    public boolean isEndOfStream() {
        return bytes < 0;
    }

    /** The descriptors that came with the message, in the order the sender attached them. */
    public List<ReceivedDescriptor> descriptors() {
        return descriptors;
    }

    /** The sender's credentials ({@code SCM_CREDENTIALS}), present when {@code SO_PASSCRED} is on here. */
    public Optional<PeerCredentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    /** For a datagram, the sender's address ({@link UnixSocketAddress#UNNAMED} if it is not bound); empty otherwise. */
    public Optional<UnixSocketAddress> sender() {
        return Optional.ofNullable(sender);
    }

    /** Closes every descriptor not taken. */
    @Override
    public void close() {
        for (ReceivedDescriptor d : descriptors) {
            d.close();
        }
    }

    @Override
    public String toString() {
        return "ReceivedMessage[bytes=" + bytes + ", descriptors=" + descriptors.size()
                + (credentials != null ? ", " + credentials : "") + (sender != null ? ", from " + sender : "") + "]";
    }
}
