package io.github.nativeipc.benchmarks.jmh;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.github.nativeipc.benchmarks.client.JnaMessageQueues;
import io.github.nativeipc.benchmarks.client.PrivateBuffer;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.posix.Access;
import io.github.nativeipc.posix.CreateOptions;
import io.github.nativeipc.posix.MessageQueueAttributes;
import io.github.nativeipc.posix.PosixMessageQueue;
import io.github.nativeipc.posix.SysVKey;
import io.github.nativeipc.posix.SysVMessageQueue;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The hot paths of the message queues, in one process, on a queue nobody else uses: one send and
 * one non-blocking receive of {@code size} bytes per operation (two system calls that never wait),
 * from and into direct buffers ({@link PrivateBuffer}). Through this library
 * ({@link PosixMessageQueue#send(ByteBuffer, int)} + {@link PosixMessageQueue#tryReceive(ByteBuffer)},
 * {@link SysVMessageQueue#send(long, ByteBuffer)} + {@link SysVMessageQueue#tryReceive(long, ByteBuffer)},
 * the latter copying the payload through the library's per-thread buffer both ways) and through JNA
 * direct mapping ({@link JnaMessageQueues}) of {@code mq_send} + {@code mq_receive} and of
 * {@code msgsnd} + {@code msgrcv} ({@code IPC_NOWAIT}) on a buffer that already holds the type,
 * i.e. without the copies. {@code bench_peer call-cost-msg} times the same pairs in C.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MessageQueueCallBenchmark {
    private static final int IPC_NOWAIT = 04000;
    private static final int O_RDWR = 2;

    @Param({"8", "4096"})
    public int size;

    private PosixMessageQueue mq;
    private int jnaMq;
    private SysVMessageQueue sysv;
    private ByteBuffer out;
    private ByteBuffer in;
    private Pointer outPointer;
    private Pointer inPointer;
    private ByteBuffer message;
    private Pointer messagePointer;

    @Setup
    public void open() throws IpcException {
        CreateOptions removeOnClose = CreateOptions.defaults().unlinkOnClose(true);
        String name = "/nipc-jmh" + ProcessHandle.current().pid() + "-mq" + size;
        mq = PosixMessageQueue.create(name, MessageQueueAttributes.of(1, size), Access.READ_WRITE, removeOnClose);
        jnaMq = JnaMessageQueues.mq_open(name, O_RDWR);
        sysv = SysVMessageQueue.create(SysVKey.PRIVATE, removeOnClose);
        out = PrivateBuffer.allocate(size);
        in = PrivateBuffer.allocate(size);
        outPointer = Native.getDirectBufferPointer(out);
        inPointer = Native.getDirectBufferPointer(in);
        message = PrivateBuffer.allocate(Long.BYTES + size);
        message.putLong(0, 1);
        messagePointer = Native.getDirectBufferPointer(message);
    }

    @TearDown
    public void close() throws IpcException {
        JnaMessageQueues.mq_close(jnaMq);
        mq.close();
        sysv.close();
    }

    @Benchmark
    public int libraryMqSendTryReceive() throws IpcException, InterruptedException {
        out.clear();
        in.clear();
        mq.send(out, 0);
        return mq.tryReceive(in);
    }

    @Benchmark
    public long librarySysVSendTryReceive() throws IpcException, InterruptedException {
        out.clear();
        in.clear();
        sysv.send(1, out);
        return sysv.tryReceive(1, in);
    }

    @Benchmark
    public long jnaDirectMqSendReceive() {
        JnaMessageQueues.mq_send(jnaMq, outPointer, size, 0);
        return JnaMessageQueues.mq_receive(jnaMq, inPointer, size, null);
    }

    @Benchmark
    public long jnaDirectMsgsndMsgrcv() {
        JnaMessageQueues.msgsnd(sysv.id(), messagePointer, size, IPC_NOWAIT);
        return JnaMessageQueues.msgrcv(sysv.id(), messagePointer, size, 1, IPC_NOWAIT);
    }
}
