package io.github.nativeipc.windows;

import static io.github.nativeipc.bindings.windows.Win32Constants.EVENT_MODIFY_STATE;
import static io.github.nativeipc.bindings.windows.Win32Constants.INFINITE;
import static io.github.nativeipc.bindings.windows.Win32Constants.SYNCHRONIZE;

import io.github.nativeipc.bindings.windows.Kernel32;
import io.github.nativeipc.error.IpcException;
import java.time.Duration;

/**
 * A Windows event ({@code CreateEventW}/{@code OpenEventW}), auto- or manual-reset, named
 * ({@code Local\...}, {@code Global\...}) or unnamed. A C peer uses {@code OpenEventW},
 * {@code SetEvent} and {@code WaitForSingleObject} on the same name. Waits answer {@link #close()}
 * from another thread (see {@link WaitableObject}). Thread-safe.
 */
public final class WindowsEvent extends WaitableObject {
    private WindowsEvent(String name, long handle, boolean created) throws IpcException {
        super("event", name, handle, created);
    }

    /**
     * Creates event {@code name} ({@code CreateEventW}); fails if it exists.
     *
     * @param signalled the initial state
     * @throws io.github.nativeipc.error.AlreadyExistsException if it exists
     */
    public static WindowsEvent create(String name, EventReset reset, boolean signalled) throws IpcException {
        return create(name, reset, signalled, true);
    }

    /** Opens event {@code name}, creating it as given if it does not exist; see {@link #created()}. */
    public static WindowsEvent openOrCreate(String name, EventReset reset, boolean signalled) throws IpcException {
        return create(name, reset, signalled, false);
    }

    /** An event no other process can open by name. */
    public static WindowsEvent createUnnamed(EventReset reset, boolean signalled) throws IpcException {
        long h = Kernel32.CreateEventW(0L, reset == EventReset.MANUAL ? 1 : 0, signalled ? 1 : 0, null);
        checkCreated(h, true, "CreateEventW(NULL, " + reset + ", " + signalled + ", NULL)", "unnamed event");
        return new WindowsEvent(null, h, true);
    }

    /**
     * Opens the existing event {@code name} ({@code OpenEventW(SYNCHRONIZE|EVENT_MODIFY_STATE)}).
     *
     * @throws io.github.nativeipc.error.NotFoundException if there is none
     */
    public static WindowsEvent open(String name) throws IpcException {
        String op = "OpenEventW(SYNCHRONIZE|EVENT_MODIFY_STATE, FALSE, " + name + ")";
        WindowsNames.kernelObject(name, op);
        long h = checkOpened(Kernel32.OpenEventW(SYNCHRONIZE | EVENT_MODIFY_STATE, 0, Win32.wide(name)), op, name);
        return new WindowsEvent(name, h, false);
    }

    private static WindowsEvent create(String name, EventReset reset, boolean signalled, boolean exclusive) throws IpcException {
        String op = "CreateEventW(NULL, " + reset + ", " + signalled + ", " + name + ")";
        WindowsNames.kernelObject(name, op);
        long h = Kernel32.CreateEventW(0L, reset == EventReset.MANUAL ? 1 : 0, signalled ? 1 : 0, Win32.wide(name));
        boolean created = checkCreated(h, exclusive, op, name);
        return new WindowsEvent(name, h, created);
    }

    /** Signals the event ({@code SetEvent}); never blocks; allocates nothing. */
    public void set() throws IpcException {
        enter("SetEvent");
        try {
            if (Kernel32.SetEvent(handle()) == 0) {
                throw Win32.lastError("SetEvent(" + describe() + ")", describe());
            }
        } finally {
            guard.exit();
        }
    }

    /** Unsignals the event ({@code ResetEvent}). */
    public void reset() throws IpcException {
        enter("ResetEvent");
        try {
            if (Kernel32.ResetEvent(handle()) == 0) {
                throw Win32.lastError("ResetEvent(" + describe() + ")", describe());
            }
        } finally {
            guard.exit();
        }
    }

    /** Waits until the event is signalled (an auto-reset event is unsignalled again for others). */
    public void await() throws IpcException, InterruptedException {
        await(INFINITE, "WaitForSingleObject(event, INFINITE)");
    }

    /**
     * Waits at most {@code timeout} ({@link Duration#ZERO}: only looks).
     *
     * @return false if the time ran out (WAIT_TIMEOUT)
     */
    public boolean await(Duration timeout) throws IpcException, InterruptedException {
        return await(Win32.waitMillis(timeout), "WaitForSingleObject(event, timeout)") == ACQUIRED;
    }
}
