package io.github.nativeipc.windows;

import io.github.nativeipc.bindings.windows.Kernel32;
import io.github.nativeipc.handle.HandleGuard;

/**
 * The release action of a {@link HandleGuard} over Windows handles: {@code CloseHandle} on each.
 * Holds no reference to the owner, so a {@code Cleaner} can run it. Immutable.
 */
final class CloseHandles implements Runnable {
    private final long[] handles;

    CloseHandles(long... handles) {
        this.handles = handles.clone();
    }

    @Override
    public void run() {
        for (long h : handles) {
            Kernel32.CloseHandle(h);
        }
    }

    /**
     * Sets {@code closeEvent} ({@code SetEvent}) if the guarded handles are still open, so that
     * threads waiting on it wake, before the owner closes the guard.
     */
    static void wake(HandleGuard guard, long closeEvent) {
        if (guard.enter()) {
            try {
                Kernel32.SetEvent(closeEvent);
            } finally {
                guard.exit();
            }
        }
    }
}
