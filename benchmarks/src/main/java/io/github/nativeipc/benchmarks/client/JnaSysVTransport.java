package io.github.nativeipc.benchmarks.client;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The alternative to {@link LibrarySysVTransport} without this library: JNA direct mapping of
 * {@code msgsnd}/{@code msgrcv} ({@link JnaMessageQueues}) on two direct buffers of its own that
 * hold the type then the payload, as a JNA user has to lay a System V message out; the payload is
 * copied into and out of them, as the library copies it through its per-thread buffer, so the two
 * differ only in the binding and its checks. {@code EINTR} retried.
 */
final class JnaSysVTransport implements RoundTripTransport {
    private final int msqid;
    private final ByteBuffer out;
    private final Pointer outPointer;
    private final ByteBuffer in;
    private final Pointer inPointer;

    JnaSysVTransport(int msqid, int size) {
        this.msqid = msqid;
        out = PrivateBuffer.allocate(Long.BYTES + size).order(ByteOrder.nativeOrder());
        outPointer = Native.getDirectBufferPointer(out);
        in = PrivateBuffer.allocate(Long.BYTES + size).order(ByteOrder.nativeOrder());
        inPointer = Native.getDirectBufferPointer(in);
        out.putLong(0, LibrarySysVTransport.REQUEST);
    }

    @Override
    public void send(long i, ByteBuffer message) {
        int n = message.remaining();
        out.put(Long.BYTES, message, message.position(), n);
        for (;;) {
            try {
                JnaMessageQueues.msgsnd(msqid, outPointer, n, 0);
                break;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != JnaMqTransport.EINTR) {
                    throw e;
                }
            }
        }
        message.position(message.limit());
    }

    @Override
    public void receive(long i, ByteBuffer message) {
        for (;;) {
            try {
                long n = JnaMessageQueues.msgrcv(msqid, inPointer, message.remaining(), LibrarySysVTransport.REPLY, 0);
                message.put(message.position(), in, Long.BYTES, (int) n);
                message.position(message.position() + (int) n);
                return;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != JnaMqTransport.EINTR) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void close() {}
}
