package io.github.nativeipc.windows;

/** How a {@link WindowsEvent} returns to unsignalled. */
public enum EventReset {
    /** One waiter is released, and the event resets itself ({@code bManualReset = FALSE}). */
    AUTO,
    /** Every waiter is released until {@link WindowsEvent#reset()} ({@code bManualReset = TRUE}). */
    MANUAL
}
