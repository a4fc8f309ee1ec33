package io.github.nativeipc.windows;

import static io.github.nativeipc.bindings.windows.Win32Constants.MAXIMUM_WAIT_OBJECTS;
import static io.github.nativeipc.bindings.windows.Win32Constants.WAIT_ABANDONED_0;
import static io.github.nativeipc.bindings.windows.Win32Constants.WAIT_FAILED;
import static io.github.nativeipc.bindings.windows.Win32Constants.WAIT_OBJECT_0;
import static io.github.nativeipc.bindings.windows.Win32Constants.WAIT_TIMEOUT;

import io.github.nativeipc.bindings.windows.Kernel32;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Waiting on several objects at once: {@code WaitForMultipleObjects} over semaphores, events and
 * mutexes. Up to 64 objects ({@code MAXIMUM_WAIT_OBJECTS}). Each call fills a small native array
 * (setup cost, not for hot loops). Unlike the single-object waits, closing an object from another
 * thread does not wake these waits: give them a timeout or an event of your own to set.
 * Thread-safe.
 */
public final class WindowsWaits {
    private WindowsWaits() {}

    /**
     * Waits until any of {@code objects} is signalled and acquires that one (a semaphore permit,
     * a mutex, an auto-reset event); the lowest index wins if several are.
     *
     * @param timeout {@code null} waits forever; zero only looks
     * @return the index of the object acquired, or -1 if the time ran out (WAIT_TIMEOUT)
     * @throws io.github.nativeipc.error.OwnerDiedException if it is an abandoned mutex (this thread owns it)
     */
    public static int any(Duration timeout, WaitableObject... objects) throws IpcException {
        int r = waitFor(false, timeout, objects);
        return r == WAIT_TIMEOUT ? -1 : r - WAIT_OBJECT_0;
    }

    /**
     * Waits until all of {@code objects} are signalled at once and acquires all of them together.
     *
     * @return false if the time ran out (WAIT_TIMEOUT); nothing is acquired then
     * @throws io.github.nativeipc.error.OwnerDiedException if one is an abandoned mutex (all are acquired)
     */
    public static boolean all(Duration timeout, WaitableObject... objects) throws IpcException {
        return waitFor(true, timeout, objects) != WAIT_TIMEOUT;
    }

    private static int waitFor(boolean all, Duration timeout, WaitableObject... objects) throws IpcException {
        String op = "WaitForMultipleObjects(" + objects.length + ", " + describe(objects) + ", " + (all ? "TRUE" : "FALSE")
                + ", " + (timeout == null ? "INFINITE" : timeout.toMillis() + " ms") + ")";
        if (objects.length == 0 || objects.length > MAXIMUM_WAIT_OBJECTS) {
            throw Errors.invalidArgument(op, describe(objects), "between 1 and " + MAXIMUM_WAIT_OBJECTS + " objects");
        }
        int entered = 0;
        try {
            ByteBuffer handles = Win32.scratch(8 * objects.length);
            for (WaitableObject o : objects) {
                o.enter(op);
                handles.putLong(8 * entered++, o.handle());
            }
            int r = Kernel32.WaitForMultipleObjects(objects.length, Win32.address(handles), all ? 1 : 0, Win32.waitMillis(timeout));
            if (r == WAIT_FAILED) {
                throw Win32.lastError(op, describe(objects));
            }
            if (r >= WAIT_ABANDONED_0 && r < WAIT_ABANDONED_0 + objects.length) {
                throw WindowsMutex.abandoned(op, objects[r - WAIT_ABANDONED_0].describe());
            }
            return r;
        } finally {
            for (int i = 0; i < entered; i++) {
                objects[i].guard.exit();
            }
        }
    }

    private static String describe(WaitableObject... objects) {
        StringBuilder sb = new StringBuilder("[");
        for (WaitableObject o : objects) {
            sb.append(sb.length() > 1 ? ", " : "").append(o.describe());
        }
        return sb.append(']').toString();
    }
}
