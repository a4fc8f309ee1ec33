package io.github.nativeipc.error;

/**
 * A datagram or seqpacket message was longer than the buffer it was received into: the kernel
 * delivered the first bytes and dropped the rest, as it does for C ({@code MSG_TRUNC}); or more
 * descriptors arrived than the receive had room for ({@code MSG_CTRUNC}), and the ones that did
 * arrive were closed. The message says how long the message was and how much was kept; the bytes
 * that fit are in the buffer. Thrown instead of losing data silently.
 *
 * <p>Immutable. See {@link IpcException} for what the message names.
 */
public class MessageTruncatedException extends LimitReachedException {
    private static final long serialVersionUID = 1L;

    private final long messageLength;
    private final long kept;

    public MessageTruncatedException(String operation, String object, long messageLength, long kept, String reason) {
        super(operation, object, NO_ERRNO, null, reason);
        this.messageLength = messageLength;
        this.kept = kept;
    }

    /** The length of the message as sent, in bytes (or descriptors, for {@code MSG_CTRUNC}); -1 if the kernel did not say. */
    public long messageLength() {
        return messageLength;
    }

    /** How many bytes (or descriptors) were kept. */
    public long kept() {
        return kept;
    }
}
