package io.github.nativeipc.posix;

import static io.github.nativeipc.bindings.PosixConstants.ALIGNOF_SEM_T;
import static io.github.nativeipc.bindings.PosixConstants.SEM_VALUE_MAX;
import static io.github.nativeipc.bindings.PosixConstants.SIZEOF_SEM_T;

import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.handle.HandleGuard;
import io.github.nativeipc.memory.MappedMemory;
import java.nio.ByteBuffer;

/**
 * A process-shared unnamed POSIX semaphore living inside shared memory ({@code sem_init} with
 * {@code pshared = 1}): a C process that maps the same object uses the {@code sem_t} at the same
 * offset with {@code sem_post}/{@code sem_wait}.
 *
 * <h2>Layout</h2>
 * The semaphore occupies {@link #SIZE} bytes ({@code sizeof(sem_t)}: 32 on 64-bit Linux) at an
 * address aligned to {@link #ALIGNMENT} bytes (an aligned offset in a mapping of the object from
 * offset 0). Exactly one process initialises it
 * ({@link #init}); the others {@link #attach} to it. Not available on macOS, which has no
 * unnamed semaphores.
 *
 * <h2>Ownership</h2>
 * {@link #close()} stops this handle from using the semaphore; {@link #destroy()} also calls
 * {@code sem_destroy}, which only the last user should do. The handle keeps the mapped range
 * reserved while it is open; once the {@link MappedMemory} is closed every operation throws
 * {@link io.github.nativeipc.error.ClosedException}.
 *
 * <h2>A peer shrinking the object</h2>
 * {@code sem_post} and {@code sem_wait} run inside the C library. If another process truncates the
 * object below the semaphore, the next operation faults in C, where the JVM cannot turn the
 * {@code SIGBUS} into an exception: the process dies. {@link #init} and {@link #attach} check the
 * object's size ({@code fstat}); after that, peers must not shrink an object holding semaphores.
 *
 * <p>Thread-safe; see {@link PosixSemaphore} for waiting and closing.
 */
public final class UnnamedSemaphore extends PosixSemaphore {
    /** {@code sizeof(sem_t)} on this platform. */
    public static final int SIZE = SIZEOF_SEM_T;
    /** Alignment the offset of a {@code sem_t} needs. */
    public static final int ALIGNMENT = ALIGNOF_SEM_T;

    private static final LibC C = Native.libc();

    private final MappedMemory memory;
    private final String where;
    /** Keeps the mapped range reachable (and so mapped) while this handle exists. */
    @SuppressWarnings("unused")
    private final ByteBuffer slot;

    private UnnamedSemaphore(MappedMemory memory, long offset, ByteBuffer slot) {
        super(Native.address(slot), new HandleGuard(() -> { }), memory.name() + "@" + offset);
        this.memory = memory;
        this.where = memory.name() + "@" + offset;
        this.slot = slot;
    }

    /**
     * Initialises a new semaphore at {@code offset} of {@code memory} with {@code initialValue}:
     * {@code sem_init(addr, 1, initialValue)}. Overwrites whatever was there.
     *
     * @throws io.github.nativeipc.error.InvalidArgumentException if the offset is misaligned or out of
     *         range, the mapping is read-only, or the value is outside {@code 0..SEM_VALUE_MAX}
     */
    public static UnnamedSemaphore init(MappedMemory memory, long offset, int initialValue) throws IpcException {
        UnnamedSemaphore s = at(memory, offset, "sem_init");
        if (initialValue < 0 || initialValue > SEM_VALUE_MAX) {
            throw Errors.invalidArgument("sem_init(" + s.describe() + ", 1, " + initialValue + ")", s.describe(),
                    "initial value must be within 0.." + SEM_VALUE_MAX);
        }
        if (C.sem_init(s.sem, 1, initialValue) != 0) {
            throw Syscalls.error("sem_init(" + s.describe() + ", 1, " + initialValue + ")", s.describe());
        }
        return s;
    }

    /**
     * Uses the semaphore another process (or an earlier {@link #init}) initialised at
     * {@code offset} of {@code memory}. Makes no call: the {@code sem_t} is used as it is.
     */
    public static UnnamedSemaphore attach(MappedMemory memory, long offset) throws IpcException {
        return at(memory, offset, "sem_attach");
    }

    private static UnnamedSemaphore at(MappedMemory memory, long offset, String call) throws IpcException {
        String where = memory.name() + "@" + offset;
        if (offset < 0 || offset > memory.size() - SIZE) {
            throw Errors.invalidArgument(call + "(" + where + ")", where, "a sem_t needs " + SIZE + " bytes"
                    + " within the " + memory.size() + "-byte mapping");
        }
        if (memory.isReadOnly()) {
            throw Errors.invalidArgument(call + "(" + where + ")", where, "the mapping is read-only");
        }
        if (!memory.isOpen()) {
            throw Errors.closed(call + "(" + where + ")", where);
        }
        memory.checkBacking();
        ByteBuffer slot = memory.slice(offset, SIZE);
        if (Native.address(slot) % ALIGNMENT != 0) {
            throw Errors.invalidArgument(call + "(" + where + ")", where, "the sem_t would sit at an address not aligned to "
                    + ALIGNMENT + " bytes");
        }
        return new UnnamedSemaphore(memory, offset, slot);
    }

    @Override
    boolean isClosed() {
        return super.isClosed() || !memory.isOpen();
    }

    /**
     * Destroys the semaphore ({@code sem_destroy}) and closes this handle. Call it once, when no
     * process waits on it any more.
     */
    public void destroy() throws IpcException {
        enter("sem_destroy");
        try {
            if (C.sem_destroy(sem) != 0) {
                throw Syscalls.error("sem_destroy(" + describe() + ")", describe());
            }
        } finally {
            guard.exit();
            java.lang.ref.Reference.reachabilityFence(this);
        }
        close();
    }

    /**
     * Stops using the semaphore through this handle; the semaphore itself stays. Threads blocked in
     * {@link #acquire()} on this handle are woken at once and throw
     * {@link io.github.nativeipc.error.ClosedException}; closing the {@link MappedMemory} does the
     * same within about {@value Timeouts#SLICE_MILLIS} ms (the {@code nipc-interrupts} thread notices
     * it). Idempotent.
     */
    @Override
    public void close() {
        if (guard.close()) {
            wakeWaiters();
        }
    }

    private String describe() {
        return where;
    }
}
