package io.github.nativeipc.posix;

import java.time.Instant;

/**
 * {@code msgctl(IPC_STAT)} of a System V message queue.
 *
 * @param id              the queue's id
 * @param permissions     key, owner, creator, mode
 * @param bytes           bytes of message text in the queue now ({@code __msg_cbytes})
 * @param messages        messages in the queue now ({@code msg_qnum})
 * @param maxBytes        most bytes of text the queue holds ({@code msg_qbytes}; default
 *                        {@code /proc/sys/kernel/msgmnb})
 * @param lastSend        last {@code msgsnd}, or null if never
 * @param lastReceive     last {@code msgrcv}, or null if never
 * @param lastChange      last change by {@code msgctl}, or creation
 * @param lastSenderPid   process of the last {@code msgsnd}
 * @param lastReceiverPid process of the last {@code msgrcv}
 */
public record SysVMessageQueueStatus(int id, IpcPermissions permissions, long bytes, long messages, long maxBytes,
        Instant lastSend, Instant lastReceive, Instant lastChange, int lastSenderPid, int lastReceiverPid) {}
