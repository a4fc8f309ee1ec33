package io.github.nativeipc.benchmarks.client;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * {@link JnaSemaphores} without errno: JNA direct mapping declared without
 * {@code throws LastErrorException}, the cheapest way JNA can make the calls (a failure is then
 * seen only as -1). Used by the JMH benchmarks to show what the errno capture costs in JNA.
 */
public final class JnaPlainSemaphores {
    static {
        Native.register("c");
    }

    private JnaPlainSemaphores() {}

    public static native Pointer sem_open(String name, int oflag);

    public static native int sem_post(Pointer sem);

    public static native int sem_trywait(Pointer sem);

    public static native int sem_close(Pointer sem);
}
