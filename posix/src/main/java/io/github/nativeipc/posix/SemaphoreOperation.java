package io.github.nativeipc.posix;

/**
 * One operation of a System V {@code semop} ({@code struct sembuf}): add {@code delta} to semaphore
 * {@code index} of the set, or with {@code delta == 0} wait until it is zero. A negative delta waits
 * until the value is large enough. {@code undo} ({@code SEM_UNDO}) makes the kernel reverse the
 * operation if this process ends without doing so (for example when killed while holding a lock).
 *
 * @param index which semaphore of the set
 * @param delta the change, within {@code -32767..32767}
 * @param undo  {@code SEM_UNDO}
 */
public record SemaphoreOperation(int index, int delta, boolean undo) {
    public SemaphoreOperation {
        if (index < 0 || index > 0xffff) {
            throw new IllegalArgumentException("semaphore index out of range: " + index);
        }
        if (delta < Short.MIN_VALUE + 1 || delta > Short.MAX_VALUE) {
            throw new IllegalArgumentException("delta out of range -32767..32767: " + delta);
        }
    }

    /** Take one unit of semaphore {@code index} (delta -1) with {@code SEM_UNDO}. */
    public static SemaphoreOperation acquire(int index) {
        return new SemaphoreOperation(index, -1, true);
    }

    /** Give back one unit of semaphore {@code index} (delta +1) with {@code SEM_UNDO}. */
    public static SemaphoreOperation release(int index) {
        return new SemaphoreOperation(index, 1, true);
    }

    /** Wait until semaphore {@code index} is zero. */
    public static SemaphoreOperation waitForZero(int index) {
        return new SemaphoreOperation(index, 0, false);
    }
}
