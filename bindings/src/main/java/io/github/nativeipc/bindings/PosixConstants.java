package io.github.nativeipc.bindings;

/**
 * Numeric constants and struct layouts of the POSIX C library, for the platform this JVM runs on.
 *
 * <p>Values are the ones the C headers define ({@code <fcntl.h>}, {@code <sys/mman.h>},
 * {@code <semaphore.h>}, {@code <time.h>}, {@code <sys/resource.h>}, {@code <sys/stat.h>}). Linux
 * x86-64 and aarch64 share the generic values used here except for {@code struct stat}; macOS
 * differs in many places. The integration tests compile a C program that prints every value and
 * compare it with these fields, so a wrong number fails the build rather than a user's call.
 *
 * <p>Only constants: no logic. Immutable; thread-safe.
 */
public final class PosixConstants {
    private PosixConstants() {}

    private static final Platform P = Platform.current();
    private static final boolean DARWIN = P.isDarwin();

    // <fcntl.h>
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_CREAT = DARWIN ? 0x200 : 0100;
    public static final int O_EXCL = DARWIN ? 0x800 : 0200;
    public static final int O_TRUNC = DARWIN ? 0x400 : 01000;
    public static final int O_NONBLOCK = DARWIN ? 0x4 : 04000;
    public static final int O_CLOEXEC = DARWIN ? 0x1000000 : 02000000;
    /** {@code fcntl} command: duplicate with close-on-exec set. */
    public static final int F_DUPFD_CLOEXEC = DARWIN ? 67 : 1030;

    // <sys/mman.h>
    public static final int PROT_NONE = 0;
    public static final int PROT_READ = 1;
    public static final int PROT_WRITE = 2;
    public static final int MAP_SHARED = 1;
    public static final int MAP_PRIVATE = 2;
    public static final int MAP_FIXED = 0x10;
    public static final int MAP_ANONYMOUS = DARWIN ? 0x1000 : 0x20;
    public static final int MAP_NORESERVE = DARWIN ? 0x40 : 0x4000;
    /** {@code MAP_FAILED}, {@code (void *) -1}. */
    public static final long MAP_FAILED = -1L;
    public static final int MS_ASYNC = 1;
    public static final int MS_INVALIDATE = 2;
    public static final int MS_SYNC = DARWIN ? 0x10 : 4;

    // <semaphore.h>
    /** {@code SEM_FAILED}: {@code (sem_t *) 0} in glibc, {@code (sem_t *) -1} on macOS. */
    public static final long SEM_FAILED = DARWIN ? -1L : 0L;
    /** {@code SEM_VALUE_MAX}. */
    public static final int SEM_VALUE_MAX = DARWIN ? 32767 : Integer.MAX_VALUE;
    /** {@code sizeof(sem_t)}: 32 on 64-bit glibc. macOS has no unnamed semaphores. */
    public static final int SIZEOF_SEM_T = DARWIN ? 4 : 32;
    /** Alignment {@code sem_t} needs when placed in shared memory. */
    public static final int ALIGNOF_SEM_T = DARWIN ? 4 : 8;

    // <mqueue.h>
    /** {@code sizeof(struct mq_attr)}: four {@code long}s ({@code mq_flags}, {@code mq_maxmsg},
     * {@code mq_msgsize}, {@code mq_curmsgs}) and four reserved. */
    public static final int SIZEOF_MQ_ATTR = 64;
    public static final int MQ_ATTR_FLAGS_OFFSET = 0;
    public static final int MQ_ATTR_MAXMSG_OFFSET = 8;
    public static final int MQ_ATTR_MSGSIZE_OFFSET = 16;
    public static final int MQ_ATTR_CURMSGS_OFFSET = 24;
    /** {@code MQ_PRIO_MAX} on Linux: priorities are {@code 0..MQ_PRIO_MAX-1}. */
    public static final int MQ_PRIO_MAX = 32768;

    // <sys/ipc.h>, <sys/shm.h>, <sys/msg.h>, <sys/sem.h>: System V IPC (Linux values)
    public static final int IPC_PRIVATE = 0;
    public static final int IPC_CREAT = 01000;
    public static final int IPC_EXCL = 02000;
    public static final int IPC_NOWAIT = 04000;
    public static final int IPC_RMID = 0;
    public static final int IPC_SET = 1;
    public static final int IPC_STAT = 2;
    public static final int SHM_RDONLY = 010000;
    public static final int MSG_NOERROR = 010000;
    /** Linux only: receive the first message whose type is not the one given. */
    public static final int MSG_EXCEPT = 020000;
    public static final int SEM_UNDO = 0x1000;
    public static final int GETPID = 11;
    public static final int GETVAL = 12;
    public static final int GETALL = 13;
    public static final int GETNCNT = 14;
    public static final int GETZCNT = 15;
    public static final int SETVAL = 16;
    public static final int SETALL = 17;
    /** {@code SEMVMX}: the largest value a System V semaphore holds. */
    public static final int SEMVMX = 32767;

    /** {@code struct ipc_perm} at the start of every {@code *id_ds}: key, owner, creator, mode. */
    public static final int IPC_PERM_KEY_OFFSET = 0;
    public static final int IPC_PERM_UID_OFFSET = 4;
    public static final int IPC_PERM_GID_OFFSET = 8;
    public static final int IPC_PERM_CUID_OFFSET = 12;
    public static final int IPC_PERM_CGID_OFFSET = 16;
    /** Read as an unsigned short: the field is 2 bytes on x86-64, 4 on aarch64 (little-endian either way). */
    public static final int IPC_PERM_MODE_OFFSET = 20;

    /** {@code struct shmid_ds}. */
    public static final int SIZEOF_SHMID_DS = 112;
    public static final int SHMID_DS_SEGSZ_OFFSET = 48;
    public static final int SHMID_DS_ATIME_OFFSET = 56;
    public static final int SHMID_DS_DTIME_OFFSET = 64;
    public static final int SHMID_DS_CTIME_OFFSET = 72;
    public static final int SHMID_DS_CPID_OFFSET = 80;
    public static final int SHMID_DS_LPID_OFFSET = 84;
    public static final int SHMID_DS_NATTCH_OFFSET = 88;

    /** {@code struct msqid_ds}. */
    public static final int SIZEOF_MSQID_DS = 120;
    public static final int MSQID_DS_STIME_OFFSET = 48;
    public static final int MSQID_DS_RTIME_OFFSET = 56;
    public static final int MSQID_DS_CTIME_OFFSET = 64;
    public static final int MSQID_DS_CBYTES_OFFSET = 72;
    public static final int MSQID_DS_QNUM_OFFSET = 80;
    public static final int MSQID_DS_QBYTES_OFFSET = 88;
    public static final int MSQID_DS_LSPID_OFFSET = 96;
    public static final int MSQID_DS_LRPID_OFFSET = 100;

    /** {@code struct semid_ds}: x86-64 keeps a reserved word after each time, aarch64 does not. */
    public static final int SIZEOF_SEMID_DS = P == Platform.LINUX_AARCH64 ? 88 : 104;
    public static final int SEMID_DS_OTIME_OFFSET = 48;
    public static final int SEMID_DS_CTIME_OFFSET = P == Platform.LINUX_AARCH64 ? 56 : 64;
    public static final int SEMID_DS_NSEMS_OFFSET = P == Platform.LINUX_AARCH64 ? 64 : 80;

    /** {@code struct sembuf}: {@code unsigned short sem_num; short sem_op; short sem_flg;}. */
    public static final int SIZEOF_SEMBUF = 6;

    // <poll.h>
    public static final short POLLIN = 0x1;
    public static final short POLLERR = 0x8;
    public static final short POLLHUP = 0x10;
    public static final short POLLNVAL = 0x20;
    /** {@code sizeof(struct pollfd)}: {@code int fd}, {@code short events}, {@code short revents}. */
    public static final int SIZEOF_POLLFD = 8;

    public static final short POLLOUT = 0x4;

    // <fcntl.h>: descriptor flags, pipe capacity
    public static final int F_GETFD = 1;
    public static final int F_SETFD = 2;
    public static final int F_GETFL = 3;
    public static final int F_SETFL = 4;
    public static final int FD_CLOEXEC = 1;
    /** Linux only: the capacity of a pipe or FIFO in bytes (a power of two, {@code /proc/sys/fs/pipe-max-size} at most). */
    public static final int F_SETPIPE_SZ = 1031;
    public static final int F_GETPIPE_SZ = 1032;
    /** {@code PIPE_BUF} ({@code <limits.h>}): writes of at most this many bytes to a pipe or FIFO are atomic. */
    public static final int PIPE_BUF = DARWIN ? 512 : 4096;

    // <sys/mman.h>, <fcntl.h>: memfd and file seals (Linux only)
    public static final int MFD_CLOEXEC = 1;
    public static final int MFD_ALLOW_SEALING = 2;
    public static final int F_ADD_SEALS = 1033;
    public static final int F_GET_SEALS = 1034;
    public static final int F_SEAL_SEAL = 1;
    public static final int F_SEAL_SHRINK = 2;
    public static final int F_SEAL_GROW = 4;
    public static final int F_SEAL_WRITE = 8;
    /** Linux 5.1+. */
    public static final int F_SEAL_FUTURE_WRITE = 0x10;

    // <sys/eventfd.h> (Linux only)
    public static final int EFD_SEMAPHORE = 1;
    public static final int EFD_CLOEXEC = O_CLOEXEC;
    public static final int EFD_NONBLOCK = O_NONBLOCK;

    // <sys/stat.h>: file types in st_mode
    public static final int S_IFMT = 0170000;
    public static final int S_IFIFO = 0010000;
    public static final int S_IFSOCK = 0140000;

    // <spawn.h>, <signal.h>, <sys/wait.h>
    public static final short POSIX_SPAWN_SETPGROUP = 2;
    public static final short POSIX_SPAWN_SETSIGDEF = 4;
    public static final short POSIX_SPAWN_SETSIGMASK = 8;
    /** macOS only: every descriptor not named by a file action is closed in the child. */
    public static final short POSIX_SPAWN_CLOEXEC_DEFAULT = 0x4000;
    /** {@code sizeof(posix_spawn_file_actions_t)}: a struct in glibc, a pointer on macOS. */
    public static final int SIZEOF_POSIX_SPAWN_FILE_ACTIONS_T = DARWIN ? 8 : 80;
    /** {@code sizeof(posix_spawnattr_t)}: a struct in glibc, a pointer on macOS. */
    public static final int SIZEOF_POSIX_SPAWNATTR_T = DARWIN ? 8 : 336;
    /** {@code sizeof(sigset_t)}: 1024 bits in glibc, 32 on macOS. */
    public static final int SIZEOF_SIGSET_T = DARWIN ? 4 : 128;
    public static final int WNOHANG = 1;

    // <sys/syscall.h>: system calls reached through syscall() where the C library lacks a wrapper
    /** The same number on x86-64 and aarch64 (the unified table since Linux 5.1). */
    public static final long SYS_pidfd_send_signal = 424;
    public static final long SYS_pidfd_open = 434;

    // <signal.h>: struct sigaction (glibc; the same layout on x86-64 and aarch64)
    /** {@code sizeof(struct sigaction)}: handler, 128-byte mask, int flags (padded), restorer. */
    public static final int SIZEOF_SIGACTION = DARWIN ? 16 : 152;
    public static final int SIGACTION_HANDLER_OFFSET = 0;
    public static final int SIGACTION_FLAGS_OFFSET = DARWIN ? 12 : 136;
    public static final int SA_RESTART = DARWIN ? 0x2 : 0x10000000;
    /** {@code SIG_DFL}, {@code (void (*)(int)) 0}. */
    public static final long SIG_DFL = 0L;
    /** {@code SIG_IGN}, {@code (void (*)(int)) 1}. */
    public static final long SIG_IGN = 1L;
    /** {@code sizeof(struct iovec)}. */
    public static final int SIZEOF_IOVEC = 16;
    /** {@code IOV_MAX}: the most buffers one {@code readv}/{@code writev} takes. */
    public static final int IOV_MAX = 1024;
    /** {@code SYS_gettid} and {@code SYS_tgkill}: x86-64 and aarch64 number them differently. */
    public static final long SYS_gettid = P == Platform.LINUX_AARCH64 ? 178 : 186;
    public static final long SYS_tgkill = P == Platform.LINUX_AARCH64 ? 131 : 234;

    // <sys/socket.h>, <sys/un.h>: Unix domain sockets
    public static final int AF_UNIX = 1;
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_SEQPACKET = 5;
    /** Linux only: {@code socket}/{@code accept4} type flags (macOS sets {@code FD_CLOEXEC} with {@code fcntl}). */
    public static final int SOCK_CLOEXEC = O_CLOEXEC;
    public static final int SOCK_NONBLOCK = O_NONBLOCK;
    public static final int SOL_SOCKET = DARWIN ? 0xffff : 1;
    public static final int SO_TYPE = DARWIN ? 0x1008 : 3;
    public static final int SO_ERROR = DARWIN ? 0x1007 : 4;
    public static final int SO_SNDBUF = DARWIN ? 0x1001 : 7;
    public static final int SO_RCVBUF = DARWIN ? 0x1002 : 8;
    /** Linux only: whether received messages carry the sender's {@code SCM_CREDENTIALS}. */
    public static final int SO_PASSCRED = 16;
    /** Linux only: the connected peer's {@code struct ucred}. */
    public static final int SO_PEERCRED = 17;
    public static final int SO_RCVTIMEO = DARWIN ? 0x1006 : 20;
    public static final int SO_SNDTIMEO = DARWIN ? 0x1005 : 21;
    public static final int SO_ACCEPTCONN = DARWIN ? 0x2 : 30;
    public static final int SCM_RIGHTS = 1;
    /** Linux only. */
    public static final int SCM_CREDENTIALS = 2;
    public static final int MSG_PEEK = 2;
    public static final int MSG_CTRUNC = DARWIN ? 0x20 : 8;
    public static final int MSG_TRUNC = DARWIN ? 0x10 : 0x20;
    public static final int MSG_DONTWAIT = DARWIN ? 0x80 : 0x40;
    /** Linux only: a write to a closed peer returns {@code EPIPE} without raising {@code SIGPIPE}. */
    public static final int MSG_NOSIGNAL = 0x4000;
    /** Linux only: received descriptors are close-on-exec from the start. */
    public static final int MSG_CMSG_CLOEXEC = 0x40000000;
    public static final int SHUT_RD = 0;
    public static final int SHUT_WR = 1;
    public static final int SHUT_RDWR = 2;
    /** {@code sizeof(struct sockaddr_un)}: family (2 bytes; a length byte and a family byte on macOS), then {@code sun_path}. */
    public static final int SIZEOF_SOCKADDR_UN = DARWIN ? 106 : 110;
    public static final int SOCKADDR_UN_PATH_OFFSET = 2;
    /** {@code sizeof(sun_path)}: 108 on Linux, 104 on macOS. */
    public static final int SUN_PATH_SIZE = DARWIN ? 104 : 108;
    /** {@code struct msghdr} (LP64): name, namelen, iov, iovlen, control, controllen, flags. */
    public static final int SIZEOF_MSGHDR = DARWIN ? 48 : 56;
    public static final int MSGHDR_NAME_OFFSET = 0;
    public static final int MSGHDR_NAMELEN_OFFSET = 8;
    public static final int MSGHDR_IOV_OFFSET = 16;
    /** {@code size_t} on Linux, {@code int} on macOS. */
    public static final int MSGHDR_IOVLEN_OFFSET = 24;
    public static final int MSGHDR_CONTROL_OFFSET = 32;
    /** {@code size_t} on Linux, {@code socklen_t} on macOS. */
    public static final int MSGHDR_CONTROLLEN_OFFSET = 40;
    public static final int MSGHDR_FLAGS_OFFSET = DARWIN ? 44 : 48;
    /** {@code struct cmsghdr}: {@code cmsg_len} ({@code size_t} on Linux, {@code socklen_t} on macOS), level, type, then data. */
    public static final int CMSGHDR_LEVEL_OFFSET = DARWIN ? 4 : 8;
    public static final int CMSGHDR_TYPE_OFFSET = DARWIN ? 8 : 12;
    /** {@code CMSG_LEN(0)}: where a control message's data starts. */
    public static final int CMSG_DATA_OFFSET = DARWIN ? 12 : 16;
    /** {@code CMSG_ALIGN} granularity: {@code sizeof(size_t)} on Linux, 4 on macOS. */
    public static final int CMSG_ALIGNMENT = DARWIN ? 4 : 8;
    /** {@code SCM_MAX_FD}: the most descriptors one Linux message carries. */
    public static final int SCM_MAX_FD = 253;
    /** {@code sizeof(struct ucred)}: pid, uid, gid (Linux). */
    public static final int SIZEOF_UCRED = 12;

    // <pthread.h>: process-shared robust mutexes and condition variables (glibc layouts)
    public static final int PTHREAD_PROCESS_SHARED = 1;
    /** Linux (glibc) only: macOS has no robust mutexes. */
    public static final int PTHREAD_MUTEX_ROBUST = 1;
    /** Relocking by the owner fails with {@code EDEADLK}, unlocking by another thread with {@code EPERM}. */
    public static final int PTHREAD_MUTEX_ERRORCHECK = 2;
    /** {@code sizeof(pthread_mutex_t)}: 40 on x86-64, 48 on aarch64 (64 on macOS). */
    public static final int SIZEOF_PTHREAD_MUTEX_T = DARWIN ? 64 : P == Platform.LINUX_AARCH64 ? 48 : 40;
    public static final int SIZEOF_PTHREAD_MUTEXATTR_T = DARWIN ? 16 : P == Platform.LINUX_AARCH64 ? 8 : 4;
    /** {@code sizeof(pthread_cond_t)}. */
    public static final int SIZEOF_PTHREAD_COND_T = 48;
    public static final int SIZEOF_PTHREAD_CONDATTR_T = DARWIN ? 16 : P == Platform.LINUX_AARCH64 ? 8 : 4;
    /** Alignment of {@code pthread_mutex_t} and {@code pthread_cond_t}. */
    public static final int ALIGNOF_PTHREAD_MUTEX_T = 8;

    // <time.h>
    public static final int CLOCK_REALTIME = 0;
    public static final int CLOCK_MONOTONIC = DARWIN ? 6 : 1;
    /** {@code sizeof(struct timespec)} on LP64: {@code tv_sec} then {@code tv_nsec}, 8 bytes each. */
    public static final int SIZEOF_TIMESPEC = 16;

    // <sys/resource.h>
    public static final int RLIMIT_NOFILE = DARWIN ? 8 : 7;
    /** Bytes of POSIX message queues a user may have ({@code ulimit -q}); Linux only. */
    public static final int RLIMIT_MSGQUEUE = 12;
    /** {@code sizeof(struct rlimit)}: {@code rlim_cur} then {@code rlim_max}, 8 bytes each. */
    public static final int SIZEOF_RLIMIT = 16;
    public static final long RLIM_INFINITY = DARWIN ? Long.MAX_VALUE : -1L;

    // <limits.h>
    /** Longest file name component, {@code NAME_MAX}. */
    public static final int NAME_MAX = 255;
    /** Longest POSIX shared-memory / semaphore name on macOS ({@code PSHMNAMLEN}, {@code PSEMNAMLEN}). */
    public static final int DARWIN_IPC_NAME_MAX = 31;

    // <unistd.h>
    /** {@code _SC_PAGESIZE} for {@code sysconf}. */
    public static final int SC_PAGESIZE = DARWIN ? 29 : 30;

    // struct stat (<sys/stat.h>): offsets and widths of the fields the library reads.
    public static final int SIZEOF_STAT;
    public static final int STAT_MODE_OFFSET;
    /** Width of {@code st_mode}: 4 on Linux, 2 on macOS. */
    public static final int STAT_MODE_SIZE;
    public static final int STAT_UID_OFFSET;
    public static final int STAT_GID_OFFSET;
    public static final int STAT_SIZE_OFFSET;

    static {
        switch (P) {
            case LINUX_AARCH64:
                // dev 8, ino 8, mode 4, nlink 4, uid 4, gid 4, rdev 8, pad 8, size 8 ...
                SIZEOF_STAT = 128;
                STAT_MODE_OFFSET = 16;
                STAT_MODE_SIZE = 4;
                STAT_UID_OFFSET = 24;
                STAT_GID_OFFSET = 28;
                STAT_SIZE_OFFSET = 48;
                break;
            case DARWIN_X86_64:
            case DARWIN_AARCH64:
                // dev 4, mode 2, nlink 2, ino 8, uid 4, gid 4, rdev 4, pad 4, 4 timespecs, size 8 ...
                SIZEOF_STAT = 144;
                STAT_MODE_OFFSET = 4;
                STAT_MODE_SIZE = 2;
                STAT_UID_OFFSET = 16;
                STAT_GID_OFFSET = 20;
                STAT_SIZE_OFFSET = 96;
                break;
            default:
                // LINUX_X86_64: dev 8, ino 8, nlink 8, mode 4, uid 4, gid 4, pad 4, rdev 8, size 8 ...
                SIZEOF_STAT = 144;
                STAT_MODE_OFFSET = 24;
                STAT_MODE_SIZE = 4;
                STAT_UID_OFFSET = 28;
                STAT_GID_OFFSET = 32;
                STAT_SIZE_OFFSET = 48;
                break;
        }
    }
}
