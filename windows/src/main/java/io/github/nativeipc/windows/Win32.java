package io.github.nativeipc.windows;

import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Kernel32Util;
import io.github.nativeipc.bindings.windows.Kernel32;
import io.github.nativeipc.bindings.windows.Win32Constants;
import io.github.nativeipc.bindings.windows.Win32Error;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

/**
 * The Windows layer's one funnel to its error model and small conversions: the Win32 error the
 * failing call left becomes a typed exception, durations become wait milliseconds, native scratch
 * memory has an address. Stateless; thread-safe.
 */
final class Win32 {
    private Win32() {}

    /** {@code WaitFor*} never waits longer than this in one call (below INFINITE). */
    private static final long MAX_WAIT_MILLIS = 0xFFFFFFFEL;

    /**
     * The exception for the Win32 error the last native call of this thread left (JNA saved it
     * right after the call): call it immediately after the failing call.
     */
    static IpcException lastError(String operation, String object) {
        return error(Kernel32.lastError(), operation, object, null);
    }

    /** As {@link #lastError(String, String)}, with what the caller knows about the cause. */
    static IpcException lastError(String operation, String object, String detail) {
        return error(Kernel32.lastError(), operation, object, detail);
    }

    /** The exception for Win32 error {@code code}. */
    static IpcException error(int code, String operation, String object, String detail) {
        String systemMessage = null;
        if (Win32Error.of(code) == null) {
            try {
                systemMessage = Kernel32Util.formatMessage(code).trim();
            } catch (RuntimeException | LinkageError e) {
                // no system text: the number and name still say it
            }
        }
        return Errors.fromWin32(code, operation, object, systemMessage, detail);
    }

    /** A wide string for a {@code ...W} call. */
    static WString wide(String s) {
        return s == null ? null : new WString(s);
    }

    /**
     * Milliseconds for a {@code WaitFor*} call: {@code null} is INFINITE, zero or negative is 0 (do
     * not wait), and anything shorter than a millisecond but positive rounds up to 1.
     */
    static int waitMillis(Duration timeout) {
        if (timeout == null) {
            return Win32Constants.INFINITE;
        }
        if (timeout.isNegative() || timeout.isZero()) {
            return 0;
        }
        long ms;
        try {
            ms = timeout.plusNanos(999_999).toMillis();
        } catch (ArithmeticException e) {
            ms = MAX_WAIT_MILLIS;
        }
        return (int) Math.min(ms, MAX_WAIT_MILLIS);
    }

    /** Milliseconds left until {@code deadline} ({@link System#nanoTime()}), at least 0. */
    static int millisUntil(long deadline) {
        long left = deadline - System.nanoTime();
        return left <= 0 ? 0 : waitMillis(Duration.ofNanos(left));
    }

    /** A {@link System#nanoTime()} deadline {@code timeout} from now, saturating. */
    static long deadline(Duration timeout) {
        long now = System.nanoTime();
        long nanos;
        try {
            nanos = timeout.toNanos();
        } catch (ArithmeticException e) {
            nanos = Long.MAX_VALUE / 2;
        }
        return now + Math.min(Math.max(nanos, 0), Long.MAX_VALUE / 2);
    }

    /** A zeroed, native-order direct buffer used as a C struct; its address by {@link #address}. */
    static ByteBuffer scratch(int size) {
        return ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
    }

    /** The native address of a direct buffer's first byte (ignoring its position). */
    static long address(ByteBuffer direct) {
        return Pointer.nativeValue(com.sun.jna.Native.getDirectBufferPointer(direct));
    }
}
