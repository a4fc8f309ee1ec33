/*
 * C peer for the System V tests. Prints what it saw on stdout, exits non-zero on any failure
 * naming the call and errno. KEY is a number (strtol base 0: 0x... accepted), or "id:N" to use the
 * object with id N directly (for IPC_PRIVATE objects, which have no usable key).
 *
 *   sysv_peer msg-send    KEY TYPE TEXT [TYPE TEXT ...]   msgsnd each message
 *   sysv_peer msg-receive KEY TYPE COUNT                  msgrcv COUNT messages selected by TYPE, print "TYPE TEXT"
 *   sysv_peer msg-echo    KEY COUNT                       answer COUNT type-1 requests with type 2: "C:" + upper case
 *   sysv_peer shm-counter KEY N                           attach, wait for START, atomic_fetch_add(COUNTER, 1) N times
 *   sysv_peer sem-hold    KEY                             semop(0, -1, SEM_UNDO), print "held", wait to be killed
 */
#define _GNU_SOURCE
#include "peer.h"

#include <ctype.h>
#include <errno.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <unistd.h>

struct message {
    long mtype;
    char mtext[8192];
};

static void die(const char *what, long key) {
    int e = errno;
    fprintf(stderr, "sysv_peer: %s(0x%lx): %s (%d)\n", what, key, strerror(e), e);
    exit(2);
}

/* The id of the object SPEC names: "id:N", or the one xxxget(KEY, 0) finds. */
static int object_id(const char *spec, int (*get)(key_t), const char *what) {
    if (strncmp(spec, "id:", 3) == 0) return atoi(spec + 3);
    key_t key = (key_t) strtol(spec, NULL, 0);
    int id = get(key);
    if (id < 0) die(what, key);
    return id;
}

static int msg_get(key_t key) { return msgget(key, 0); }
static int shm_get(key_t key) { return shmget(key, 0, 0); }
static int sem_get(key_t key) { return semget(key, 0, 0); }

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc < 3) { fprintf(stderr, "usage: sysv_peer MODE KEY ...\n"); return 3; }
    const char *mode = argv[1];
    key_t key = (key_t) strtol(argv[2], NULL, 0);
    static struct message m;

    if (strcmp(mode, "msg-send") == 0) {
        int q = object_id(argv[2], msg_get, "msgget");
        for (int i = 3; i + 1 < argc; i += 2) {
            m.mtype = atol(argv[i]);
            size_t n = strlen(argv[i + 1]);
            memcpy(m.mtext, argv[i + 1], n);
            while (msgsnd(q, &m, n, 0) != 0) if (errno != EINTR) die("msgsnd", key);
        }
        printf("sent %d\n", (argc - 3) / 2);
        return 0;
    }
    if (strcmp(mode, "msg-receive") == 0 || strcmp(mode, "msg-echo") == 0) {
        int echo = mode[4] == 'e';
        int q = object_id(argv[2], msg_get, "msgget");
        long type = echo ? 1 : atol(argv[3]);
        long count = atol(argv[echo ? 3 : 4]);
        for (long i = 0; i < count; i++) {
            ssize_t n;
            while ((n = msgrcv(q, &m, sizeof m.mtext - 2, type, 0)) < 0) if (errno != EINTR) die("msgrcv", key);
            if (echo) {
                memmove(m.mtext + 2, m.mtext, (size_t) n);
                for (ssize_t k = 0; k < n; k++) m.mtext[2 + k] = (char) toupper((unsigned char) m.mtext[2 + k]);
                m.mtext[0] = 'C';
                m.mtext[1] = ':';
                m.mtype = 2;
                while (msgsnd(q, &m, (size_t) n + 2, 0) != 0) if (errno != EINTR) die("msgsnd", key);
            } else {
                printf("%ld %.*s\n", m.mtype, (int) n, m.mtext);
            }
        }
        printf("done %ld\n", count);
        return 0;
    }
    if (strcmp(mode, "shm-counter") == 0) {
        int id = object_id(argv[2], shm_get, "shmget");
        unsigned char *base = shmat(id, NULL, 0);
        if (base == (void *) -1) die("shmat", key);
        long n = atol(argv[3]);
        _Atomic int64_t *counter = (_Atomic int64_t *) (base + XB_COUNTER_OFF);
        _Atomic uint32_t *start = (_Atomic uint32_t *) (base + XB_START_OFF);
        printf("ready\n");
        while (atomic_load_explicit(start, memory_order_acquire) == 0) { }
        /* Count the increments of the other side seen between two of ours: proof that both ran at
         * once. Yielding now and then lets the other side in even when both share one CPU. */
        long interleaved = 0;
        int64_t last = atomic_fetch_add(counter, 1);
        for (long i = 1; i < n; i++) {
            if (i % 4096 == 0) sched_yield();
            int64_t prev = atomic_fetch_add(counter, 1);
            if (prev != last + 1) interleaved++;
            last = prev;
        }
        printf("done %ld interleaved %ld\n", n, interleaved);
        shmdt(base);
        return 0;
    }
    if (strcmp(mode, "sem-hold") == 0) {
        int id = object_id(argv[2], sem_get, "semget");
        struct sembuf op = { .sem_num = 0, .sem_op = -1, .sem_flg = SEM_UNDO };
        while (semop(id, &op, 1) != 0) if (errno != EINTR) die("semop", key);
        printf("held\n");
        for (;;) pause();
    }
    fprintf(stderr, "sysv_peer: unknown mode %s\n", mode);
    return 3;
}
