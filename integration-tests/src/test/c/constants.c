/*
 * Prints, one "NAME VALUE" per line, the C headers' values of every constant and struct offset the
 * Java bindings hard-code (PosixConstants, Errno). The test compares both lists.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <mqueue.h>
#include <poll.h>
#include <pthread.h>
#include <semaphore.h>
#include <spawn.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define P(name) printf("%s %lld\n", #name, (long long) (name))
#define PV(label, value) printf("%s %lld\n", label, (long long) (value))

int main(void) {
    P(O_RDONLY); P(O_WRONLY); P(O_RDWR); P(O_CREAT); P(O_EXCL); P(O_TRUNC); P(O_NONBLOCK); P(O_CLOEXEC);
    P(F_DUPFD_CLOEXEC);
    P(PROT_NONE); P(PROT_READ); P(PROT_WRITE);
    P(MAP_SHARED); P(MAP_PRIVATE); P(MAP_FIXED); P(MAP_ANONYMOUS); P(MAP_NORESERVE);
    PV("MAP_FAILED", (long) MAP_FAILED);
    P(MS_ASYNC); P(MS_INVALIDATE); P(MS_SYNC);
    PV("SEM_FAILED", (long) SEM_FAILED);
    P(SEM_VALUE_MAX);
    PV("SIZEOF_SEM_T", sizeof(sem_t));
    PV("ALIGNOF_SEM_T", _Alignof(sem_t));
    P(CLOCK_REALTIME); P(CLOCK_MONOTONIC);
    PV("SIZEOF_TIMESPEC", sizeof(struct timespec));
    P(RLIMIT_NOFILE); P(RLIMIT_MSGQUEUE);
    PV("SIZEOF_MQ_ATTR", sizeof(struct mq_attr));
    PV("MQ_ATTR_FLAGS_OFFSET", offsetof(struct mq_attr, mq_flags));
    PV("MQ_ATTR_MAXMSG_OFFSET", offsetof(struct mq_attr, mq_maxmsg));
    PV("MQ_ATTR_MSGSIZE_OFFSET", offsetof(struct mq_attr, mq_msgsize));
    PV("MQ_ATTR_CURMSGS_OFFSET", offsetof(struct mq_attr, mq_curmsgs));
    PV("MQ_PRIO_MAX", sysconf(_SC_MQ_PRIO_MAX));
    P(IPC_PRIVATE); P(IPC_CREAT); P(IPC_EXCL); P(IPC_NOWAIT); P(IPC_RMID); P(IPC_SET); P(IPC_STAT);
    P(SHM_RDONLY); P(MSG_NOERROR); P(MSG_EXCEPT); P(SEM_UNDO);
    P(GETPID); P(GETVAL); P(GETALL); P(GETNCNT); P(GETZCNT); P(SETVAL); P(SETALL);
    PV("SEMVMX", 32767);
    PV("IPC_PERM_KEY_OFFSET", offsetof(struct ipc_perm, __key));
    PV("IPC_PERM_UID_OFFSET", offsetof(struct ipc_perm, uid));
    PV("IPC_PERM_GID_OFFSET", offsetof(struct ipc_perm, gid));
    PV("IPC_PERM_CUID_OFFSET", offsetof(struct ipc_perm, cuid));
    PV("IPC_PERM_CGID_OFFSET", offsetof(struct ipc_perm, cgid));
    PV("IPC_PERM_MODE_OFFSET", offsetof(struct ipc_perm, mode));
    PV("SIZEOF_SHMID_DS", sizeof(struct shmid_ds));
    PV("SHMID_DS_SEGSZ_OFFSET", offsetof(struct shmid_ds, shm_segsz));
    PV("SHMID_DS_ATIME_OFFSET", offsetof(struct shmid_ds, shm_atime));
    PV("SHMID_DS_DTIME_OFFSET", offsetof(struct shmid_ds, shm_dtime));
    PV("SHMID_DS_CTIME_OFFSET", offsetof(struct shmid_ds, shm_ctime));
    PV("SHMID_DS_CPID_OFFSET", offsetof(struct shmid_ds, shm_cpid));
    PV("SHMID_DS_LPID_OFFSET", offsetof(struct shmid_ds, shm_lpid));
    PV("SHMID_DS_NATTCH_OFFSET", offsetof(struct shmid_ds, shm_nattch));
    PV("SIZEOF_MSQID_DS", sizeof(struct msqid_ds));
    PV("MSQID_DS_STIME_OFFSET", offsetof(struct msqid_ds, msg_stime));
    PV("MSQID_DS_RTIME_OFFSET", offsetof(struct msqid_ds, msg_rtime));
    PV("MSQID_DS_CTIME_OFFSET", offsetof(struct msqid_ds, msg_ctime));
    PV("MSQID_DS_CBYTES_OFFSET", offsetof(struct msqid_ds, __msg_cbytes));
    PV("MSQID_DS_QNUM_OFFSET", offsetof(struct msqid_ds, msg_qnum));
    PV("MSQID_DS_QBYTES_OFFSET", offsetof(struct msqid_ds, msg_qbytes));
    PV("MSQID_DS_LSPID_OFFSET", offsetof(struct msqid_ds, msg_lspid));
    PV("MSQID_DS_LRPID_OFFSET", offsetof(struct msqid_ds, msg_lrpid));
    PV("SIZEOF_SEMID_DS", sizeof(struct semid_ds));
    PV("SEMID_DS_OTIME_OFFSET", offsetof(struct semid_ds, sem_otime));
    PV("SEMID_DS_CTIME_OFFSET", offsetof(struct semid_ds, sem_ctime));
    PV("SEMID_DS_NSEMS_OFFSET", offsetof(struct semid_ds, sem_nsems));
    PV("SIZEOF_SEMBUF", sizeof(struct sembuf));
    P(POLLIN); P(POLLERR); P(POLLHUP); P(POLLNVAL);
    PV("SIZEOF_POLLFD", sizeof(struct pollfd));
    PV("SIZEOF_RLIMIT", sizeof(struct rlimit));
    PV("RLIM_INFINITY", (long long) RLIM_INFINITY);
    P(NAME_MAX);
    PV("SC_PAGESIZE", _SC_PAGESIZE);
    PV("SIZEOF_STAT", sizeof(struct stat));
    PV("STAT_MODE_OFFSET", offsetof(struct stat, st_mode));
    PV("STAT_MODE_SIZE", sizeof(((struct stat *) 0)->st_mode));
    PV("STAT_UID_OFFSET", offsetof(struct stat, st_uid));
    PV("STAT_GID_OFFSET", offsetof(struct stat, st_gid));
    PV("STAT_SIZE_OFFSET", offsetof(struct stat, st_size));

    P(POLLOUT);
    P(F_GETFD); P(F_SETFD); P(F_GETFL); P(F_SETFL); P(FD_CLOEXEC); P(F_SETPIPE_SZ); P(F_GETPIPE_SZ);
    P(PIPE_BUF);
    P(MFD_CLOEXEC); P(MFD_ALLOW_SEALING); P(F_ADD_SEALS); P(F_GET_SEALS);
    P(F_SEAL_SEAL); P(F_SEAL_SHRINK); P(F_SEAL_GROW); P(F_SEAL_WRITE); P(F_SEAL_FUTURE_WRITE);
    P(EFD_SEMAPHORE); P(EFD_CLOEXEC); P(EFD_NONBLOCK);
    P(S_IFMT); P(S_IFIFO); P(S_IFSOCK);
    P(POSIX_SPAWN_SETPGROUP); P(POSIX_SPAWN_SETSIGDEF); P(POSIX_SPAWN_SETSIGMASK);
    PV("SIZEOF_POSIX_SPAWN_FILE_ACTIONS_T", sizeof(posix_spawn_file_actions_t));
    PV("SIZEOF_POSIX_SPAWNATTR_T", sizeof(posix_spawnattr_t));
    PV("SIZEOF_SIGSET_T", sizeof(sigset_t));
    P(WNOHANG);
    P(SYS_pidfd_send_signal); P(SYS_pidfd_open);
    PV("SIZEOF_SIGACTION", sizeof(struct sigaction));
    PV("SIGACTION_HANDLER_OFFSET", offsetof(struct sigaction, sa_handler));
    PV("SIGACTION_FLAGS_OFFSET", offsetof(struct sigaction, sa_flags));
    P(SA_RESTART);
    PV("SIG_DFL", (long) SIG_DFL); PV("SIG_IGN", (long) SIG_IGN);
    PV("SIZEOF_IOVEC", sizeof(struct iovec)); P(IOV_MAX);
    P(SYS_gettid); P(SYS_tgkill);

    PV("SIGNAL_HUP", SIGHUP); PV("SIGNAL_INT", SIGINT); PV("SIGNAL_QUIT", SIGQUIT); PV("SIGNAL_ILL", SIGILL);
    PV("SIGNAL_TRAP", SIGTRAP); PV("SIGNAL_ABRT", SIGABRT); PV("SIGNAL_BUS", SIGBUS); PV("SIGNAL_FPE", SIGFPE);
    PV("SIGNAL_KILL", SIGKILL); PV("SIGNAL_USR1", SIGUSR1); PV("SIGNAL_SEGV", SIGSEGV); PV("SIGNAL_USR2", SIGUSR2);
    PV("SIGNAL_PIPE", SIGPIPE); PV("SIGNAL_ALRM", SIGALRM); PV("SIGNAL_TERM", SIGTERM);
#ifdef SIGSTKFLT
    PV("SIGNAL_STKFLT", SIGSTKFLT);
#endif
    PV("SIGNAL_CHLD", SIGCHLD); PV("SIGNAL_CONT", SIGCONT); PV("SIGNAL_STOP", SIGSTOP); PV("SIGNAL_TSTP", SIGTSTP);
    PV("SIGNAL_TTIN", SIGTTIN); PV("SIGNAL_TTOU", SIGTTOU); PV("SIGNAL_URG", SIGURG); PV("SIGNAL_XCPU", SIGXCPU);
    PV("SIGNAL_XFSZ", SIGXFSZ); PV("SIGNAL_VTALRM", SIGVTALRM); PV("SIGNAL_PROF", SIGPROF); PV("SIGNAL_WINCH", SIGWINCH);
    PV("SIGNAL_IO", SIGIO);
#ifdef SIGPWR
    PV("SIGNAL_PWR", SIGPWR);
#endif
    PV("SIGNAL_SYS", SIGSYS);
#ifdef SIGEMT
    PV("SIGNAL_EMT", SIGEMT);
#endif
#ifdef SIGINFO
    PV("SIGNAL_INFO", SIGINFO);
#endif
    P(AF_UNIX); P(SOCK_STREAM); P(SOCK_DGRAM); P(SOCK_SEQPACKET); P(SOCK_CLOEXEC); P(SOCK_NONBLOCK);
    P(SOL_SOCKET); P(SO_TYPE); P(SO_ERROR); P(SO_SNDBUF); P(SO_RCVBUF); P(SO_PASSCRED); P(SO_PEERCRED);
    P(SO_RCVTIMEO); P(SO_SNDTIMEO); P(SO_ACCEPTCONN); P(SCM_RIGHTS); P(SCM_CREDENTIALS);
    P(MSG_PEEK); P(MSG_CTRUNC); P(MSG_TRUNC); P(MSG_DONTWAIT); P(MSG_NOSIGNAL); P(MSG_CMSG_CLOEXEC);
    P(SHUT_RD); P(SHUT_WR); P(SHUT_RDWR);
    PV("SIZEOF_SOCKADDR_UN", sizeof(struct sockaddr_un));
    PV("SOCKADDR_UN_PATH_OFFSET", offsetof(struct sockaddr_un, sun_path));
    PV("SUN_PATH_SIZE", sizeof(((struct sockaddr_un *) 0)->sun_path));
    PV("SIZEOF_MSGHDR", sizeof(struct msghdr));
    PV("MSGHDR_NAME_OFFSET", offsetof(struct msghdr, msg_name));
    PV("MSGHDR_NAMELEN_OFFSET", offsetof(struct msghdr, msg_namelen));
    PV("MSGHDR_IOV_OFFSET", offsetof(struct msghdr, msg_iov));
    PV("MSGHDR_IOVLEN_OFFSET", offsetof(struct msghdr, msg_iovlen));
    PV("MSGHDR_CONTROL_OFFSET", offsetof(struct msghdr, msg_control));
    PV("MSGHDR_CONTROLLEN_OFFSET", offsetof(struct msghdr, msg_controllen));
    PV("MSGHDR_FLAGS_OFFSET", offsetof(struct msghdr, msg_flags));
    PV("CMSGHDR_LEVEL_OFFSET", offsetof(struct cmsghdr, cmsg_level));
    PV("CMSGHDR_TYPE_OFFSET", offsetof(struct cmsghdr, cmsg_type));
    PV("CMSG_DATA_OFFSET", CMSG_LEN(0));
    PV("CMSG_ALIGNMENT", CMSG_ALIGN(1));
    PV("SIZEOF_UCRED", sizeof(struct ucred));
    P(PTHREAD_PROCESS_SHARED); P(PTHREAD_MUTEX_ROBUST); P(PTHREAD_MUTEX_ERRORCHECK);
    PV("SIZEOF_PTHREAD_MUTEX_T", sizeof(pthread_mutex_t));
    PV("SIZEOF_PTHREAD_MUTEXATTR_T", sizeof(pthread_mutexattr_t));
    PV("SIZEOF_PTHREAD_COND_T", sizeof(pthread_cond_t));
    PV("SIZEOF_PTHREAD_CONDATTR_T", sizeof(pthread_condattr_t));
    PV("ALIGNOF_PTHREAD_MUTEX_T", _Alignof(pthread_mutex_t));
    PV("SIGNAL_RTMIN", SIGRTMIN); PV("SIGNAL_RTMAX", SIGRTMAX);

    P(EPERM); P(ENOENT); P(ESRCH); P(EINTR); P(EIO); P(ENXIO); P(E2BIG); P(ENOEXEC); P(EBADF); P(ECHILD);
    P(EAGAIN); P(ENOMEM); P(EACCES); P(EFAULT); P(EBUSY); P(EEXIST); P(EXDEV); P(ENODEV); P(ENOTDIR);
    P(EISDIR); P(EINVAL); P(ENFILE); P(EMFILE); P(ENOTTY); P(ETXTBSY); P(EFBIG); P(ENOSPC); P(ESPIPE);
    P(EROFS); P(EMLINK); P(EPIPE); P(ERANGE); P(EDEADLK); P(ENAMETOOLONG); P(ENOLCK); P(ENOSYS);
    P(ENOTEMPTY); P(ELOOP); P(ENOMSG); P(EIDRM); P(EPROTO); P(EOVERFLOW); P(ENOTSOCK); P(EDESTADDRREQ); P(EMSGSIZE);
    P(EPROTOTYPE); P(ENOPROTOOPT); P(EPROTONOSUPPORT); P(EAFNOSUPPORT);
    P(EOPNOTSUPP); P(EADDRINUSE); P(EADDRNOTAVAIL); P(ECONNABORTED); P(ECONNRESET); P(ENOBUFS);
    P(EISCONN); P(ENOTCONN); P(ETIMEDOUT); P(ECONNREFUSED); P(EALREADY); P(EINPROGRESS); P(ESTALE);
    P(EDQUOT); P(ECANCELED); P(EOWNERDEAD); P(ENOTRECOVERABLE);
    return 0;
}
