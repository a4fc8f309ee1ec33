/*
 * Makes and checks IPC objects with nothing but libc, as any C program on the machine would, for
 * the nipc tests. Prints what it read on stdout; on failure names the call and errno on stderr and
 * exits 2. KEY is a number (strtol base 0).
 *
 *   ipc_maker shm-create NAME SIZE TEXT          shm_open(O_CREAT|O_EXCL, 0600), ftruncate, TEXT at offset 0
 *   ipc_maker shm-read NAME LENGTH               print LENGTH bytes from offset 0, then a newline
 *   ipc_maker mq-create NAME MAXMSG MSGSIZE      mq_open(O_CREAT|O_EXCL, 0600)
 *   ipc_maker mq-send NAME PRIORITY TEXT         mq_send
 *   ipc_maker mq-receive NAME                    non-blocking mq_receive, print "PRIORITY TEXT"
 *   ipc_maker sem-create NAME VALUE              sem_open(O_CREAT|O_EXCL, 0600)
 *   ipc_maker sem-value NAME                     print sem_getvalue
 *   ipc_maker sysv-shm-create KEY SIZE TEXT      shmget(IPC_CREAT|IPC_EXCL|0600), TEXT at offset 0; print the id
 *   ipc_maker sysv-shm-read KEY LENGTH           print LENGTH bytes from offset 0, then a newline
 *   ipc_maker sysv-msg-create KEY                msgget(IPC_CREAT|IPC_EXCL|0600); print the id
 *   ipc_maker sysv-msg-send KEY TYPE TEXT        msgsnd
 *   ipc_maker sysv-msg-receive KEY TYPE          msgrcv(IPC_NOWAIT), print "TYPE TEXT"
 *   ipc_maker sysv-sem-create KEY NSEMS          semget(IPC_CREAT|IPC_EXCL|0600); print the id
 *   ipc_maker sysv-sem-values KEY                print the values, space-separated
 *   ipc_maker signal-wait SIGNO                  block SIGNO, print "ready", sigtimedwait 10 s, print
 *                                                "signal N value V code SI_QUEUE|SI_USER|OTHER pid P"
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void die(const char *call, const char *object) {
    int e = errno;
    fprintf(stderr, "ipc_maker: %s(%s): %s (%d)\n", call, object, strerror(e), e);
    exit(2);
}

static struct {
    long mtype;
    char mtext[8192];
} message;

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: ipc_maker COMMAND NAME|KEY ...\n");
        return 3;
    }
    const char *cmd = argv[1], *name = argv[2];
    key_t key = (key_t) strtol(name, NULL, 0);

    if (strcmp(cmd, "shm-create") == 0 && argc == 5) {
        int fd = shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0600);
        if (fd < 0) die("shm_open", name);
        if (fchmod(fd, 0600) != 0) die("fchmod", name);
        size_t size = strtoul(argv[3], NULL, 0);
        if (ftruncate(fd, size) != 0) die("ftruncate", name);
        char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (p == MAP_FAILED) die("mmap", name);
        memcpy(p, argv[4], strlen(argv[4]));
        return 0;
    }
    if (strcmp(cmd, "shm-read") == 0 && argc == 4) {
        int fd = shm_open(name, O_RDONLY, 0);
        if (fd < 0) die("shm_open", name);
        size_t length = strtoul(argv[3], NULL, 0);
        char *p = mmap(NULL, length, PROT_READ, MAP_SHARED, fd, 0);
        if (p == MAP_FAILED) die("mmap", name);
        fwrite(p, 1, length, stdout);
        putchar('\n');
        return 0;
    }
    if (strcmp(cmd, "mq-create") == 0 && argc == 5) {
        struct mq_attr attr = {.mq_maxmsg = atol(argv[3]), .mq_msgsize = atol(argv[4])};
        mqd_t q = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
        if (q == (mqd_t) -1) die("mq_open", name);
        return 0;
    }
    if (strcmp(cmd, "mq-send") == 0 && argc == 5) {
        mqd_t q = mq_open(name, O_WRONLY);
        if (q == (mqd_t) -1) die("mq_open", name);
        if (mq_send(q, argv[4], strlen(argv[4]), (unsigned) atoi(argv[3])) != 0) die("mq_send", name);
        return 0;
    }
    if (strcmp(cmd, "mq-receive") == 0 && argc == 3) {
        mqd_t q = mq_open(name, O_RDONLY | O_NONBLOCK);
        if (q == (mqd_t) -1) die("mq_open", name);
        struct mq_attr attr;
        if (mq_getattr(q, &attr) != 0) die("mq_getattr", name);
        char *buf = malloc(attr.mq_msgsize);
        unsigned priority;
        ssize_t n = mq_receive(q, buf, attr.mq_msgsize, &priority);
        if (n < 0) die("mq_receive", name);
        printf("%u %.*s\n", priority, (int) n, buf);
        return 0;
    }
    if (strcmp(cmd, "sem-create") == 0 && argc == 4) {
        sem_t *s = sem_open(name, O_CREAT | O_EXCL, 0600, (unsigned) atoi(argv[3]));
        if (s == SEM_FAILED) die("sem_open", name);
        return 0;
    }
    if (strcmp(cmd, "sem-value") == 0 && argc == 3) {
        sem_t *s = sem_open(name, 0);
        if (s == SEM_FAILED) die("sem_open", name);
        int v;
        if (sem_getvalue(s, &v) != 0) die("sem_getvalue", name);
        printf("%d\n", v);
        return 0;
    }
    if (strcmp(cmd, "sysv-shm-create") == 0 && argc == 5) {
        int id = shmget(key, strtoul(argv[3], NULL, 0), IPC_CREAT | IPC_EXCL | 0600);
        if (id < 0) die("shmget", name);
        char *p = shmat(id, NULL, 0);
        if (p == (void *) -1) die("shmat", name);
        memcpy(p, argv[4], strlen(argv[4]));
        shmdt(p);
        printf("%d\n", id);
        return 0;
    }
    if (strcmp(cmd, "sysv-shm-read") == 0 && argc == 4) {
        int id = shmget(key, 0, 0);
        if (id < 0) die("shmget", name);
        char *p = shmat(id, NULL, SHM_RDONLY);
        if (p == (void *) -1) die("shmat", name);
        fwrite(p, 1, strtoul(argv[3], NULL, 0), stdout);
        putchar('\n');
        return 0;
    }
    if (strcmp(cmd, "sysv-msg-create") == 0 && argc == 3) {
        int id = msgget(key, IPC_CREAT | IPC_EXCL | 0600);
        if (id < 0) die("msgget", name);
        printf("%d\n", id);
        return 0;
    }
    if (strcmp(cmd, "sysv-msg-send") == 0 && argc == 5) {
        int id = msgget(key, 0);
        if (id < 0) die("msgget", name);
        message.mtype = atol(argv[3]);
        size_t n = strlen(argv[4]);
        memcpy(message.mtext, argv[4], n);
        if (msgsnd(id, &message, n, 0) != 0) die("msgsnd", name);
        return 0;
    }
    if (strcmp(cmd, "sysv-msg-receive") == 0 && argc == 4) {
        int id = msgget(key, 0);
        if (id < 0) die("msgget", name);
        ssize_t n = msgrcv(id, &message, sizeof message.mtext, atol(argv[3]), IPC_NOWAIT);
        if (n < 0) die("msgrcv", name);
        printf("%ld %.*s\n", message.mtype, (int) n, message.mtext);
        return 0;
    }
    if (strcmp(cmd, "sysv-sem-create") == 0 && argc == 4) {
        int id = semget(key, atoi(argv[3]), IPC_CREAT | IPC_EXCL | 0600);
        if (id < 0) die("semget", name);
        printf("%d\n", id);
        return 0;
    }
    if (strcmp(cmd, "sysv-sem-values") == 0 && argc == 3) {
        int id = semget(key, 0, 0);
        if (id < 0) die("semget", name);
        struct semid_ds ds;
        if (semctl(id, 0, IPC_STAT, &ds) != 0) die("semctl", name);
        for (unsigned long i = 0; i < ds.sem_nsems; i++) {
            int v = semctl(id, (int) i, GETVAL);
            if (v < 0) die("semctl", name);
            printf(i == 0 ? "%d" : " %d", v);
        }
        putchar('\n');
        return 0;
    }
    if (strcmp(cmd, "signal-wait") == 0 && argc == 3) {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, atoi(name));
        if (sigprocmask(SIG_BLOCK, &set, NULL) != 0) die("sigprocmask", name);
        printf("ready\n");
        fflush(stdout);
        siginfo_t info;
        struct timespec ten = { .tv_sec = 10, .tv_nsec = 0 };
        if (sigtimedwait(&set, &info, &ten) < 0) die("sigtimedwait", name);
        printf("signal %d value %d code %s pid %ld\n", info.si_signo, info.si_value.sival_int,
               info.si_code == SI_QUEUE ? "SI_QUEUE" : info.si_code == SI_USER ? "SI_USER" : "OTHER", (long) info.si_pid);
        return 0;
    }
    fprintf(stderr, "ipc_maker: unknown command or wrong argument count: %s\n", cmd);
    return 3;
}
