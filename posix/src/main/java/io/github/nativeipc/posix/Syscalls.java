package io.github.nativeipc.posix;

import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.bindings.PosixConstants;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;

/**
 * Turns a failed C call into the typed exception, and renders calls the way the messages show
 * them ({@code shm_open("/x", O_CREAT|O_EXCL|O_RDWR, 0600)}). Also holds the per-thread native
 * scratch structs, so the hot paths allocate nothing. Thread-safe.
 */
final class Syscalls {
    private Syscalls() {}

    /** The safety net that closes handles never closed (never unlinks): one thread for the package. */
    static final Cleaner CLEANER = Cleaner.create();

    /** The typed exception for the errno that the call just made on this thread stored. */
    static IpcException error(String operation, String object) {
        return Errors.fromErrno(Native.errno(), operation, object);
    }

    /** As {@link #error(String, String)}, with what the caller knows about the cause appended. */
    static IpcException error(String operation, String object, String detail) {
        return Errors.fromErrno(Native.errno(), operation, object, detail);
    }

    static String quote(String name) {
        return '"' + name + '"';
    }

    static String mode(int mode) {
        return String.format("0%o", mode);
    }

    static String openFlags(int flags) {
        StringBuilder sb = new StringBuilder();
        if ((flags & PosixConstants.O_CREAT) != 0) {
            sb.append("O_CREAT|");
        }
        if ((flags & PosixConstants.O_EXCL) != 0) {
            sb.append("O_EXCL|");
        }
        if ((flags & PosixConstants.O_TRUNC) != 0) {
            sb.append("O_TRUNC|");
        }
        if ((flags & PosixConstants.O_NONBLOCK) != 0) {
            sb.append("O_NONBLOCK|");
        }
        int access = flags & 3;
        sb.append(access == PosixConstants.O_RDWR ? "O_RDWR" : access == PosixConstants.O_WRONLY ? "O_WRONLY" : "O_RDONLY");
        return sb.toString();
    }

    static String prot(int prot) {
        if (prot == PosixConstants.PROT_NONE) {
            return "PROT_NONE";
        }
        String r = (prot & PosixConstants.PROT_READ) != 0 ? "PROT_READ" : "";
        String w = (prot & PosixConstants.PROT_WRITE) != 0 ? "PROT_WRITE" : "";
        return r.isEmpty() ? w : w.isEmpty() ? r : r + "|" + w;
    }

    /** Thread-local native structs: a {@code struct timespec}, an {@code int}, a {@code struct stat}. */
    static final class Scratch {
        private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

        final ByteBuffer timespec = Native.scratch(PosixConstants.SIZEOF_TIMESPEC);
        final long timespecAddress = Native.address(timespec);
        final ByteBuffer intValue = Native.scratch(8);
        final long intAddress = Native.address(intValue);
        final ByteBuffer stat = Native.scratch(PosixConstants.SIZEOF_STAT);
        final long statAddress = Native.address(stat);
        final ByteBuffer mqAttr = Native.scratch(PosixConstants.SIZEOF_MQ_ATTR);
        final long mqAttrAddress = Native.address(mqAttr);
        /** A {@code struct msghdr} for {@code sendmsg}/{@code recvmsg}. */
        final ByteBuffer msghdr = Native.scratch(PosixConstants.SIZEOF_MSGHDR);
        final long msghdrAddress = Native.address(msghdr);
        /** A {@code struct sockaddr_un}, with its length ({@code socklen_t}) in {@link #intValue}. */
        final ByteBuffer sockaddr = Native.scratch(PosixConstants.SIZEOF_SOCKADDR_UN);
        final long sockaddrAddress = Native.address(sockaddr);
        /** Control-message space for {@code recvmsg}/{@code sendmsg}; grown on demand. */
        private ByteBuffer control = Native.scratch(64);
        private long controlAddress = Native.address(control);
        /** A direct buffer for payloads given as heap buffers or arrays; grown on demand. */
        private ByteBuffer payload = Native.scratch(256);
        /** This thread's kernel thread id ({@code gettid}), the target of a wake-up signal. */
        final int tid = Threads.gettid();
        /** The thread this scratch belongs to (a scratch is made by, and used in, its own thread). */
        final Thread thread = Thread.currentThread();
        /**
         * The object this thread is blocked on in an untimed call without the JDK's interrupt hook,
         * or null: set just before the call and cleared after it by the thread itself, read racily
         * by {@link InterruptWatch} (a stale value costs one spurious {@code EINTR}, which every such
         * call retries).
         */
        Object blockedOn;

        private Scratch() {
            if (Threads.supported()) {
                InterruptWatch.watch(this);
            }
        }
        private ByteBuffer iovecs;
        private long iovecsAddress;

        /** The last two direct buffers this thread passed to {@link #addressOf} and their addresses. */
        private ByteBuffer lastBuffer;
        private long lastAddress;
        private ByteBuffer otherBuffer;
        private long otherAddress;

        /**
         * The address of direct buffer {@code b} ({@link Native#address}, a JNI call of about 20 ns),
         * remembered for the last two buffers this thread used: a loop that sends from one buffer and
         * receives into another looks neither up again.
         */
        long addressOf(ByteBuffer b) {
            if (b == lastBuffer) {
                return lastAddress;
            }
            if (b == otherBuffer) {
                return otherAddress;
            }
            otherBuffer = lastBuffer;
            otherAddress = lastAddress;
            lastBuffer = b;
            lastAddress = Native.address(b);
            return lastAddress;
        }

        /** Scratch for {@code count} {@code struct iovec}s ({@code count <= IOV_MAX}); its address is {@link #iovecsAddress()}. */
        ByteBuffer iovecs(int count) {
            if (iovecs == null || iovecs.capacity() < count * PosixConstants.SIZEOF_IOVEC) {
                iovecs = Native.scratch(Math.max(16, Integer.highestOneBit(Math.max(count - 1, 1)) << 1) * PosixConstants.SIZEOF_IOVEC);
                iovecsAddress = Native.address(iovecs);
            }
            return iovecs;
        }

        long iovecsAddress() {
            return iovecsAddress;
        }

        /**
         * This thread's {@code struct msghdr}, zeroed, pointing at {@code count} iovecs at {@code iov}
         * and nothing else; returns its address.
         */
        long messageHeader(long iov, int count) {
            for (int i = 0; i < PosixConstants.SIZEOF_MSGHDR; i += 8) {
                msghdr.putLong(i, 0L);
            }
            msghdr.putLong(PosixConstants.MSGHDR_IOV_OFFSET, iov);
            if (PosixConstants.MSGHDR_IOVLEN_OFFSET + 8 <= PosixConstants.MSGHDR_CONTROL_OFFSET) {
                msghdr.putLong(PosixConstants.MSGHDR_IOVLEN_OFFSET, count);   // size_t (Linux)
            } else {
                msghdr.putInt(PosixConstants.MSGHDR_IOVLEN_OFFSET, count);    // int (macOS)
            }
            return msghdrAddress;
        }

        /**
         * {@code msg_flags} until a {@code recvmsg} succeeds: the kernel writes the real flags only
         * then, and never all bits, so this tells "nothing received" from an empty message.
         */
        static final int NO_MESSAGE = -1;
        private long preparedName;
        private int preparedNameLength;
        private long preparedControl;
        private int preparedControlLength;

        /**
         * What the next {@link #preparedHeader} carries besides the data: an address ({@code 0, 0}
         * for none) and control space ({@code 0, 0} for none). Set again before every message.
         */
        void prepareMessage(long name, int nameLength, long control, int controlLength) {
            msghdr.putInt(PosixConstants.MSGHDR_FLAGS_OFFSET, NO_MESSAGE);
            preparedName = name;
            preparedNameLength = nameLength;
            preparedControl = control;
            preparedControlLength = controlLength;
        }

        /**
         * This thread's {@code struct msghdr} for one buffer ({@code length} bytes at {@code data})
         * with what {@link #prepareMessage} set; rewritten in full on every call, since the kernel
         * changes the lengths and flags it returns. Returns its address.
         */
        long preparedHeader(long data, long length) {
            ByteBuffer iov = iovecs(1);
            iov.putLong(0, data);
            iov.putLong(8, length);
            messageHeader(iovecsAddress, 1);
            msghdr.putLong(PosixConstants.MSGHDR_NAME_OFFSET, preparedName);
            msghdr.putInt(PosixConstants.MSGHDR_NAMELEN_OFFSET, preparedNameLength);
            msghdr.putLong(PosixConstants.MSGHDR_CONTROL_OFFSET, preparedControl);
            if (PosixConstants.MSGHDR_CONTROLLEN_OFFSET + 8 <= PosixConstants.MSGHDR_FLAGS_OFFSET) {
                msghdr.putLong(PosixConstants.MSGHDR_CONTROLLEN_OFFSET, preparedControlLength);   // size_t (Linux)
            } else {
                msghdr.putInt(PosixConstants.MSGHDR_CONTROLLEN_OFFSET, preparedControlLength);
            }
            msghdr.putInt(PosixConstants.MSGHDR_FLAGS_OFFSET, NO_MESSAGE);
            return msghdrAddress;
        }

        /** {@code msg_flags} of the last {@code recvmsg} on this thread's header. */
        int messageFlags() {
            return msghdr.getInt(PosixConstants.MSGHDR_FLAGS_OFFSET);
        }

        /** {@code msg_namelen} of the last {@code recvmsg}. */
        int messageNameLength() {
            return msghdr.getInt(PosixConstants.MSGHDR_NAMELEN_OFFSET);
        }

        /** {@code msg_controllen} of the last {@code recvmsg}: the control bytes the kernel wrote. */
        int messageControlLength() {
            return PosixConstants.MSGHDR_CONTROLLEN_OFFSET + 8 <= PosixConstants.MSGHDR_FLAGS_OFFSET
                    ? (int) msghdr.getLong(PosixConstants.MSGHDR_CONTROLLEN_OFFSET)
                    : msghdr.getInt(PosixConstants.MSGHDR_CONTROLLEN_OFFSET);
        }

        /** Control-message scratch of at least {@code size} bytes, zeroed. */
        ByteBuffer control(int size) {
            if (control.capacity() < size) {
                control = Native.scratch(Integer.highestOneBit(Math.max(size - 1, 1)) << 1);
                controlAddress = Native.address(control);
            }
            for (int i = 0; i < size; i++) {
                control.put(i, (byte) 0);
            }
            return control;
        }

        long controlAddress() {
            return controlAddress;
        }

        /** The payload scratch buffer with at least {@code size} bytes, cleared and limited to {@code size}. */
        ByteBuffer payload(int size) {
            if (payload.capacity() < size) {
                payload = Native.scratch(Math.max(size, Integer.highestOneBit(Math.max(size - 1, 1)) << 1));
            }
            payload.clear().limit(size);
            return payload;
        }

        static Scratch get() {
            return LOCAL.get();
        }
    }
}
