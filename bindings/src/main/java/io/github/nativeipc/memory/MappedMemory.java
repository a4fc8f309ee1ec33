package io.github.nativeipc.memory;

import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.error.IpcException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A region of shared memory mapped into this process: bounds-checked {@link ByteBuffer} slices and
 * atomic accessors on {@code int} and {@code long} that match C11 {@code <stdatomic.h>} on the same
 * addresses, for mappings of any size (beyond 2 GiB too).
 *
 * <h2>Interoperating with C</h2>
 * Values use the platform's native byte order. The atomic accessors compile to the same
 * instructions as C11's: {@code getIntAcquire} is {@code atomic_load_explicit(p,
 * memory_order_acquire)}, {@code setIntRelease} is {@code atomic_store_explicit(...,
 * memory_order_release)}, the {@code Volatile} forms are {@code memory_order_seq_cst},
 * {@code getAndAddInt} is {@code atomic_fetch_add}, {@code compareAndSetInt} is
 * {@code atomic_compare_exchange_strong}. They need naturally aligned offsets (4 for {@code int},
 * 8 for {@code long}) and throw {@link IllegalArgumentException} otherwise; the plain
 * {@code getInt}/{@code putInt} forms accept any offset.
 *
 * <h2>Lifetime and safety</h2>
 * After {@link #close()} every accessor throws {@link MappingClosedException}, and nothing can
 * touch unmapped memory, even through a {@code ByteBuffer} slice handed out earlier or a thread
 * racing with {@code close()}: {@code close()} atomically replaces the shared pages with private
 * zero pages (this process no longer shares the object from that moment), and the address range
 * is returned to the OS ({@code munmap}) only once no slice of it is reachable, as the JDK does
 * for {@code MappedByteBuffer}. Stale slices keep working on private memory that nobody else sees.
 *
 * <p>On Windows ({@code MapViewOfFile}) a view cannot be replaced in place: after {@code close()}
 * the accessors throw just the same, but slices handed out earlier keep seeing the shared pages
 * until they become unreachable and the view is unmapped ({@code UnmapViewOfFile}).
 *
 * <h2>Faults (POSIX)</h2>
 * If another process shrinks the object below the mapping, an access past the new end raises
 * {@code SIGBUS} in the kernel; so does touching a page that the file system cannot back (a full
 * tmpfs such as a container's small {@code /dev/shm}: see {@link MappingFaultException}, and
 * {@code MemoryObject.allocate} to reserve pages up front). That never takes the JVM down through
 * this class, and is reported:
 * <ul>
 * <li>HotSpot turns a fault in a {@code ByteBuffer} or {@code VarHandle} access into an
 * {@link InternalError} that it raises asynchronously, at the thread's next call into the VM
 * runtime. Every accessor therefore allocates an empty array after its access: while the accessor
 * is interpreted, that allocation is such a call, so the error is raised inside the accessor, which
 * reads the object's size with {@code fstat} and throws {@link MappingTruncatedException} (or, if
 * the object is as long as ever, {@link MappingFaultException}). Once the
 * accessor is JIT-compiled the allocation is removed (no cost, no garbage), and the error surfaces
 * a little later in the caller as the JVM's {@code InternalError}; the value read is then
 * meaningless.</li>
 * <li>The one access HotSpot does not guard is a compare-and-set run by the interpreter (its
 * JIT-compiled form is guarded): it would crash the JVM. The read-modify-write atomics
 * ({@code compareAndSet}, {@code compareAndExchange}, {@code getAndAdd}, {@code getAndSet})
 * therefore first read their target and make that same VM call before the update, which then does
 * not run on a page that was already missing. What no Java code can close is a shrink that lands
 * between that read and an interpreted update (a window of well under a microsecond, and only
 * while the accessor is not yet JIT-compiled): that can still kill the JVM. A review reproduced
 * it with one thread updating while another shrank and regrew the object in a loop.</li>
 * </ul>
 * {@link #checkBacking()} asks the kernel ({@code fstat}) outright; a program whose peers may shrink
 * an object should call it when it catches an {@code InternalError}. A per-access {@code fstat}
 * would cost a system call (about 0.5 &micro;s here) on every access and still leave a race, so
 * this class does not do it. In short: after a peer shrank an object, accesses are reported, not
 * fatal; a protocol in which peers shrink objects <em>while</em> others update them is not safe.
 * This relies on HotSpot's behaviour (JDK 17 and 25, checked by the tests), not on a specification.
 * A Windows section cannot shrink under a view, so none of this arises there.
 *
 * <h2>Thread safety</h2>
 * All methods may be called from any thread concurrently; {@code close()} is idempotent. The
 * memory itself has exactly the concurrency semantics of the access mode used.
 */
public final class MappedMemory implements AutoCloseable {

    /**
     * What the typed layer that created a mapping does for it: the OS calls behind the lifetime.
     * Implemented by {@code io.github.nativeipc.posix} ({@code mmap}, System V {@code shmat}) and
     * {@code io.github.nativeipc.windows} ({@code MapViewOfFile}); not for users. The views and
     * atomics above are the same for every backend.
     */
    public interface Backend {
        /**
         * Stops this process from sharing the pages, if the OS can do that without unmapping them
         * (POSIX: {@code mmap} with {@code MAP_FIXED|MAP_PRIVATE|MAP_ANONYMOUS} over the range; a
         * Windows view cannot be swapped in place, so it stays mapped until {@link #release()}),
         * and drops whatever the backend holds for {@link #objectSize()}. Called once, from
         * {@code close()}.
         */
        void detach() throws IpcException;

        /**
         * Returns the range to the OS ({@code munmap}, {@code UnmapViewOfFile}); called once, when
         * nothing can reach it.
         */
        void release();

        /** Flushes the range to the backing object ({@code msync(MS_SYNC)}, {@code FlushViewOfFile}). */
        void force() throws IpcException;

        /**
         * The backing object's current size ({@code fstat}), or -1 if it cannot be read or cannot
         * shrink under a mapping (Windows: a section never does), in which case a fault is not
         * reported as {@link MappingTruncatedException}.
         */
        long objectSize();

        /**
         * A direct {@link ByteBuffer} over {@code [address, address + capacity)} that does not own
         * the memory. By default through jffi (the POSIX layers' native runtime); the Windows layer
         * makes it through JNA, so that nothing of jnr-ffi is loaded there.
         */
        default ByteBuffer directBuffer(long address, int capacity) {
            return Native.directBuffer(address, capacity);
        }
    }

    private static final Cleaner CLEANER = Cleaner.create();
    private static final java.util.concurrent.atomic.AtomicLong LIVE = new java.util.concurrent.atomic.AtomicLong();
    /** Chunks start every 1 GiB and reach up to 2 GiB - 1 bytes, so any access of 8 bytes or less fits one. */
    private static final int CHUNK_SHIFT = 30;
    private static final long CHUNK_MASK = (1L << CHUNK_SHIFT) - 1;
    private static final ByteBuffer[] CLOSED = new ByteBuffer[0];

    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle CHUNKS;

    static {
        try {
            CHUNKS = MethodHandles.lookup().findVarHandle(MappedMemory.class, "chunks", ByteBuffer[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    /** Address of byte 0 of this view: alignment is a property of addresses, not offsets. */
    private final long address;
    private final long size;
    private final long objectOffset;
    private final boolean readOnly;
    private final Region region;
    private final Cleaner.Cleanable ownerCleanable;
    /** The chunk buffers, or {@link #CLOSED}; read with volatile semantics on every access. */
    @SuppressWarnings("unused") // accessed through CHUNKS
    private volatile ByteBuffer[] chunks;

    private MappedMemory(String name, long address, long size, long objectOffset, boolean readOnly, Backend backend) {
        this.name = name;
        this.address = address;
        this.objectOffset = objectOffset;
        this.size = size;
        this.readOnly = readOnly;
        int chunkCount = (int) ((size + CHUNK_MASK) >>> CHUNK_SHIFT);
        this.region = new Region(address, backend, 1 + chunkCount);
        ByteBuffer[] c = new ByteBuffer[chunkCount];
        for (int i = 0; i < chunkCount; i++) {
            long start = (long) i << CHUNK_SHIFT;
            c[i] = region.root(start, (int) Math.min(size - start, Integer.MAX_VALUE), readOnly);
        }
        this.chunks = c;
        this.ownerCleanable = CLEANER.register(this, region::unref);
        LIVE.incrementAndGet();
    }

    /**
     * Wraps a fresh mapping. Called by the typed layer right after it mapped the object; from then
     * on this object owns the mapping and releases it through {@code backend}.
     *
     * @param name         the object's name, used in messages
     * @param address      address of the first byte this view covers
     * @param size         bytes covered, from {@code address}
     * @param objectOffset offset in the object of the first byte covered
     * @param readOnly whether the pages are mapped without write permission; writes then throw
     *                 {@link ReadOnlyBufferException} instead of faulting
     */
    public static MappedMemory wrap(String name, long address, long size, long objectOffset, boolean readOnly,
            Backend backend) {
        if (size <= 0 || objectOffset < 0) {
            throw new IllegalArgumentException("mapping size must be positive and offset not negative: "
                    + size + ", " + objectOffset);
        }
        return new MappedMemory(name, address, size, objectOffset, readOnly, Objects.requireNonNull(backend));
    }

    /**
     * How many mappings made through this class have not been returned to the OS yet: open ones,
     * and closed ones whose address range still waits for its slices to become unreachable. For
     * monitoring and leak tests.
     */
    public static long liveMappings() {
        return LIVE.get();
    }

    /** Length of the mapping in bytes. */
    public long size() {
        return size;
    }

    /** Whether the mapping is read-only. */
    public boolean isReadOnly() {
        return readOnly;
    }

    /** Whether {@link #close()} has not been called yet. */
    public boolean isOpen() {
        return (ByteBuffer[]) CHUNKS.getVolatile(this) != CLOSED;
    }

    /** The name of the mapped object. */
    public String name() {
        return name;
    }

    // ---------------------------------------------------------------- slices

    /**
     * A native-order {@link ByteBuffer} over {@code [offset, offset + length)}, position 0 and
     * limit {@code length}; read-only if the mapping is. No copy: writes are seen by every process
     * mapping the object. The slice stays memory-safe after {@link #close()} (see the class notes).
     *
     * @throws IndexOutOfBoundsException if the range is not inside the mapping
     * @throws MappingClosedException    if the mapping is closed
     */
    public ByteBuffer slice(long offset, int length) {
        ByteBuffer[] c = open();
        Objects.checkFromIndexSize(offset, length, size);
        int chunk = (int) (offset >>> CHUNK_SHIFT);
        int index = (int) (offset & CHUNK_MASK);
        ByteBuffer source = c[chunk];
        if ((long) index + length <= source.capacity()) {
            return source.slice(index, length).order(ByteOrder.nativeOrder());
        }
        // Longer than what is left of the chunk (only in mappings above 2 GiB): a root of its own.
        ByteBuffer own = region.newRoot(offset, length, readOnly);
        if (own == null) {
            throw new MappingClosedException(name);
        }
        return own;
    }

    /**
     * The whole mapping as one native-order {@link ByteBuffer}.
     *
     * @throws UnsupportedOperationException if the mapping is larger than {@link Integer#MAX_VALUE}
     *                                       bytes (use {@link #slice})
     */
    public ByteBuffer asByteBuffer() {
        if (size > Integer.MAX_VALUE) {
            throw new UnsupportedOperationException("mapping of " + name + " is " + size
                    + " bytes, more than one ByteBuffer can hold; use slice(offset, length)");
        }
        return slice(0, (int) size);
    }

    // ---------------------------------------------------------------- bytes and bulk copies

    public byte get(long offset) {
        ByteBuffer b = buffer(offset, 1);
        try {
            byte v = b.get(index(offset));
            byte[] raiseFault = new byte[0];       // see "Faults" in the class notes
            return v;
        } catch (InternalError e) {
            throw fault(e, offset, 1);
        } finally {
            Reference.reachabilityFence(b);   // keeps the mapping from being released mid-access
        }
    }

    public void put(long offset, byte value) {
        ByteBuffer b = buffer(offset, 1);
        try {
            b.put(index(offset), value);
            byte[] raiseFault = new byte[0];       // see "Faults" in the class notes
        } catch (InternalError e) {
            throw fault(e, offset, 1);
        } finally {
            Reference.reachabilityFence(b);   // keeps the mapping from being released mid-access
        }
    }

    /** Copies {@code length} bytes at {@code offset} into {@code dst[dstOffset..]}. */
    public void get(long offset, byte[] dst, int dstOffset, int length) {
        Objects.checkFromIndexSize(dstOffset, length, dst.length);
        ByteBuffer[] c = open();
        Objects.checkFromIndexSize(offset, length, size);
        try {
            while (length > 0) {
                ByteBuffer b = c[(int) (offset >>> CHUNK_SHIFT)];
                int i = index(offset);
                int n = Math.min(length, b.capacity() - i);
                b.get(i, dst, dstOffset, n);
                offset += n;
                dstOffset += n;
                length -= n;
            }
            byte[] raiseFault = new byte[0];       // see "Faults" in the class notes
        } catch (InternalError e) {
            throw fault(e, offset, length);
        } finally {
            Reference.reachabilityFence(c);   // keeps the mapping from being released mid-access
        }
    }

    /** Copies {@code src[srcOffset..srcOffset+length)} to {@code offset}. */
    public void put(long offset, byte[] src, int srcOffset, int length) {
        Objects.checkFromIndexSize(srcOffset, length, src.length);
        ByteBuffer[] c = open();
        Objects.checkFromIndexSize(offset, length, size);
        try {
            while (length > 0) {
                ByteBuffer b = c[(int) (offset >>> CHUNK_SHIFT)];
                int i = index(offset);
                int n = Math.min(length, b.capacity() - i);
                b.put(i, src, srcOffset, n);
                offset += n;
                srcOffset += n;
                length -= n;
            }
            byte[] raiseFault = new byte[0];       // see "Faults" in the class notes
        } catch (InternalError e) {
            throw fault(e, offset, length);
        } finally {
            Reference.reachabilityFence(c);   // keeps the mapping from being released mid-access
        }
    }

    /**
     * Copies {@code dst.remaining()} bytes at {@code offset} into {@code dst}, advancing its
     * position. One copy, no allocation.
     */
    public void get(long offset, ByteBuffer dst) {
        ByteBuffer[] c = open();
        int length = dst.remaining();
        Objects.checkFromIndexSize(offset, length, size);
        try {
            while (length > 0) {
                ByteBuffer b = c[(int) (offset >>> CHUNK_SHIFT)];
                int i = index(offset);
                int n = Math.min(length, b.capacity() - i);
                dst.put(dst.position(), b, i, n);
                dst.position(dst.position() + n);
                offset += n;
                length -= n;
            }
            byte[] raiseFault = new byte[0];       // see "Faults" in the class notes
        } catch (InternalError e) {
            throw fault(e, offset, length);
        } finally {
            Reference.reachabilityFence(c);   // keeps the mapping from being released mid-access
        }
    }

    /**
     * Copies {@code src.remaining()} bytes of {@code src} to {@code offset}, advancing its
     * position. One copy, no allocation.
     */
    public void put(long offset, ByteBuffer src) {
        ByteBuffer[] c = open();
        int length = src.remaining();
        Objects.checkFromIndexSize(offset, length, size);
        try {
            while (length > 0) {
                ByteBuffer b = c[(int) (offset >>> CHUNK_SHIFT)];
                int i = index(offset);
                int n = Math.min(length, b.capacity() - i);
                b.put(i, src, src.position(), n);
                src.position(src.position() + n);
                offset += n;
                length -= n;
            }
            byte[] raiseFault = new byte[0];       // see "Faults" in the class notes
        } catch (InternalError e) {
            throw fault(e, offset, length);
        } finally {
            Reference.reachabilityFence(c);   // keeps the mapping from being released mid-access
        }
    }

    // ---------------------------------------------------------------- int

    /** Plain read, any alignment. */
    public int getInt(long offset) {
        ByteBuffer b = buffer(offset, 4);
        try {
            int v = b.getInt(index(offset));
            byte[] raiseFault = new byte[0];       // see "Faults" in the class notes
            return v;
        } catch (InternalError e) {
            throw fault(e, offset, 4);
        } finally {
            Reference.reachabilityFence(b);   // keeps the mapping from being released mid-access
        }
    }

    /** Plain write, any alignment. */
    public void putInt(long offset, int value) {
        ByteBuffer b = buffer(offset, 4);
        try {
            b.putInt(index(offset), value);
            byte[] raiseFault = new byte[0];       // see "Faults" in the class notes
        } catch (InternalError e) {
            throw fault(e, offset, 4);
        } finally {
            Reference.reachabilityFence(b);   // keeps the mapping from being released mid-access
        }
    }

    /** {@code atomic_load_explicit(p, memory_order_acquire)}. */
    public int getIntAcquire(long offset) {
        ByteBuffer b = aligned(offset, 4);
        try {
            int v = (int) INT.getAcquire(b, index(offset));
            byte[] raiseFault = new byte[0];       // see "Faults" in the class notes
            return v;
        } catch (InternalError e) {
            throw fault(e, offset, 4);
        } finally {
            Reference.reachabilityFence(b);   // keeps the mapping from being released mid-access
        }
    }

    /** {@code atomic_store_explicit(p, v, memory_order_release)}. */
    public void setIntRelease(long offset, int value) {
        ByteBuffer b = aligned(offset, 4);
        try {
            INT.setRelease(b, index(offset), value);
            byte[] raiseFault = new byte[0];       // see "Faults" in the class notes
        } catch (InternalError e) {
            throw fault(e, offset, 4);
        } finally {
            Reference.reachabilityFence(b);   // keeps the mapping from being released mid-access
        }
    }

    /** {@code atomic_load(p)} (sequentially consistent). */
    public int getIntVolatile(long offset) {
        ByteBuffer b = aligned(offset, 4);
        try {
            int v = (int) INT.getVolatile(b, index(offset));
            byte[] raiseFault = new byte[0];       // see "Faults" in the class notes
            return v;
        } catch (InternalError e) {
            throw fault(e, offset, 4);
        } finally {
            Reference.reachabilityFence(b);   // keeps the mapping from being released mid-access
        }
    }

    /** {@code atomic_store(p, v)} (sequentially consistent). */
    public void setIntVolatile(long offset, int value) {
        ByteBuffer b = aligned(offset, 4);
        try {
            INT.setVolatile(b, index(offset), value);
            byte[] raiseFault = new byte[0];       // see "Faults" in the class notes
        } catch (InternalError e) {
            throw fault(e, offset, 4);
        } finally {
            Reference.reachabilityFence(b);   // keeps the mapping from being released mid-access
        }
    }

    /** {@code atomic_compare_exchange_strong(p, &expected, value)}; true if it stored {@code value}. */
    public boolean compareAndSetInt(long offset, int expected, int value) {
        ByteBuffer b = writableAligned(offset, 4);
        int i = index(offset);
        try {
            b.get(i);                              // touch: a fault here is guarded by the JVM
            byte[] raiseFault = new byte[0];       // see "Faults" in the class notes
            return INT.compareAndSet(b, i, expected, value);
        } catch (InternalError e) {
            throw fault(e, offset, 4);
        } finally {
            Reference.reachabilityFence(b);   // keeps the mapping from being released mid-access
        }
    }

    /** Like {@link #compareAndSetInt} but returns the value found (the witness). */
    public int compareAndExchangeInt(long offset, int expected, int value) {
        ByteBuffer b = writableAligned(offset, 4);
        int i = index(offset);
        try {
            b.get(i);                              // touch: a fault here is guarded by the JVM
            byte[] raiseFault = new byte[0];       // see "Faults" in the class notes
            return (int) INT.compareAndExchange(b, i, expected, value);
        } catch (InternalError e) {
            throw fault(e, offset, 4);
        } finally {
            Reference.reachabilityFence(b);   // keeps the mapping from being released mid-access
        }
    }

    /** {@code atomic_fetch_add(p, delta)}: returns the previous value. */
    public int getAndAddInt(long offset, int delta) {
        ByteBuffer b = writableAligned(offset, 4);
        int i = index(offset);
        try {
            b.get(i);                              // touch: a fault here is guarded by the JVM
            byte[] raiseFault = new byte[0];       // see "Faults" in the class notes
            return (int) INT.getAndAdd(b, i, delta);
        } catch (InternalError e) {
            throw fault(e, offset, 4);
        } finally {
            Reference.reachabilityFence(b);   // keeps the mapping from being released mid-access
        }
    }

    /** {@code atomic_exchange(p, value)}: returns the previous value. */
    public int getAndSetInt(long offset, int value) {
        ByteBuffer b = writableAligned(offset, 4);
        int i = index(offset);
        try {
            b.get(i);                              // touch: a fault here is guarded by the JVM
            byte[] raiseFault = new byte[0];       // see "Faults" in the class notes
            return (int) INT.getAndSet(b, i, value);
        } catch (InternalError e) {
            throw fault(e, offset, 4);
        } finally {
            Reference.reachabilityFence(b);   // keeps the mapping from being released mid-access
        }
    }

    // ---------------------------------------------------------------- long

    /** Plain read, any alignment. */
    public long getLong(long offset) {
        ByteBuffer b = buffer(offset, 8);
        try {
            long v = b.getLong(index(offset));
            byte[] raiseFault = new byte[0];       // see "Faults" in the class notes
            return v;
        } catch (InternalError e) {
            throw fault(e, offset, 8);
        } finally {
            Reference.reachabilityFence(b);   // keeps the mapping from being released mid-access
        }
    }

    /** Plain write, any alignment. */
    public void putLong(long offset, long value) {
        ByteBuffer b = buffer(offset, 8);
        try {
            b.putLong(index(offset), value);
            byte[] raiseFault = new byte[0];       // see "Faults" in the class notes
        } catch (InternalError e) {
            throw fault(e, offset, 8);
        } finally {
            Reference.reachabilityFence(b);   // keeps the mapping from being released mid-access
        }
    }

    /** {@code atomic_load_explicit(p, memory_order_acquire)}. */
    public long getLongAcquire(long offset) {
        ByteBuffer b = aligned(offset, 8);
        try {
            long v = (long) LONG.getAcquire(b, index(offset));
            byte[] raiseFault = new byte[0];       // see "Faults" in the class notes
            return v;
        } catch (InternalError e) {
            throw fault(e, offset, 8);
        } finally {
            Reference.reachabilityFence(b);   // keeps the mapping from being released mid-access
        }
    }

    /** {@code atomic_store_explicit(p, v, memory_order_release)}. */
    public void setLongRelease(long offset, long value) {
        ByteBuffer b = aligned(offset, 8);
        try {
            LONG.setRelease(b, index(offset), value);
            byte[] raiseFault = new byte[0];       // see "Faults" in the class notes
        } catch (InternalError e) {
            throw fault(e, offset, 8);
        } finally {
            Reference.reachabilityFence(b);   // keeps the mapping from being released mid-access
        }
    }

    /** {@code atomic_load(p)} (sequentially consistent). */
    public long getLongVolatile(long offset) {
        ByteBuffer b = aligned(offset, 8);
        try {
            long v = (long) LONG.getVolatile(b, index(offset));
            byte[] raiseFault = new byte[0];       // see "Faults" in the class notes
            return v;
        } catch (InternalError e) {
            throw fault(e, offset, 8);
        } finally {
            Reference.reachabilityFence(b);   // keeps the mapping from being released mid-access
        }
    }

    /** {@code atomic_store(p, v)} (sequentially consistent). */
    public void setLongVolatile(long offset, long value) {
        ByteBuffer b = aligned(offset, 8);
        try {
            LONG.setVolatile(b, index(offset), value);
            byte[] raiseFault = new byte[0];       // see "Faults" in the class notes
        } catch (InternalError e) {
            throw fault(e, offset, 8);
        } finally {
            Reference.reachabilityFence(b);   // keeps the mapping from being released mid-access
        }
    }

    /** {@code atomic_compare_exchange_strong(p, &expected, value)}; true if it stored {@code value}. */
    public boolean compareAndSetLong(long offset, long expected, long value) {
        ByteBuffer b = writableAligned(offset, 8);
        int i = index(offset);
        try {
            b.get(i);                              // touch: a fault here is guarded by the JVM
            byte[] raiseFault = new byte[0];       // see "Faults" in the class notes
            return LONG.compareAndSet(b, i, expected, value);
        } catch (InternalError e) {
            throw fault(e, offset, 8);
        } finally {
            Reference.reachabilityFence(b);   // keeps the mapping from being released mid-access
        }
    }

    /** Like {@link #compareAndSetLong} but returns the value found (the witness). */
    public long compareAndExchangeLong(long offset, long expected, long value) {
        ByteBuffer b = writableAligned(offset, 8);
        int i = index(offset);
        try {
            b.get(i);                              // touch: a fault here is guarded by the JVM
            byte[] raiseFault = new byte[0];       // see "Faults" in the class notes
            return (long) LONG.compareAndExchange(b, i, expected, value);
        } catch (InternalError e) {
            throw fault(e, offset, 8);
        } finally {
            Reference.reachabilityFence(b);   // keeps the mapping from being released mid-access
        }
    }

    /** {@code atomic_fetch_add(p, delta)}: returns the previous value. */
    public long getAndAddLong(long offset, long delta) {
        ByteBuffer b = writableAligned(offset, 8);
        int i = index(offset);
        try {
            b.get(i);                              // touch: a fault here is guarded by the JVM
            byte[] raiseFault = new byte[0];       // see "Faults" in the class notes
            return (long) LONG.getAndAdd(b, i, delta);
        } catch (InternalError e) {
            throw fault(e, offset, 8);
        } finally {
            Reference.reachabilityFence(b);   // keeps the mapping from being released mid-access
        }
    }

    /** {@code atomic_exchange(p, value)}: returns the previous value. */
    public long getAndSetLong(long offset, long value) {
        ByteBuffer b = writableAligned(offset, 8);
        int i = index(offset);
        try {
            b.get(i);                              // touch: a fault here is guarded by the JVM
            byte[] raiseFault = new byte[0];       // see "Faults" in the class notes
            return (long) LONG.getAndSet(b, i, value);
        } catch (InternalError e) {
            throw fault(e, offset, 8);
        } finally {
            Reference.reachabilityFence(b);   // keeps the mapping from being released mid-access
        }
    }

    // ---------------------------------------------------------------- whole-mapping operations

    /**
     * Writes modified pages back to the object ({@code msync(MS_SYNC)}). Not needed for other
     * processes to see writes (they share the pages); useful for file-backed objects.
     *
     * @throws IpcException with the OS error if {@code msync} fails
     * @throws MappingClosedException if the mapping is closed
     */
    public void force() throws IpcException {
        open();
        region.backend.force();
    }

    /**
     * Asks the kernel ({@code fstat}) whether the object still covers the whole mapping.
     *
     * @throws MappingTruncatedException if another process shrank it below {@link #size()}
     * @throws MappingClosedException    if the mapping is closed
     */
    public void checkBacking() {
        open();
        long objectSize = region.backend.objectSize();
        if (objectSize >= 0 && objectSize < objectOffset + size) {
            throw new MappingTruncatedException(name, Math.max(0, objectSize - objectOffset), size, objectSize, null);
        }
    }

    /**
     * Unmaps the region for this process. The object itself and other processes' mappings are
     * unaffected. Accessors throw {@link MappingClosedException} from now on; slices handed out
     * earlier see private zero pages (see the class notes). Idempotent; never blocks.
     */
    @Override
    public void close() {
        if ((ByteBuffer[]) CHUNKS.getAndSet(this, CLOSED) == CLOSED) {
            return;
        }
        try {
            region.backend.detach();
        } catch (IpcException e) {
            // The backend keeps the range reserved (see Backend.detach); accessors already throw.
        } finally {
            ownerCleanable.clean();
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public String toString() {
        return "MappedMemory[" + name + ", " + size + " bytes" + (readOnly ? ", read-only" : "")
                + (isOpen() ? "" : ", closed") + "]";
    }

    // ---------------------------------------------------------------- internals

    private ByteBuffer[] open() {
        ByteBuffer[] c = (ByteBuffer[]) CHUNKS.getVolatile(this);
        if (c == CLOSED) {
            throw new MappingClosedException(name);
        }
        return c;
    }

    private ByteBuffer buffer(long offset, int length) {
        ByteBuffer[] c = open();
        Objects.checkFromIndexSize(offset, length, size);
        return c[(int) (offset >>> CHUNK_SHIFT)];
    }

    private ByteBuffer aligned(long offset, int width) {
        if (((address + offset) & (width - 1)) != 0) {
            throw new IllegalArgumentException("atomic access at offset " + offset + " of " + name
                    + " is not aligned to " + width + " bytes"
                    + ((address & (width - 1)) != 0 ? " (the mapping itself starts at an unaligned object offset)" : ""));
        }
        return buffer(offset, width);
    }

    private ByteBuffer writableAligned(long offset, int width) {
        ByteBuffer b = aligned(offset, width);
        if (readOnly) {
            throw new ReadOnlyBufferException();
        }
        return b;
    }

    private static int index(long offset) {
        return (int) (offset & CHUNK_MASK);
    }

    /**
     * The typed error for a fault raised during an access of {@code length} bytes at {@code offset}
     * (for a bulk copy: the part being copied when it faulted), if the object no longer covers it.
     */
    private RuntimeException fault(InternalError e, long offset, long length) {
        long objectSize = region.backend.objectSize();
        if (objectSize >= 0 && objectOffset + offset + length > objectSize) {
            return new MappingTruncatedException(name, offset, size, objectSize, e);
        }
        if (objectSize >= 0) {
            // The object is as long as ever: the file system could not back the page (a full tmpfs).
            return new MappingFaultException(name, offset, size, objectSize, e);
        }
        throw e;
    }

    /**
     * The mapping and the count of things that keep it mapped: the owning
     * {@link MappedMemory} plus every root buffer. Slices keep their root reachable (a derived
     * direct buffer holds its root as "attachment"), and a root's cleaner runs only when no slice
     * of it is left. The last {@link #unref()} returns the range to the OS.
     */
    private static final class Region {
        final long address;
        final Backend backend;
        private final AtomicInteger refs;

        Region(long address, Backend backend, int initialRefs) {
            this.address = address;
            this.backend = backend;
            this.refs = new AtomicInteger(initialRefs);
        }

        /** A root buffer; the reference it accounts for was counted by the caller. */
        ByteBuffer root(long offset, int length, boolean readOnly) {
            ByteBuffer root = backend.directBuffer(address + offset, length).order(ByteOrder.nativeOrder());
            CLEANER.register(root, this::unref);
            return readOnly ? root.asReadOnlyBuffer().order(ByteOrder.nativeOrder()) : root;
        }

        /** A root created after construction, or null if the range was already released. */
        ByteBuffer newRoot(long offset, int length, boolean readOnly) {
            int r;
            do {
                r = refs.get();
                if (r == 0) {
                    return null;
                }
            } while (!refs.compareAndSet(r, r + 1));
            return root(offset, length, readOnly);
        }

        void unref() {
            if (refs.decrementAndGet() == 0) {
                backend.release();
                LIVE.decrementAndGet();
            }
        }
    }
}
