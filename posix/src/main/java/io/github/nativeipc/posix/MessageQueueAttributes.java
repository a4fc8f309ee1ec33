package io.github.nativeipc.posix;

/**
 * The attributes of a POSIX message queue ({@code struct mq_attr}).
 *
 * <p>At creation only {@code maxMessages} and {@code messageSize} count; both are fixed for the
 * queue's life. Linux bounds them for unprivileged users by {@code /proc/sys/fs/mqueue/msg_max}
 * and {@code /proc/sys/fs/mqueue/msgsize_max} (10 and 8192 by default), and the total a user may
 * allocate by {@code RLIMIT_MSGQUEUE} ({@code ulimit -q}, 819200 bytes by default).
 *
 * @param maxMessages     {@code mq_maxmsg}: messages the queue holds at most
 * @param messageSize     {@code mq_msgsize}: bytes a message may have at most
 * @param currentMessages {@code mq_curmsgs}: messages waiting now (0 when used for creation)
 * @param nonBlocking     {@code O_NONBLOCK} in {@code mq_flags} of this descriptor
 */
public record MessageQueueAttributes(long maxMessages, long messageSize, long currentMessages, boolean nonBlocking) {

    /** Attributes for creating a queue of {@code maxMessages} messages of at most {@code messageSize} bytes. */
    public static MessageQueueAttributes of(long maxMessages, long messageSize) {
        return new MessageQueueAttributes(maxMessages, messageSize, 0, false);
    }
}
