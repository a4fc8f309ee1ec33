package io.github.nativeipc.benchmarks.client;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The message-queue calls as a JNA user binds them: JNA direct mapping ({@link Native#register}) of
 * libc's {@code mq_*} (in libc itself since glibc 2.34, as the semaphores) and {@code msg*},
 * buffers as {@link Pointer}, errno through {@link LastErrorException}. The point of
 * comparison for the library's {@code PosixMessageQueue} and {@code SysVMessageQueue}.
 */
public final class JnaMessageQueues {
    static {
        Native.register("c");
    }

    private JnaMessageQueues() {}

    /** {@code mq_open(name, oflag)}, without {@code O_CREAT}. */
    public static native int mq_open(String name, int oflag) throws LastErrorException;

    public static native int mq_send(int mqd, Pointer msg, long length, int priority) throws LastErrorException;

    public static native long mq_receive(int mqd, Pointer msg, long length, Pointer priority) throws LastErrorException;

    public static native int mq_close(int mqd) throws LastErrorException;

    public static native int msgsnd(int msqid, Pointer msg, long size, int flags) throws LastErrorException;

    public static native long msgrcv(int msqid, Pointer msg, long size, long type, int flags) throws LastErrorException;
}
