package io.github.nativeipc.posix;

import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.bindings.Platform;

/**
 * A real-time signal, {@code SIGRTMIN+offset} (Linux): queued (several sent are several received,
 * in order), with no predefined meaning. {@code SIGRTMIN} and {@code SIGRTMAX} are runtime values
 * of the C library, not the kernel's 32 and 64: glibc keeps the lowest two or three for its
 * threads, so this process's {@code SIGRTMIN} is usually 34. The JDK's NIO and this library use
 * {@code SIGRTMAX-2} to wake blocked threads ({@link #reservedByRuntime()}). macOS has none.
 *
 * @param offset {@code 0 <= offset <= SIGRTMAX - SIGRTMIN}
 */
public record RealTimeSignal(int offset) implements AnySignal {
    private static final LibC C = Native.libc();

    public RealTimeSignal {
        if (!Platform.current().isLinux()) {
            throw new IllegalArgumentException("real-time signals are not available on " + Platform.current());
        }
        if (offset < 0 || offset > max() - min()) {
            throw new IllegalArgumentException("SIGRTMIN+" + offset + " does not exist: this C library has SIGRTMIN="
                    + min() + ", SIGRTMAX=" + max());
        }
    }

    /** {@code SIGRTMIN+offset}. */
    public static RealTimeSignal of(int offset) {
        return new RealTimeSignal(offset);
    }

    /** {@code SIGRTMIN} of this process's C library ({@code __libc_current_sigrtmin()}). */
    public static int min() {
        return Limits.MIN;
    }

    /** {@code SIGRTMAX} of this process's C library. */
    public static int max() {
        return Limits.MAX;
    }

    /** The real-time signal the JDK's NIO and this library's channels use to wake blocked threads. */
    public static RealTimeSignal reservedByRuntime() {
        return new RealTimeSignal(max() - 2 - min());
    }

    @Override
    public int number() {
        return min() + offset;
    }

    @Override
    public String signalName() {
        return "SIGRTMIN+" + offset;
    }

    @Override
    public String toString() {
        return signalName() + " (" + number() + ")";
    }

    private static final class Limits {
        static final int MIN = C.__libc_current_sigrtmin();
        static final int MAX = C.__libc_current_sigrtmax();
    }
}
