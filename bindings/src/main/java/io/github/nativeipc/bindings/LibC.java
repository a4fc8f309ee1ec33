package io.github.nativeipc.bindings;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.Encoding;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.annotations.Variadic;

/**
 * Raw declarations of the C library ({@code libc}, with {@code librt}/{@code libpthread} where an
 * older glibc keeps the call there), bound through jnr-ffi.
 *
 * <p>Conventions: C pointers the library owns (a {@code sem_t *}, a scratch struct) are passed as
 * {@code long} addresses, which costs nothing to marshal; strings are NUL-terminated UTF-8 whatever
 * the JVM's default charset ({@link Encoding}: without it jnr-ffi would use the default charset, and
 * under {@code LANG=C} two different non-ASCII names would both become {@code "?"}). Every
 * call that can fail is {@link SaveError}: jnr-ffi stores {@code errno} in native code right after
 * the call returns, and {@link Native#errno()} reads that stored value. Nothing else in between
 * can overwrite it, so the errno seen is the one the failing call set.
 *
 * <p>No logic, no validation: the typed wrappers in {@code io.github.nativeipc.posix} are the only
 * users. Obtain the instance through {@link Native#libc()}. Thread-safe (stateless).
 */
@Encoding("UTF-8")
public interface LibC {
    // <sys/mman.h>: POSIX shared memory and mappings

    /** {@code shm_open(name, oflag, mode)}: declared variadic by Apple (arm64 passes {@code mode} on the stack). */
    @SaveError
    @Variadic(fixedCount = 2)
    int shm_open(String name, int oflag, int mode);

    @SaveError
    int shm_unlink(String name);

    /**
     * {@code mmap}. The address argument is a {@link Pointer} (null for "kernel chooses") on purpose:
     * jnr-ffi 2.3.x corrupts the sixth argument of an all-primitive six-argument call (jnr-ffi
     * issue #181, reproduced here: {@code offset} arrived as garbage and glibc answered EINVAL).
     */
    @SaveError
    long mmap(Pointer addr, long length, int prot, int flags, int fd, long offset);

    @SaveError
    int munmap(long addr, long length);

    @SaveError
    int msync(long addr, long length, int flags);

    // <unistd.h>, <sys/stat.h>

    @SaveError
    int ftruncate(int fd, long length);

    /** {@code fallocate(fd, mode, offset, len)} (Linux): reserve the blocks (tmpfs: pages) of a range now. */
    @SaveError
    int fallocate(int fd, int mode, long offset, long len);

    /** {@code fstat(fd, buf)}; {@code buf} points at {@link PosixConstants#SIZEOF_STAT} bytes. glibc 2.33+. */
    @SaveError
    int fstat(int fd, long statBuf);

    /** Pre-2.33 glibc spelling of {@code fstat}: {@code __fxstat(_STAT_VER, fd, buf)}. */
    @SaveError
    int __fxstat(int version, int fd, long statBuf);

    @SaveError
    int fchmod(int fd, int mode);

    /** {@code fcntl(fd, cmd, arg)} with an {@code int} argument (variadic after {@code cmd}). */
    @SaveError
    @Variadic(fixedCount = 2)
    int fcntl(int fd, int cmd, int arg);

    @SaveError
    int chmod(String path, int mode);

    @SaveError
    int close(int fd);

    long sysconf(int name);


    int getpid();

    int getuid();

    int geteuid();

    // <semaphore.h>

    /** {@code sem_open(name, oflag, mode, value)}: variadic after {@code oflag}. Returns {@code SEM_FAILED} on error. */
    @SaveError
    @Variadic(fixedCount = 2)
    long sem_open(String name, int oflag, int mode, int value);

    /** {@code sem_open(name, oflag)} without {@code O_CREAT}. */
    @SaveError
    long sem_open(String name, int oflag);

    @SaveError
    int sem_close(long sem);

    @SaveError
    int sem_unlink(String name);

    @SaveError
    int sem_wait(long sem);

    @SaveError
    int sem_trywait(long sem);

    /** {@code sem_timedwait(sem, abs)}: {@code abs} is a {@code struct timespec *} on {@code CLOCK_REALTIME}. */
    @SaveError
    int sem_timedwait(long sem, long absTimespec);

    /** {@code sem_clockwait(sem, clock, abs)}: glibc 2.30+ only; see {@link Native#hasSymbol}. */
    @SaveError
    int sem_clockwait(long sem, int clockId, long absTimespec);

    @SaveError
    int sem_post(long sem);

    @SaveError
    int sem_getvalue(long sem, long intOut);

    @SaveError
    int sem_init(long sem, int pshared, int value);

    @SaveError
    int sem_destroy(long sem);

    // <mqueue.h>: POSIX message queues (Linux: mqd_t is a descriptor)

    /** {@code mq_open(name, oflag, mode, attr)}: variadic after {@code oflag}; {@code attr} may be 0 (defaults). */
    @SaveError
    @Variadic(fixedCount = 2)
    int mq_open(String name, int oflag, int mode, long attr);

    /** {@code mq_open(name, oflag)} without {@code O_CREAT}. */
    @SaveError
    int mq_open(String name, int oflag);

    @SaveError
    int mq_close(int mqd);

    @SaveError
    int mq_unlink(String name);

    /** {@code mq_timedsend}: {@code absTimeout} is a {@code struct timespec *} on {@code CLOCK_REALTIME}. */
    @SaveError
    int mq_timedsend(int mqd, long message, long length, int priority, long absTimeout);

    /** {@code mq_timedreceive}: returns the message length or -1; the priority goes to {@code *priorityOut}. */
    @SaveError
    long mq_timedreceive(int mqd, long buffer, long length, long priorityOut, long absTimeout);

    @SaveError
    int mq_getattr(int mqd, long attrOut);

    @SaveError
    int mq_setattr(int mqd, long newAttr, long oldAttrOut);

    // <sys/ipc.h>, <sys/shm.h>, <sys/msg.h>, <sys/sem.h>: System V IPC

    /** {@code ftok(path, id)}: a key from an existing file's inode and device; -1 on error. */
    @SaveError
    int ftok(String path, int id);

    @SaveError
    int shmget(int key, long size, int flags);

    /** {@code shmat}: returns the address, or {@code (void *) -1} on error. */
    @SaveError
    long shmat(int shmid, long address, int flags);

    @SaveError
    int shmdt(long address);

    /** {@code shmctl(shmid, cmd, buf)}: {@code buf} is a {@code struct shmid_ds *} or 0. */
    @SaveError
    int shmctl(int shmid, int cmd, long buf);

    @SaveError
    int msgget(int key, int flags);

    /** {@code msgsnd}: {@code msgp} points at a {@code long mtype} followed by {@code size} bytes. */
    @SaveError
    int msgsnd(int msqid, long msgp, long size, int flags);

    /** {@code msgrcv}: returns the bytes copied after {@code mtype}, or -1. */
    @SaveError
    long msgrcv(int msqid, long msgp, long size, long type, int flags);

    @SaveError
    int msgctl(int msqid, int cmd, long buf);

    @SaveError
    int semget(int key, int count, int flags);

    /** {@code semtimedop(semid, sops, nsops, timeout)}: {@code timeout} is a relative {@code struct timespec *} or 0. */
    @SaveError
    int semtimedop(int semid, long sops, long nsops, long timeout);

    /**
     * {@code semctl(semid, semnum, cmd, arg)}: variadic after {@code cmd}; {@code arg} stands for
     * {@code union semun} ({@code int val}, or a pointer), passed in one integer register.
     */
    @SaveError
    @Variadic(fixedCount = 3)
    int semctl(int semid, int semnum, int cmd, long arg);

    // <poll.h>, <unistd.h>: descriptor readiness and a wake-up pipe

    /** {@code poll(fds, nfds, timeoutMillis)} over {@code struct pollfd[nfds]}. */
    @SaveError
    int poll(long fds, long nfds, int timeoutMillis);

    /** {@code pipe2(fds, flags)}: two {@code int}s at {@code fds}. */
    @SaveError
    int pipe2(long fds, int flags);

    @SaveError
    long read(int fd, long buffer, long count);

    @SaveError
    long write(int fd, long buffer, long count);

    // <sys/mman.h>, <sys/eventfd.h>: Linux anonymous memory files and event counters

    /** {@code memfd_create(name, flags)}: glibc 2.27+; the name is only a label ({@code /memfd:name}). */
    @SaveError
    int memfd_create(String name, int flags);

    /** {@code eventfd(initval, flags)}: a 64-bit counter behind a descriptor. */
    @SaveError
    int eventfd(int initialValue, int flags);

    // <sys/stat.h>, <fcntl.h>: FIFOs and paths

    @SaveError
    int mkfifo(String path, int mode);

    /** {@code open(path, flags, mode)}: variadic after {@code flags}. */
    @SaveError
    @Variadic(fixedCount = 2)
    int open(String path, int flags, int mode);

    @SaveError
    int unlink(String path);

    /** {@code dup3(old, new, flags)}. */
    @SaveError
    int dup3(int oldFd, int newFd, int flags);

    // <spawn.h>, <sys/wait.h>: child processes. The opaque structs live in caller-provided memory.

    /**
     * {@code posix_spawn(pidOut, path, fileActions, attr, argv, envp)} and, below, the {@code p}
     * form that searches {@code PATH}: returns 0 or the error number (not through {@code errno}).
     */
    int posix_spawn(long pidOut, String path, long fileActions, long attr, long argv, long envp);

    int posix_spawnp(long pidOut, String file, long fileActions, long attr, long argv, long envp);

    int posix_spawn_file_actions_init(long fileActions);

    int posix_spawn_file_actions_destroy(long fileActions);

    int posix_spawn_file_actions_adddup2(long fileActions, int fd, int newFd);

    int posix_spawn_file_actions_addclose(long fileActions, int fd);

    int posix_spawn_file_actions_addopen(long fileActions, int fd, String path, int flags, int mode);

    /** glibc 2.29+, macOS 10.15+. */
    int posix_spawn_file_actions_addchdir_np(long fileActions, String path);

    /** glibc 2.34+: close every descriptor from {@code lowFd} up in the child. */
    int posix_spawn_file_actions_addclosefrom_np(long fileActions, int lowFd);

    int posix_spawnattr_init(long attr);

    int posix_spawnattr_destroy(long attr);

    int posix_spawnattr_setflags(long attr, short flags);

    int posix_spawnattr_setsigmask(long attr, long sigset);

    int posix_spawnattr_setsigdefault(long attr, long sigset);

    int posix_spawnattr_setpgroup(long attr, int pgroup);

    @SaveError
    int sigemptyset(long sigset);

    @SaveError
    int sigfillset(long sigset);

    @SaveError
    int sigdelset(long sigset, int signal);

    /** {@code kill(pid, sig)}: a negative pid names a process group. */
    @SaveError
    int kill(int pid, int signal);

    /**
     * {@code sigqueue(pid, sig, value)}: {@code union sigval} is passed by value, in one integer
     * register on x86-64 and aarch64; an {@code int} value sits in its low 32 bits.
     */
    @SaveError
    int sigqueue(int pid, int signal, long value);

    /** {@code waitpid(pid, statusOut, options)}. */
    @SaveError
    int waitpid(int pid, long statusOut, int options);

    /** {@code pidfd_open(pid, flags)}: glibc 2.36+ (Linux 5.3+); else through {@link #syscall}. */
    @SaveError
    int pidfd_open(int pid, int flags);

    /** {@code pidfd_send_signal(pidfd, sig, info, flags)}: glibc 2.36+ (Linux 5.1+); else through {@link #syscall}. */
    @SaveError
    int pidfd_send_signal(int pidfd, int signal, long siginfo, int flags);

    /** {@code syscall(number, a, b, c, d)}, for system calls an older C library has no wrapper for. */
    @SaveError
    @Variadic(fixedCount = 1)
    long syscall(long number, long a, long b, long c, long d);

    // <sys/uio.h>: scatter/gather; <signal.h>: waking a thread blocked in a system call

    /** {@code readv(fd, iov, iovcnt)} over {@code struct iovec[iovcnt]} ({@code void *base; size_t len}). */
    @SaveError
    long readv(int fd, long iov, int iovcnt);

    /** {@code writev(fd, iov, iovcnt)}. */
    @SaveError
    long writev(int fd, long iov, int iovcnt);

    /** {@code sigaction(sig, act, oldact)} over {@code struct sigaction} ({@link PosixConstants#SIZEOF_SIGACTION}). */
    @SaveError
    int sigaction(int signal, long act, long oldact);

    /** {@code gettid()}: glibc 2.30+; else through {@link #syscall}. */
    int gettid();

    /** {@code tgkill(tgid, tid, sig)}: glibc 2.30+; else through {@link #syscall}. */
    @SaveError
    int tgkill(int tgid, int tid, int signal);

    /** glibc's {@code SIGRTMAX}: a runtime value (glibc keeps the lowest real-time signals for itself). */
    int __libc_current_sigrtmax();

    /** glibc's {@code SIGRTMIN}. */
    int __libc_current_sigrtmin();

    // <sys/socket.h>, <sys/un.h>: Unix domain sockets. Addresses and message headers are
    // caller-owned scratch structs laid out by PosixConstants (sockaddr_un, msghdr, cmsghdr).
    // sendto/recvfrom are not declared: six all-primitive arguments meet jnr-ffi #181 (see mmap);
    // sendmsg/recvmsg carry the address instead.

    @SaveError
    int socket(int domain, int type, int protocol);

    /** {@code socketpair(domain, type, protocol, sv)}: two {@code int}s at {@code sv}. */
    @SaveError
    int socketpair(int domain, int type, int protocol, long sv);

    @SaveError
    int bind(int fd, long address, int addressLength);

    @SaveError
    int listen(int fd, int backlog);

    /** {@code accept4(fd, addr, addrlenInOut, flags)}: Linux; {@code addr} may be 0 (then so is the length pointer). */
    @SaveError
    int accept4(int fd, long address, long addressLengthInOut, int flags);

    @SaveError
    int connect(int fd, long address, int addressLength);

    @SaveError
    int shutdown(int fd, int how);

    @SaveError
    int getsockopt(int fd, int level, int name, long value, long valueLengthInOut);

    @SaveError
    int setsockopt(int fd, int level, int name, long value, int valueLength);

    @SaveError
    int getsockname(int fd, long address, long addressLengthInOut);

    @SaveError
    int getpeername(int fd, long address, long addressLengthInOut);

    /** {@code sendmsg(fd, msghdr, flags)}: returns the bytes sent or -1. */
    @SaveError
    long sendmsg(int fd, long message, int flags);

    /** {@code recvmsg(fd, msghdr, flags)}: returns the bytes received (the whole datagram's length with {@code MSG_TRUNC}) or -1. */
    @SaveError
    long recvmsg(int fd, long message, int flags);

    /** {@code send(fd, buf, len, flags)}. */
    @SaveError
    long send(int fd, long buffer, long length, int flags);

    /** {@code recv(fd, buf, len, flags)}: with {@code MSG_TRUNC} on a datagram or seqpacket socket, the message's real length. */
    @SaveError
    long recv(int fd, long buffer, long length, int flags);

    // <pthread.h>: process-shared, robust mutexes and condition variables living in shared memory.
    // These return the error number (0 on success); they do not set errno.

    int pthread_mutexattr_init(long attr);

    int pthread_mutexattr_destroy(long attr);

    int pthread_mutexattr_setpshared(long attr, int pshared);

    int pthread_mutexattr_setrobust(long attr, int robust);

    int pthread_mutexattr_settype(long attr, int type);

    int pthread_mutex_init(long mutex, long attr);

    int pthread_mutex_destroy(long mutex);

    int pthread_mutex_trylock(long mutex);

    /** {@code abstime} on {@code CLOCK_REALTIME}. */
    int pthread_mutex_timedlock(long mutex, long absTimespec);

    /** glibc 2.30+: {@code abstime} on {@code clockId}; see {@link Native#hasSymbol}. */
    int pthread_mutex_clocklock(long mutex, int clockId, long absTimespec);

    int pthread_mutex_unlock(long mutex);

    int pthread_mutex_consistent(long mutex);

    int pthread_condattr_init(long attr);

    int pthread_condattr_destroy(long attr);

    int pthread_condattr_setpshared(long attr, int pshared);

    int pthread_condattr_setclock(long attr, int clockId);

    int pthread_cond_init(long cond, long attr);

    int pthread_cond_destroy(long cond);

    int pthread_cond_signal(long cond);

    int pthread_cond_broadcast(long cond);

    /** {@code abstime} on the clock the condition was initialised with ({@code pthread_condattr_setclock}). */
    int pthread_cond_timedwait(long cond, long mutex, long absTimespec);

    // <time.h>, <sys/resource.h>, <string.h>

    @SaveError
    int clock_gettime(int clockId, long timespecOut);

    @SaveError
    int getrlimit(int resource, long rlimitOut);

    @SaveError
    int setrlimit(int resource, long rlimitIn);

    /** {@code strerror}: glibc returns static strings for known values; the message text of an errno. */
    String strerror(int errnum);
}
