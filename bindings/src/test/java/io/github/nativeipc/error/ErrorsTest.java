package io.github.nativeipc.error;

import static io.github.nativeipc.bindings.PosixConstants.MAP_ANONYMOUS;
import static io.github.nativeipc.bindings.PosixConstants.MAP_FAILED;
import static io.github.nativeipc.bindings.PosixConstants.MAP_PRIVATE;
import static io.github.nativeipc.bindings.PosixConstants.MAP_SHARED;
import static io.github.nativeipc.bindings.PosixConstants.O_CREAT;
import static io.github.nativeipc.bindings.PosixConstants.O_EXCL;
import static io.github.nativeipc.bindings.PosixConstants.O_RDONLY;
import static io.github.nativeipc.bindings.PosixConstants.O_RDWR;
import static io.github.nativeipc.bindings.PosixConstants.PROT_READ;
import static io.github.nativeipc.bindings.PosixConstants.PROT_WRITE;
import static io.github.nativeipc.bindings.PosixConstants.RLIMIT_NOFILE;
import static io.github.nativeipc.bindings.PosixConstants.SEM_FAILED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.nativeipc.bindings.Errno;
import io.github.nativeipc.bindings.LibC;
import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.bindings.PosixConstants;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each exception type produced from the errno a real failing call stored: the errno is captured
 * by the call itself and mapped in one place.
 */
class ErrorsTest {
    private static final LibC C = Native.libc();
    private final String name = "/nipc-errors-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

    @AfterEach
    void cleanUp() {
        C.shm_unlink(name);
        C.sem_unlink(name);
    }

    private static IpcException last(String call) {
        return Errors.fromErrno(Native.errno(), call, "obj");
    }

    @Test
    void enoentBecomesNotFound() {
        assertEquals(-1, C.shm_open(name, O_RDWR, 0));
        IpcException e = last("shm_open");
        assertInstanceOf(NotFoundException.class, e);
        assertEquals(2, e.errno());
        assertEquals("ENOENT", e.errnoName());
        assertEquals("No such file or directory", e.osMessage());
        assertEquals("shm_open: ENOENT (2) No such file or directory", e.getMessage());
        assertEquals("obj", e.object());
        assertEquals("shm_open", e.operation());
    }

    @Test
    void eexistBecomesAlreadyExists() {
        int fd = C.shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0600);
        try {
            assertEquals(-1, C.shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0600));
            assertInstanceOf(AlreadyExistsException.class, last("shm_open"));
        } finally {
            C.close(fd);
        }
    }

    @Test
    void eaccesBecomesPermissionDenied() {
        int rw = C.shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0600);
        C.ftruncate(rw, 4096);
        int ro = C.shm_open(name, O_RDONLY, 0);
        try {
            assertEquals(MAP_FAILED, C.mmap(null, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0));
            IpcException e = last("mmap");
            assertInstanceOf(PermissionDeniedException.class, e);
            assertEquals("EACCES", e.errnoName());
        } finally {
            C.close(ro);
            C.close(rw);
        }
    }

    @Test
    void eagainBecomesWouldBlock() {
        long sem = C.sem_open(name, O_CREAT | O_EXCL, 0600, 0);
        assertNotEquals(SEM_FAILED, sem);
        try {
            assertEquals(-1, C.sem_trywait(sem));
            IpcException e = last("sem_trywait");
            assertInstanceOf(WouldBlockException.class, e);
            assertEquals("EAGAIN", e.errnoName());
        } finally {
            C.sem_close(sem);
        }
    }

    @Test
    void etimedoutBecomesWouldBlock() {
        long sem = C.sem_open(name, O_CREAT | O_EXCL, 0600, 0);
        ByteBuffer ts = Native.scratch(PosixConstants.SIZEOF_TIMESPEC);   // 1970: long past
        try {
            assertEquals(-1, C.sem_timedwait(sem, Native.address(ts)));
            IpcException e = last("sem_timedwait");
            assertInstanceOf(WouldBlockException.class, e);
            assertEquals("ETIMEDOUT", e.errnoName());
        } finally {
            C.sem_close(sem);
        }
    }

    @Test
    void enomemBecomesLimitReached() {
        assertEquals(MAP_FAILED, C.mmap(null, 1L << 62, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
        IpcException e = last("mmap");
        assertInstanceOf(LimitReachedException.class, e);
        assertEquals("ENOMEM", e.errnoName());
    }

    @Test
    void emfileBecomesLimitReached() {
        ByteBuffer saved = Native.scratch(PosixConstants.SIZEOF_RLIMIT);
        assertEquals(0, C.getrlimit(RLIMIT_NOFILE, Native.address(saved)));
        ByteBuffer none = Native.scratch(PosixConstants.SIZEOF_RLIMIT);
        none.putLong(0, 0).putLong(8, saved.getLong(8));
        int fd;
        int errno;
        assertEquals(0, C.setrlimit(RLIMIT_NOFILE, Native.address(none)));
        try {
            fd = C.shm_open(name, O_CREAT | O_RDWR, 0600);
            errno = Native.errno();
        } finally {
            assertEquals(0, C.setrlimit(RLIMIT_NOFILE, Native.address(saved)));
        }
        assertEquals(-1, fd);
        IpcException e = Errors.fromErrno(errno, "shm_open", name);
        assertInstanceOf(LimitReachedException.class, e);
        assertEquals("EMFILE", e.errnoName());
    }

    @Test
    void ebadfBecomesClosed() {
        assertEquals(-1, C.close(-1));
        IpcException e = last("close");
        assertInstanceOf(ClosedException.class, e);
        assertEquals("EBADF", e.errnoName());
    }

    @Test
    void einvalBecomesInvalidArgument() {
        assertEquals(-1, C.munmap(1, 4096));   // not page-aligned
        IpcException e = last("munmap");
        assertInstanceOf(InvalidArgumentException.class, e);
        assertEquals("EINVAL", e.errnoName());
    }

    @Test
    void epipeFromAWriteToAPipeWithoutReaderBecomesBrokenPipe() {
        ByteBuffer fds = Native.scratch(8);
        assertEquals(0, C.pipe2(Native.address(fds), PosixConstants.O_CLOEXEC));
        int read = fds.getInt(0);
        int write = fds.getInt(4);
        try {
            assertEquals(0, C.close(read));
            // HotSpot ignores SIGPIPE, so the write fails with EPIPE instead of ending the JVM.
            assertEquals(-1L, C.write(write, Native.address(fds), 1));
            IpcException e = last("write");
            assertInstanceOf(BrokenPipeException.class, e);
            assertEquals("EPIPE", e.errnoName());
        } finally {
            C.close(write);
        }
    }

    @Test
    void socketAndSupportErrnosMapToTheirTypes() {
        assertInstanceOf(ConnectionRefusedException.class, Errors.fromErrno(Errno.ECONNREFUSED.value(), "connect", "s"));
        assertInstanceOf(ConnectionResetException.class, Errors.fromErrno(Errno.ECONNRESET.value(), "read", "s"));
        assertInstanceOf(ConnectionResetException.class, Errors.fromErrno(Errno.ECONNABORTED.value(), "accept", "s"));
        assertInstanceOf(AddressInUseException.class, Errors.fromErrno(Errno.EADDRINUSE.value(), "bind", "s"));
        assertInstanceOf(AlreadyExistsException.class, Errors.fromErrno(Errno.EADDRINUSE.value(), "bind", "s"));
        assertInstanceOf(NotFoundException.class, Errors.fromErrno(Errno.ESRCH.value(), "kill", "pid 1"));
        assertInstanceOf(NotSupportedException.class, Errors.fromErrno(Errno.ENOSYS.value(), "pidfd_open", "pid 1"));
        assertInstanceOf(NotSupportedException.class, Errors.fromErrno(Errno.EAFNOSUPPORT.value(), "socket", "s"));
    }

    @Test
    void theErrnoIsTheOneTheFailingCallSetEvenAfterOtherCalls() {
        assertEquals(-1, C.shm_open(name, O_RDWR, 0));   // ENOENT, saved
        C.getpid();                                        // a call that saves nothing
        C.strerror(22);
        assertEquals(2, Native.errno());
    }

    @Test
    void anErrnoOutsideTheTableIsTheRootTypeWithItsNumber() {
        IpcException e = Errors.fromErrno(4000, "op", "obj");
        assertSame(IpcException.class, e.getClass());
        assertEquals("errno 4000", e.errnoName());
        assertEquals(4000, e.errno());
    }

    @Test
    void libraryReasonsCarryNoErrno() {
        InvalidArgumentException e = Errors.invalidArgument("shm_open(\"x\")", "x", "name must start with '/'");
        assertEquals(IpcException.NO_ERRNO, e.errno());
        assertEquals("shm_open(\"x\"): name must start with '/'", e.getMessage());
        assertEquals("sem_wait: /s is closed", Errors.closed("sem_wait", "/s").getMessage());
    }
}
