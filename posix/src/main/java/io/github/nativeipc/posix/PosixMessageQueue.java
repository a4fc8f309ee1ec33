package io.github.nativeipc.posix;

import static io.github.nativeipc.bindings.PosixConstants.MQ_ATTR_CURMSGS_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.MQ_ATTR_FLAGS_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.MQ_ATTR_MAXMSG_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.MQ_ATTR_MSGSIZE_OFFSET;
import static io.github.nativeipc.bindings.PosixConstants.MQ_PRIO_MAX;
import static io.github.nativeipc.bindings.PosixConstants.O_CLOEXEC;
import static io.github.nativeipc.bindings.PosixConstants.O_CREAT;
import static io.github.nativeipc.bindings.PosixConstants.O_EXCL;
import static io.github.nativeipc.bindings.PosixConstants.O_NONBLOCK;

import io.github.nativeipc.bindings.Errno;
import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.bindings.PosixConstants;
import io.github.nativeipc.error.ClosedException;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.handle.HandleGuard;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A POSIX message queue ({@code mq_open}): a named queue of discrete messages with priorities,
 * shared with any process that opens the same name, such as a C program calling
 * {@code mq_send}/{@code mq_receive}. Messages come out highest priority first, and in order
 * within one priority.
 *
 * <h2>Ownership</h2>
 * {@link #create} fails if the name exists, {@link #open} requires it, {@link #openOrCreate} does
 * either ({@link #created()}). {@link #close()} releases this process's descriptor; the queue and
 * its messages stay until {@link #unlink()} (or {@code close()} with
 * {@link CreateOptions#unlinkOnClose}). The mode (default {@code 0600}) is applied with
 * {@code fchmod} after creation, so the umask does not narrow it. Works whether or not
 * {@code /dev/mqueue} is mounted (mounting is only needed to list queues).
 *
 * <h2>Sending and receiving</h2>
 * Payloads travel in {@link ByteBuffer}s: from a direct buffer the kernel copies straight from or
 * into it and nothing is allocated; heap buffers and arrays go through a per-thread direct buffer.
 * Each operation comes as a blocking form ({@link #send}, {@link #receive}), a non-blocking form
 * ({@link #trySend}, {@link #tryReceive}) and a timed form. On Linux the blocking forms are one
 * untimed {@code mq_send}/{@code mq_receive} (no clock reading, no kernel timer per wait):
 * {@code close()} from another thread signals a blocked caller at once, and
 * {@link Thread#interrupt()} within about {@value Timeouts#SLICE_MILLIS} ms (see
 * {@link InterruptWatch}); the call then throws {@link io.github.nativeipc.error.ClosedException}
 * or {@link InterruptedException}. The timed forms, and every form elsewhere, wait in
 * {@code mq_timedsend}/{@code mq_timedreceive} slices of at most {@value Timeouts#SLICE_MILLIS} ms.
 * {@code EINTR} is retried with the remaining time.
 *
 * <h2>Limits</h2>
 * A payload larger than the queue's message size, a receive buffer smaller than it, attributes
 * beyond {@code /proc/sys/fs/mqueue/msg_max} or {@code msgsize_max} (for a process without
 * {@code CAP_SYS_RESOURCE}), and an exhausted {@code RLIMIT_MSGQUEUE} each throw a
 * {@link io.github.nativeipc.error.LimitReachedException} or
 * {@link io.github.nativeipc.error.InvalidArgumentException} whose message names the limit, its
 * value and where it is set.
 *
 * <p>Thread-safe: any threads may send and receive concurrently (the kernel orders them).
 * Linux only (macOS has no POSIX message queues).
 */
public final class PosixMessageQueue implements AutoCloseable, DescriptorOwner {
    private static final LibC C = Native.libc();
    private static final int EINTR = Errno.EINTR.value();
    private static final int ETIMEDOUT = Errno.ETIMEDOUT.value();
    private static final int EAGAIN = Errno.EAGAIN.value();
    private static final int EMSGSIZE = Errno.EMSGSIZE.value();

    /** A received message with its priority (the allocating convenience form of {@link #receive(ByteBuffer)}). */
    public record Message(byte[] payload, int priority) {}

    private final String name;
    private final int mqd;
    private final Access access;
    private final boolean created;
    private final boolean unlinkOnClose;
    private final long messageSize;
    private final long maxMessages;
    /** Whether untimed waits are one untimed call, woken by {@link InterruptWatch} (Linux), or timed slices. */
    private static final boolean WATCHED = Threads.supported();
    private final HandleGuard guard;
    private final java.lang.ref.Cleaner.Cleanable cleanable;
    private volatile boolean polled;

    private PosixMessageQueue(String name, int mqd, Access access, boolean created, boolean unlinkOnClose,
            MessageQueueAttributes attributes) {
        this.name = name;
        this.mqd = mqd;
        this.access = access;
        this.created = created;
        this.unlinkOnClose = unlinkOnClose;
        this.messageSize = attributes.messageSize();
        this.maxMessages = attributes.maxMessages();
        this.guard = new HandleGuard(() -> C.mq_close(mqd));
        this.cleanable = Syscalls.CLEANER.register(this, guard::close);
    }

    /** Wraps a fresh descriptor, reading the sizes it needs; closes it (and removes a new queue) on failure. */
    private static PosixMessageQueue wrap(String name, int mqd, Access access, boolean created, boolean unlinkOnClose)
            throws IpcException {
        try {
            return new PosixMessageQueue(name, mqd, access, created, unlinkOnClose, readAttributes(mqd, name));
        } catch (IpcException e) {
            C.mq_close(mqd);
            if (created) {
                C.mq_unlink(name);
            }
            throw e;
        }
    }

    private static MessageQueueAttributes readAttributes(int mqd, String name) throws IpcException {
        Syscalls.Scratch s = Syscalls.Scratch.get();
        if (C.mq_getattr(mqd, s.mqAttrAddress) != 0) {
            throw Syscalls.error("mq_getattr(" + name + ")", name);
        }
        ByteBuffer a = s.mqAttr;
        return new MessageQueueAttributes(a.getLong(MQ_ATTR_MAXMSG_OFFSET), a.getLong(MQ_ATTR_MSGSIZE_OFFSET),
                a.getLong(MQ_ATTR_CURMSGS_OFFSET), (a.getLong(MQ_ATTR_FLAGS_OFFSET) & O_NONBLOCK) != 0);
    }

    // ---------------------------------------------------------------- opening

    /**
     * Creates a queue with the given attributes (null: the system defaults,
     * {@code /proc/sys/fs/mqueue/msg_default} and {@code msgsize_default}), mode {@code 0600},
     * opened for sending and receiving; fails if the name exists.
     * Calls {@code mq_open(name, O_CREAT|O_EXCL|O_RDWR, 0600, &attr)} and {@code fchmod}.
     *
     * @throws io.github.nativeipc.error.AlreadyExistsException if the name exists
     * @throws io.github.nativeipc.error.InvalidArgumentException for an invalid name, or attributes
     *         beyond {@code msg_max}/{@code msgsize_max} (the message says which and their values)
     * @throws io.github.nativeipc.error.LimitReachedException if {@code RLIMIT_MSGQUEUE} or
     *         {@code queues_max} is exhausted
     */
    public static PosixMessageQueue create(String name, MessageQueueAttributes attributes) throws IpcException {
        return create(name, attributes, Access.READ_WRITE, CreateOptions.defaults());
    }

    /** Like {@link #create(String, MessageQueueAttributes)} with the access and options given. */
    public static PosixMessageQueue create(String name, MessageQueueAttributes attributes, Access access,
            CreateOptions options) throws IpcException {
        PosixNames.validate(name, PosixNames.Kind.SHARED_MEMORY, "mq_open");
        int flags = O_CREAT | O_EXCL | access.openFlag();
        int mqd = createExclusive(name, flags, options.mode(), attributes);
        if (mqd < 0) {
            int errno = Native.errno();
            throw openError(errno, openCall(name, flags, options.mode(), attributes), name, attributes);
        }
        return created(name, mqd, access, options);
    }

    /** Opens an existing queue for sending and receiving: {@code mq_open(name, O_RDWR)}. */
    public static PosixMessageQueue open(String name) throws IpcException {
        return open(name, Access.READ_WRITE);
    }

    /**
     * Opens an existing queue: {@code mq_open(name, O_RDONLY|O_WRONLY|O_RDWR)}.
     *
     * @throws io.github.nativeipc.error.NotFoundException if it does not exist
     * @throws io.github.nativeipc.error.PermissionDeniedException if its mode does not allow the access
     */
    public static PosixMessageQueue open(String name, Access access) throws IpcException {
        PosixNames.validate(name, PosixNames.Kind.SHARED_MEMORY, "mq_open");
        int mqd = C.mq_open(name, access.openFlag() | O_CLOEXEC);
        if (mqd < 0) {
            throw Syscalls.error("mq_open(" + Syscalls.quote(name) + ", " + Syscalls.openFlags(access.openFlag()) + ")", name);
        }
        return wrap(name, mqd, access, false, false);
    }

    /**
     * Opens {@code name}, creating it with {@code attributes} if it does not exist (an existing
     * queue keeps its attributes); {@link #created()} tells which happened.
     */
    public static PosixMessageQueue openOrCreate(String name, MessageQueueAttributes attributes) throws IpcException {
        return openOrCreate(name, attributes, Access.READ_WRITE, CreateOptions.defaults());
    }

    /** Like {@link #openOrCreate(String, MessageQueueAttributes)} with the access and options given. */
    public static PosixMessageQueue openOrCreate(String name, MessageQueueAttributes attributes, Access access,
            CreateOptions options) throws IpcException {
        PosixNames.validate(name, PosixNames.Kind.SHARED_MEMORY, "mq_open");
        int flags = O_CREAT | O_EXCL | access.openFlag();
        for (;;) {
            int mqd = createExclusive(name, flags, options.mode(), attributes);
            if (mqd >= 0) {
                return created(name, mqd, access, options);
            }
            int errno = Native.errno();
            if (errno != Errno.EEXIST.value()) {
                throw openError(errno, openCall(name, flags, options.mode(), attributes), name, attributes);
            }
            mqd = C.mq_open(name, access.openFlag() | O_CLOEXEC);
            if (mqd >= 0) {
                return wrap(name, mqd, access, false, false);
            }
            if (Native.errno() != Errno.ENOENT.value()) {
                throw Syscalls.error("mq_open(" + Syscalls.quote(name) + ", " + Syscalls.openFlags(access.openFlag()) + ")", name);
            }
        }
    }

    /**
     * Removes the queue's name ({@code mq_unlink}); processes that have it open keep using it, and
     * its messages are freed when the last of them closes it.
     *
     * @throws io.github.nativeipc.error.NotFoundException if it does not exist
     */
    public static void unlink(String name) throws IpcException {
        PosixNames.validate(name, PosixNames.Kind.SHARED_MEMORY, "mq_unlink");
        if (C.mq_unlink(name) != 0) {
            throw Syscalls.error("mq_unlink(" + Syscalls.quote(name) + ")", name);
        }
    }

    private static int createExclusive(String name, int flags, int mode, MessageQueueAttributes attributes) {
        long attr = 0;
        if (attributes != null) {
            Syscalls.Scratch s = Syscalls.Scratch.get();
            s.mqAttr.putLong(MQ_ATTR_FLAGS_OFFSET, 0)
                    .putLong(MQ_ATTR_MAXMSG_OFFSET, attributes.maxMessages())
                    .putLong(MQ_ATTR_MSGSIZE_OFFSET, attributes.messageSize())
                    .putLong(MQ_ATTR_CURMSGS_OFFSET, 0);
            attr = s.mqAttrAddress;
        }
        return C.mq_open(name, flags | O_CLOEXEC, mode, attr);
    }

    private static PosixMessageQueue created(String name, int mqd, Access access, CreateOptions options)
            throws IpcException {
        if (C.fchmod(mqd, options.mode()) != 0) {
            IpcException e = Syscalls.error("fchmod(" + mqd + ", " + Syscalls.mode(options.mode()) + ")", name);
            C.mq_close(mqd);
            C.mq_unlink(name);
            throw e;
        }
        return wrap(name, mqd, access, true, options.unlinkOnClose());
    }

    private static String openCall(String name, int flags, int mode, MessageQueueAttributes a) {
        return "mq_open(" + Syscalls.quote(name) + ", " + Syscalls.openFlags(flags) + ", " + Syscalls.mode(mode) + ", "
                + (a == null ? "NULL" : "{mq_maxmsg=" + a.maxMessages() + ", mq_msgsize=" + a.messageSize() + "}") + ")";
    }

    /** The typed error of a failed creating {@code mq_open}, naming the limit involved. */
    private static IpcException openError(int errno, String call, String name, MessageQueueAttributes a) {
        String detail = null;
        if (errno == Errno.EINVAL.value() && a != null) {
            detail = "mq_maxmsg and mq_msgsize must be at least 1; without CAP_SYS_RESOURCE at most "
                    + sysctl("msg_max") + " messages (/proc/sys/fs/mqueue/msg_max) of "
                    + sysctl("msgsize_max") + " bytes (/proc/sys/fs/mqueue/msgsize_max); with it at most 65536 and 16 MiB";
        } else if (errno == Errno.EMFILE.value()) {
            detail = "either the descriptor limit RLIMIT_NOFILE (ulimit -n) or this user's message-queue memory "
                    + "RLIMIT_MSGQUEUE (ulimit -q, now " + rlimit(PosixConstants.RLIMIT_MSGQUEUE) + " bytes) is exhausted;"
                    + " a queue counts about mq_maxmsg * (mq_msgsize + 16) bytes plus its bookkeeping";
        } else if (errno == Errno.ENOSPC.value()) {
            detail = "the system-wide number of queues reached /proc/sys/fs/mqueue/queues_max (" + sysctl("queues_max") + ")";
        }
        return Errors.fromErrno(errno, call, name, detail);
    }

    static String sysctl(String file) {
        return ProcSys.read("fs/mqueue/" + file);
    }

    private static String rlimit(int resource) {
        ByteBuffer r = Native.scratch(PosixConstants.SIZEOF_RLIMIT);
        if (C.getrlimit(resource, Native.address(r)) != 0) {
            return "unknown";
        }
        long cur = r.getLong(0);
        return cur == PosixConstants.RLIM_INFINITY ? "unlimited" : Long.toString(cur);
    }

    // ---------------------------------------------------------------- properties

    /** The queue's name, such as {@code /orders}. */
    public String name() {
        return name;
    }

    /** How this descriptor was opened. */
    public Access access() {
        return access;
    }

    /** Whether this process created the queue. */
    public boolean created() {
        return created;
    }

    /** Largest message the queue takes ({@code mq_msgsize}), fixed at creation. */
    public long messageSize() {
        return messageSize;
    }

    /** Most messages the queue holds ({@code mq_maxmsg}), fixed at creation. */
    public long maxMessages() {
        return maxMessages;
    }

    public boolean isOpen() {
        return !guard.isClosed();
    }

    /** {@code mq_getattr}: sizes, the messages waiting now, and this descriptor's {@code O_NONBLOCK}. */
    public MessageQueueAttributes attributes() throws IpcException {
        enter("mq_getattr");
        try {
            return readAttributes(mqd, name);
        } finally {
            guard.exit();
        }
    }

    /**
     * Sets or clears {@code O_NONBLOCK} on this descriptor ({@code mq_setattr}). With it set, the
     * blocking forms throw {@link io.github.nativeipc.error.WouldBlockException} instead of waiting;
     * the {@code try} forms behave the same either way.
     */
    public void setNonBlocking(boolean nonBlocking) throws IpcException {
        enter("mq_setattr");
        try {
            Syscalls.Scratch s = Syscalls.Scratch.get();
            s.mqAttr.putLong(MQ_ATTR_FLAGS_OFFSET, nonBlocking ? O_NONBLOCK : 0);
            if (C.mq_setattr(mqd, s.mqAttrAddress, 0) != 0) {
                throw Syscalls.error("mq_setattr(" + name + ", " + (nonBlocking ? "O_NONBLOCK" : "0") + ")", name);
            }
        } finally {
            guard.exit();
        }
    }

    /** {@code fstat} of the queue: permission bits and owner (size is not meaningful). */
    public FileStatus status() throws IpcException {
        enter("fstat");
        try {
            return Stat.status(mqd, name);
        } finally {
            guard.exit();
        }
    }

    // ---------------------------------------------------------------- sending

    /**
     * Sends {@code payload}'s remaining bytes with {@code priority}, waiting while the queue is
     * full. On success the buffer's position reaches its limit.
     *
     * @param priority {@code 0..32767}; higher is received first
     * @throws io.github.nativeipc.error.LimitReachedException if the payload exceeds {@link #messageSize()} ({@code EMSGSIZE})
     * @throws io.github.nativeipc.error.WouldBlockException if the descriptor is non-blocking and the queue is full
     * @throws InterruptedException if interrupted while waiting (nothing was sent)
     */
    public void send(ByteBuffer payload, int priority) throws IpcException, InterruptedException {
        sendUntil(payload, priority, -1L, true);
    }

    /** Sends {@code payload} (see {@link #send(ByteBuffer, int)}). */
    public void send(byte[] payload, int priority) throws IpcException, InterruptedException {
        send(ByteBuffer.wrap(payload), priority);
    }

    /**
     * Sends, waiting at most {@code timeout} for room ({@code mq_timedsend}).
     *
     * @throws io.github.nativeipc.error.WouldBlockException ({@code ETIMEDOUT}) if the time ran out; nothing was sent
     */
    public void send(ByteBuffer payload, int priority, Duration timeout) throws IpcException, InterruptedException {
        long nanos = Timeouts.nanos(timeout);
        if (!sendUntil(payload, priority, nanos, false)) {
            throw timedOut("mq_timedsend(" + name + ", " + payload.remaining() + " bytes, priority " + priority + ")", nanos);
        }
    }

    /** Sends if there is room now; false (nothing sent) if the queue is full. Never throws for a full queue. */
    public boolean trySend(ByteBuffer payload, int priority) throws IpcException {
        try {
            return sendUntil(payload, priority, 0L, false);
        } catch (InterruptedException e) {
            throw new AssertionError("a non-waiting send cannot be interrupted", e);
        }
    }

    private boolean sendUntil(ByteBuffer payload, int priority, long timeoutNanos, boolean blocking)
            throws IpcException, InterruptedException {
        Objects.requireNonNull(payload, "payload");
        if (priority < 0 || priority >= MQ_PRIO_MAX) {
            throw Errors.invalidArgument("mq_send(" + name + ", priority " + priority + ")", name,
                    "priority must be within 0.." + (MQ_PRIO_MAX - 1));
        }
        if (!access.canWrite()) {
            throw Errors.invalidArgument("mq_send(" + name + ")", name, "the queue was opened READ_ONLY");
        }
        enter("mq_send");
        try {
            int length = payload.remaining();
            Syscalls.Scratch s = Syscalls.Scratch.get();
            long address;
            if (payload.isDirect()) {
                address = s.addressOf(payload) + payload.position();   // no JNI look-up per message
            } else {
                ByteBuffer copy = s.payload(length);
                copy.put(0, payload, payload.position(), length);
                address = s.addressOf(copy);
            }
            long start = blocking ? 0L : System.nanoTime();
            for (;;) {
                long slice = slice(timeoutNanos, start, blocking);
                if (slice < 0) {
                    throw timedOut("mq_timedsend(" + name + ", " + length + " bytes, priority " + priority + ")", timeoutNanos);
                }
                int r;
                if (blocking && WATCHED) {
                    s.blockedOn = this;   // untimed: woken by a signal for an interrupt or close (InterruptWatch)
                    r = C.mq_timedsend(mqd, address, length, priority, 0L);
                    s.blockedOn = null;
                } else {
                    deadline(s, slice);
                    r = C.mq_timedsend(mqd, address, length, priority, s.timespecAddress);
                }
                if (r == 0) {
                    payload.position(payload.limit());
                    return true;
                }
                int errno = Native.errno();
                if (errno == ETIMEDOUT && timeoutNanos == 0) {
                    return false;
                }
                if (errno == ETIMEDOUT || errno == EINTR) {
                    continue;
                }
                if (errno == EAGAIN && !blocking) {
                    return false;
                }
                String call = "mq_send(" + name + ", " + length + " bytes, priority " + priority + ")";
                if (errno == EMSGSIZE) {
                    throw Syscalls.error(call, name, "the payload has " + length + " bytes; the queue's messages may have at most "
                            + messageSize + " (mq_msgsize, fixed when the queue was created)");
                }
                throw Syscalls.error(call, name, errno == EAGAIN ? "the descriptor is non-blocking (setNonBlocking)" : null);
            }
        } finally {
            guard.exit();
        }
    }

    // ---------------------------------------------------------------- receiving

    /**
     * Receives the oldest message of the highest priority into {@code dst}, waiting while the
     * queue is empty. The message is written from {@code dst}'s position, which advances by its
     * length. {@code dst} must have {@link #messageSize()} bytes remaining (the kernel's rule).
     *
     * @return the message's priority
     * @throws io.github.nativeipc.error.LimitReachedException if {@code dst} has fewer than {@link #messageSize()} bytes remaining
     * @throws InterruptedException if interrupted while waiting (nothing was received)
     */
    public int receive(ByteBuffer dst) throws IpcException, InterruptedException {
        return receiveUntil(dst, -1L, true);
    }

    /**
     * Receives, waiting at most {@code timeout} ({@code mq_timedreceive}); returns the priority.
     *
     * @throws io.github.nativeipc.error.WouldBlockException ({@code ETIMEDOUT}) if no message came in time
     */
    public int receive(ByteBuffer dst, Duration timeout) throws IpcException, InterruptedException {
        long nanos = Timeouts.nanos(timeout);
        int priority = receiveUntil(dst, nanos, false);
        if (priority < 0) {
            throw timedOut("mq_timedreceive(" + name + ", " + dst.remaining() + " bytes)", nanos);
        }
        return priority;
    }

    /**
     * Receives a message if one is waiting; returns its priority, or -1 (and {@code dst} untouched)
     * if the queue is empty. Allocates nothing and never throws for an empty queue.
     */
    public int tryReceive(ByteBuffer dst) throws IpcException {
        try {
            return receiveUntil(dst, 0L, false);
        } catch (InterruptedException e) {
            throw new AssertionError("a non-waiting receive cannot be interrupted", e);
        }
    }

    /** Receives a message as a new array (allocates; see {@link #receive(ByteBuffer)}). */
    public Message receive() throws IpcException, InterruptedException {
        ByteBuffer b = ByteBuffer.allocate((int) messageSize);
        int priority = receive(b);
        return new Message(java.util.Arrays.copyOf(b.array(), b.position()), priority);
    }

    /**
     * Receives a message as a new array, waiting at most {@code timeout}.
     *
     * @throws io.github.nativeipc.error.WouldBlockException ({@code ETIMEDOUT}) if no message came in time
     */
    public Message receive(Duration timeout) throws IpcException, InterruptedException {
        ByteBuffer b = ByteBuffer.allocate((int) messageSize);
        int priority = receive(b, timeout);
        return new Message(java.util.Arrays.copyOf(b.array(), b.position()), priority);
    }

    private int receiveUntil(ByteBuffer dst, long timeoutNanos, boolean blocking)
            throws IpcException, InterruptedException {
        Objects.requireNonNull(dst, "dst");
        if (!access.canRead()) {
            throw Errors.invalidArgument("mq_receive(" + name + ")", name, "the queue was opened WRITE_ONLY");
        }
        if (dst.isReadOnly()) {
            throw Errors.invalidArgument("mq_receive(" + name + ")", name, "the destination buffer is read-only");
        }
        enter("mq_receive");
        try {
            int room = dst.remaining();
            Syscalls.Scratch s = Syscalls.Scratch.get();
            ByteBuffer target = dst.isDirect() ? null : s.payload(room);
            long address = target == null ? s.addressOf(dst) + dst.position() : s.addressOf(target);
            long start = blocking ? 0L : System.nanoTime();
            for (;;) {
                long slice = slice(timeoutNanos, start, blocking);
                if (slice < 0) {
                    throw timedOut("mq_timedreceive(" + name + ", " + room + " bytes)", timeoutNanos);
                }
                long n;
                if (blocking && WATCHED) {
                    s.blockedOn = this;   // untimed: woken by a signal for an interrupt or close (InterruptWatch)
                    n = C.mq_timedreceive(mqd, address, room, s.intAddress, 0L);
                    s.blockedOn = null;
                } else {
                    deadline(s, slice);
                    n = C.mq_timedreceive(mqd, address, room, s.intAddress, s.timespecAddress);
                }
                if (n >= 0) {
                    if (target != null) {
                        dst.put(dst.position(), target, 0, (int) n);
                    }
                    dst.position(dst.position() + (int) n);
                    return s.intValue.getInt(0);
                }
                int errno = Native.errno();
                if (errno == ETIMEDOUT && timeoutNanos == 0) {
                    return -1;
                }
                if (errno == ETIMEDOUT || errno == EINTR) {
                    continue;
                }
                if (errno == EAGAIN && !blocking) {
                    return -1;
                }
                String call = "mq_receive(" + name + ", " + room + " bytes)";
                if (errno == EMSGSIZE) {
                    throw Syscalls.error(call, name, "the receive buffer has " + room + " bytes remaining; it needs the queue's"
                            + " message size, " + messageSize + " bytes (mq_msgsize)");
                }
                throw Syscalls.error(call, name, errno == EAGAIN ? "the descriptor is non-blocking (setNonBlocking)" : null);
            }
        } finally {
            guard.exit();
        }
    }

    // ---------------------------------------------------------------- asynchronous reception

    /**
     * A future completed when the queue holds at least one message (its descriptor polls
     * readable), on the library's {@code nipc-poller} thread. Receive with {@link #tryReceive}
     * then: another receiver may have been faster. Fails with
     * {@link io.github.nativeipc.error.ClosedException} if this queue is closed first.
     */
    public CompletableFuture<Void> whenReadable() throws IpcException {
        if (!access.canRead()) {
            throw Errors.invalidArgument("poll(" + name + ")", name, "the queue was opened WRITE_ONLY");
        }
        if (guard.isClosed()) {
            throw Errors.closed("poll(" + name + ")", name);
        }
        polled = true;
        return DescriptorPoller.get().whenReadable(mqd, guard, name);
    }

    // ---------------------------------------------------------------- closing

    /** Removes the queue's name ({@link #unlink(String)}); this descriptor stays usable. */
    public void unlink() throws IpcException {
        unlink(name);
    }

    /**
     * Closes this process's descriptor ({@code mq_close}, once no call of another thread is still
     * inside it) and, if opted in at creation, removes the name. Idempotent.
     */
    @Override
    public void close() throws IpcException {
        if (guard.close()) {
            cleanable.clean();
            if (polled) {
                DescriptorPoller.get().wake();
            }
            // Untimed sends and receives block without a slice: signal them until every call has left.
            InterruptWatch.wakeUntilLeft(this, guard);
            if (unlinkOnClose && created && C.mq_unlink(name) != 0 && Native.errno() != Errno.ENOENT.value()) {
                throw Syscalls.error("mq_unlink(" + Syscalls.quote(name) + ")", name);
            }
        }
    }

    /**
     * Lends the queue descriptor (see {@link DescriptorOwner}). On Linux an {@code mqd_t} is a file
     * descriptor: a child or a socket peer that receives it uses the same open queue description.
     */
    @Override
    public int acquireDescriptor() throws ClosedException {
        guard.enterOrThrow("acquireDescriptor", name);
        return mqd;
    }

    @Override
    public void releaseDescriptor() {
        guard.exit();
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public String toString() {
        return "PosixMessageQueue[" + name + ", " + access + ", " + maxMessages + " x " + messageSize + " bytes"
                + (isOpen() ? "" : ", closed") + "]";
    }

    // ---------------------------------------------------------------- internals

    private void enter(String call) throws IpcException {
        if (!guard.enter()) {
            throw Errors.closed(call + "(" + name + ")", name);
        }
    }

    /** The timeout error: the errno the last slice's call set, with the whole wait in the message. */
    private IpcException timedOut(String call, long timeoutNanos) {
        return Errors.fromErrno(ETIMEDOUT, call, name, "nothing happened within " + Duration.ofNanos(timeoutNanos).toMillis() + " ms");
    }

    /**
     * The length of the next kernel wait: 0 for "do not wait", -1 when the timeout has run out,
     * else at most one slice. Throws if interrupted or closed.
     */
    private long slice(long timeoutNanos, long start, boolean blocking) throws InterruptedException, IpcException {
        if (timeoutNanos == 0) {
            return 0;
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted while waiting on " + name);
        }
        if (guard.isClosed()) {
            throw Errors.closed("mq_timedreceive(" + name + ")", name);
        }
        if (blocking) {
            return Timeouts.SLICE_NANOS;
        }
        long remaining = timeoutNanos - (System.nanoTime() - start);
        if (remaining <= 0) {
            return -1;
        }
        return Math.min(Timeouts.SLICE_NANOS, remaining);
    }

    /** Puts now + {@code slice} on CLOCK_REALTIME into the scratch timespec (0 means: already expired). */
    private static void deadline(Syscalls.Scratch s, long slice) throws IpcException {
        ByteBuffer ts = s.timespec;
        if (slice == 0) {
            ts.putLong(0, 0).putLong(8, 0);
            return;
        }
        if (C.clock_gettime(PosixConstants.CLOCK_REALTIME, s.timespecAddress) != 0) {
            throw Syscalls.error("clock_gettime(CLOCK_REALTIME)", "clock");
        }
        long nanos = ts.getLong(8) + slice;
        ts.putLong(0, ts.getLong(0) + nanos / 1_000_000_000L).putLong(8, nanos % 1_000_000_000L);
    }
}
