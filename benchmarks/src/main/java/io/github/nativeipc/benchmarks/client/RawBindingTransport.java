package io.github.nativeipc.benchmarks.client;

import io.github.nativeipc.bindings.Errno;
import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.bindings.PosixConstants;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The floor of this library's own approach: the raw binding it is built on ({@link LibC}, jnr-ffi,
 * errno saved per call) called straight from the loop, with none of the typed layer's work (no
 * close guard, argument checks, per-thread scratch, interrupt watch or typed errors). What is left
 * is what any Java client pays for the same system calls through this binding: the JVM's thread
 * transitions, the binding's call and the round trip's own Java code. The typed layer's distance
 * to C splits into its distance to this row (the library's own cost) and this row's distance to C
 * (the floor's). {@code EINTR} retried; any other error ends the run.
 *
 * <p>POSIX message queues: {@code mq_timedsend}/{@code mq_timedreceive} without a timeout (what
 * {@code mq_send}/{@code mq_receive} are in glibc). System V: {@code msgsnd}/{@code msgrcv} on two
 * direct buffers holding the type then the payload, the payload copied in and out as the library
 * and the JNA alternative copy it. FIFOs and Unix sockets: {@code write} until the request went,
 * {@code read} until the reply is complete ({@code recv(MSG_TRUNC)} on seqpacket, as the library
 * reads), on descriptors from {@code open} or {@code socket} + {@code connect}. Not thread-safe:
 * one client thread.
 */
abstract class RawBindingTransport implements RoundTripTransport {
    static final LibC C = Native.libc();
    private static final int EINTR = 4;

    /** The last two direct buffers and their addresses: the loop uses two, looked up once each. */
    private ByteBuffer first;
    private long firstAddress;
    private ByteBuffer second;
    private long secondAddress;

    final long address(ByteBuffer b) {
        if (b == first) {
            return firstAddress;
        }
        if (b == second) {
            return secondAddress;
        }
        second = first;
        secondAddress = firstAddress;
        first = b;
        firstAddress = Native.address(b);
        return firstAddress;
    }

    /** Fails the run unless the call was interrupted (which the caller then retries). */
    static void retryOrFail(String call) throws IOException {
        int errno = Native.errno();
        if (errno != EINTR) {
            throw failed(call, errno);
        }
    }

    /** The error of {@code call}, naming its errno; read it right after the call, before any other. */
    static IOException failed(String call, int errno) {
        return new IOException(call + " failed: " + Errno.nameOf(errno) + " (errno " + errno + ")");
    }

    static RoundTripTransport messageQueues(String requestName, String replyName) throws IOException {
        int request = C.mq_open(requestName, PosixConstants.O_WRONLY);
        if (request < 0) {
            throw failed("mq_open(" + requestName + ", O_WRONLY)", Native.errno());
        }
        int reply = C.mq_open(replyName, PosixConstants.O_RDONLY);
        if (reply < 0) {
            IOException e = failed("mq_open(" + replyName + ", O_RDONLY)", Native.errno());
            C.mq_close(request);
            throw e;
        }
        return new RawBindingTransport() {
            @Override
            public void send(long i, ByteBuffer message) throws IOException {
                long at = address(message) + message.position();
                while (C.mq_timedsend(request, at, message.remaining(), 0, 0L) != 0) {
                    retryOrFail("mq_timedsend");
                }
                message.position(message.limit());
            }

            @Override
            public void receive(long i, ByteBuffer message) throws IOException {
                long at = address(message) + message.position();
                long n;
                while ((n = C.mq_timedreceive(reply, at, message.remaining(), 0L, 0L)) < 0) {
                    retryOrFail("mq_timedreceive");
                }
                message.position(message.position() + (int) n);
            }

            @Override
            public void close() {
                C.mq_close(request);
                C.mq_close(reply);
            }
        };
    }

    static RoundTripTransport sysV(int msqid, int size) {
        ByteBuffer out = PrivateBuffer.allocate(Long.BYTES + size).order(ByteOrder.nativeOrder());
        ByteBuffer in = PrivateBuffer.allocate(Long.BYTES + size).order(ByteOrder.nativeOrder());
        long outAddress = Native.address(out);
        long inAddress = Native.address(in);
        out.putLong(0, LibrarySysVTransport.REQUEST);
        return new RawBindingTransport() {
            @Override
            public void send(long i, ByteBuffer message) throws IOException {
                int n = message.remaining();
                out.put(Long.BYTES, message, message.position(), n);
                while (C.msgsnd(msqid, outAddress, n, 0) != 0) {
                    retryOrFail("msgsnd");
                }
                message.position(message.limit());
            }

            @Override
            public void receive(long i, ByteBuffer message) throws IOException {
                long n;
                while ((n = C.msgrcv(msqid, inAddress, message.remaining(), LibrarySysVTransport.REPLY, 0)) < 0) {
                    retryOrFail("msgrcv");
                }
                message.put(message.position(), in, Long.BYTES, (int) n);
                message.position(message.position() + (int) n);
            }

            @Override
            public void close() {}
        };
    }

    /** Opens the request FIFO for writing, then the reply FIFO for reading (each open waits for the C server's). */
    static RoundTripTransport fifos(String requestPath, String replyPath) throws IOException {
        int request = C.open(requestPath, PosixConstants.O_WRONLY | PosixConstants.O_CLOEXEC, 0);
        if (request < 0) {
            throw failed("open(" + requestPath + ", O_WRONLY)", Native.errno());
        }
        int reply = C.open(replyPath, PosixConstants.O_RDONLY | PosixConstants.O_CLOEXEC, 0);
        if (reply < 0) {
            IOException e = failed("open(" + replyPath + ", O_RDONLY)", Native.errno());
            C.close(request);
            throw e;
        }
        return descriptors(request, reply, false);
    }

    /**
     * A Unix socket of {@code type} connected to {@code path}: requests and replies on the one
     * descriptor; a seqpacket reply is one {@code recv(MSG_TRUNC)}, as the library reads it.
     */
    static RoundTripTransport socket(String path, int type) throws IOException {
        int fd = C.socket(PosixConstants.AF_UNIX, type | PosixConstants.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw failed("socket(AF_UNIX)", Native.errno());
        }
        ByteBuffer address = ByteBuffer.allocateDirect(PosixConstants.SIZEOF_SOCKADDR_UN).order(ByteOrder.nativeOrder());
        byte[] bytes = path.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        address.putShort(0, (short) PosixConstants.AF_UNIX).put(2, bytes);
        if (C.connect(fd, Native.address(address), 2 + bytes.length + 1) != 0) {
            IOException e = failed("connect(" + path + ")", Native.errno());
            C.close(fd);
            throw e;
        }
        return descriptors(fd, fd, type == PosixConstants.SOCK_SEQPACKET);
    }

    /**
     * {@code write} until each request went, {@code read} until each reply is complete (one
     * {@code recv(MSG_TRUNC)} for a message socket), on {@code request} and {@code reply} (the same
     * descriptor for a socket).
     */
    private static RoundTripTransport descriptors(int request, int reply, boolean messages) {
        return new RawBindingTransport() {
            @Override
            public void send(long i, ByteBuffer message) throws IOException {
                long at = address(message);
                while (message.hasRemaining()) {
                    long n = C.write(request, at + message.position(), message.remaining());
                    if (n < 0) {
                        retryOrFail("write");
                    } else {
                        message.position(message.position() + (int) n);
                    }
                }
            }

            @Override
            public void receive(long i, ByteBuffer message) throws IOException {
                long at = address(message);
                while (message.hasRemaining()) {
                    long n = messages ? C.recv(reply, at + message.position(), message.remaining(), PosixConstants.MSG_TRUNC)
                            : C.read(reply, at + message.position(), message.remaining());
                    if (n == 0) {
                        throw new IOException("the server closed its end in the middle of a reply");
                    }
                    if (n < 0) {
                        retryOrFail(messages ? "recv" : "read");
                    } else {
                        message.position(message.position() + (int) n);
                    }
                }
            }

            @Override
            public void close() {
                C.close(request);
                if (reply != request) {
                    C.close(reply);
                }
            }
        };
    }
}
