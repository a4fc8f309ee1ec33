package io.github.nativeipc.bindings;

import com.kenai.jffi.MemoryIO;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jnr.ffi.LibraryLoader;
import jnr.ffi.LibraryOption;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * Loads the native libraries once and gives access to the raw pieces the typed layers need:
 * the {@link LibC} binding, the errno saved by the last {@code @SaveError} call on this thread,
 * native scratch memory, and direct {@link ByteBuffer}s over native addresses.
 *
 * <p>No policy lives here. Thread-safe: the saved errno is per thread, everything else is
 * immutable after class initialisation.
 */
public final class Native {
    private Native() {}

    private static final LibC LIBC;
    private static final Runtime RUNTIME;
    private static final MemoryIO MEMORY = MemoryIO.getInstance();
    private static final com.kenai.jffi.Library DEFAULT = com.kenai.jffi.Library.getDefault();

    static {
        LibraryLoader<LibC> loader = LibraryLoader.create(LibC.class)
                // errno is saved only for the methods annotated @SaveError.
                .option(LibraryOption.IgnoreError, true)
                .library("c");
        if (Platform.current().isLinux()) {
            // glibc before 2.34 keeps shm_* in librt and sem_* in libpthread; both are stubs since.
            loader.library("rt").library("pthread");
        }
        LIBC = loader.load();
        RUNTIME = Runtime.getRuntime(LIBC);
    }

    /** The C library binding. */
    public static LibC libc() {
        return LIBC;
    }

    /**
     * The errno that the most recent {@code @SaveError} call on this thread stored. Read it right
     * after the failing call, before any other native call of this thread.
     */
    public static int errno() {
        return RUNTIME.getLastError();
    }

    /** Whether the process can resolve C symbol {@code name} (for calls newer C libraries add). */
    public static boolean hasSymbol(String name) {
        return DEFAULT.getSymbolAddress(name) != 0L;
    }

    /** The address of C symbol {@code name} in the process, or 0 if it has none (a function pointer to pass to C). */
    public static long symbolAddress(String name) {
        return DEFAULT.getSymbolAddress(name);
    }

    /** A jnr-ffi pointer for {@code address}, for the few declarations that take a {@link Pointer}. */
    public static Pointer pointer(long address) {
        return address == 0L ? null : Pointer.wrap(RUNTIME, address);
    }

    /**
     * A direct, native-order {@link ByteBuffer} of {@code capacity} bytes at {@code address}. The
     * buffer does not own the memory: the caller keeps it valid for as long as the buffer is reachable.
     */
    public static ByteBuffer directBuffer(long address, int capacity) {
        return MEMORY.newDirectByteBuffer(address, capacity).order(ByteOrder.nativeOrder());
    }

    /** The native address of a direct buffer's first byte (ignoring its position). */
    public static long address(Buffer directBuffer) {
        if (!directBuffer.isDirect()) {
            throw new IllegalArgumentException("not a direct buffer");
        }
        return MEMORY.getDirectBufferAddress(directBuffer);
    }

    /**
     * A zero-filled direct buffer of {@code size} bytes for use as a C struct, aligned to 16 bytes.
     * Typed layers keep one per thread so the hot paths allocate nothing.
     */
    public static ByteBuffer scratch(int size) {
        ByteBuffer raw = ByteBuffer.allocateDirect(size + 16);
        int misalignment = (int) (address(raw) & 15);
        raw.position(misalignment == 0 ? 0 : 16 - misalignment).limit(raw.position() + size);
        return raw.slice().order(ByteOrder.nativeOrder());
    }

    /** The system page size ({@code sysconf(_SC_PAGESIZE)}). */
    public static long pageSize() {
        return PageSize.VALUE;
    }

    private static final class PageSize {
        static final long VALUE = LIBC.sysconf(PosixConstants.SC_PAGESIZE);
    }
}
