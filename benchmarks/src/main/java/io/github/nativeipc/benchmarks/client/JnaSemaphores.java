package io.github.nativeipc.benchmarks.client;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The semaphore calls as a JNA user binds them: JNA direct mapping ({@link Native#register}),
 * {@code sem_t *} as {@link Pointer}, errno through {@link LastErrorException}. The point of
 * comparison for the library's {@code PosixSemaphore}.
 */
public final class JnaSemaphores {
    static {
        Native.register("c");
    }

    private JnaSemaphores() {}

    /** {@code sem_open(name, oflag)}, without {@code O_CREAT}. */
    public static native Pointer sem_open(String name, int oflag) throws LastErrorException;

    public static native int sem_post(Pointer sem) throws LastErrorException;

    public static native int sem_wait(Pointer sem) throws LastErrorException;

    public static native int sem_trywait(Pointer sem) throws LastErrorException;

    public static native int sem_close(Pointer sem) throws LastErrorException;
}
