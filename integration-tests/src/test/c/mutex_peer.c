/*
 * C peer for the process-shared mutex and condition tests: a pthread_mutex_t and a pthread_cond_t
 * that Java initialised inside a POSIX shared-memory object, used with plain pthread calls.
 * Offsets are decimal. Exits 0 on success, 2 naming the failing call.
 *
 *   mutex_peer hold SHM MUTEX_OFF              locks, prints "locked", then sleeps until killed
 *   mutex_peer count SHM MUTEX_OFF COUNTER_OFF N
 *                                              N times: lock, counter += 1 (a plain int64, no atomics), unlock
 *   mutex_peer wait SHM MUTEX_OFF COND_OFF FLAG_OFF
 *                                              lock; print "waiting"; pthread_cond_wait until the int64 flag
 *                                              is 1; set it to 2, broadcast, unlock; print "woken"
 *   mutex_peer signal SHM MUTEX_OFF COND_OFF FLAG_OFF
 *                                              lock; flag = 1; broadcast; unlock; print "signalled"
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static void fail(const char *what, int err) {
    fprintf(stderr, "mutex_peer: %s: %s (%d)\n", what, strerror(err), err);
    exit(2);
}

static unsigned char *map(const char *name) {
    int fd = shm_open(name, O_RDWR, 0);
    if (fd < 0) fail("shm_open", errno);
    struct stat st;
    if (fstat(fd, &st) != 0) fail("fstat", errno);
    void *p = mmap(NULL, (size_t) st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) fail("mmap", errno);
    close(fd);
    return p;
}

static void lock(pthread_mutex_t *m) {
    int r = pthread_mutex_lock(m);
    if (r == EOWNERDEAD) {
        r = pthread_mutex_consistent(m);
    }
    if (r != 0) fail("pthread_mutex_lock", r);
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: mutex_peer hold|count|wait|signal SHM MUTEX_OFF ...\n");
        return 2;
    }
    unsigned char *base = map(argv[2]);
    pthread_mutex_t *m = (pthread_mutex_t *) (base + atol(argv[3]));
    if (strcmp(argv[1], "hold") == 0) {
        lock(m);
        printf("locked\n");
        fflush(stdout);
        for (;;) pause();
    }
    if (strcmp(argv[1], "count") == 0 && argc == 6) {
        int64_t *counter = (int64_t *) (base + atol(argv[4]));
        long n = atol(argv[5]);
        for (long i = 0; i < n; i++) {
            lock(m);
            *counter += 1;
            int r = pthread_mutex_unlock(m);
            if (r != 0) fail("pthread_mutex_unlock", r);
        }
        printf("done\n");
        return 0;
    }
    if (argc == 6) {
        pthread_cond_t *c = (pthread_cond_t *) (base + atol(argv[4]));
        volatile int64_t *flag = (volatile int64_t *) (base + atol(argv[5]));
        lock(m);
        if (strcmp(argv[1], "wait") == 0) {
            printf("waiting\n");
            fflush(stdout);
            while (*flag != 1) {
                int r = pthread_cond_wait(c, m);
                if (r != 0) fail("pthread_cond_wait", r);
            }
            *flag = 2;
        } else {
            *flag = 1;
        }
        int r = pthread_cond_broadcast(c);
        if (r != 0) fail("pthread_cond_broadcast", r);
        r = pthread_mutex_unlock(m);
        if (r != 0) fail("pthread_mutex_unlock", r);
        printf(strcmp(argv[1], "wait") == 0 ? "woken\n" : "signalled\n");
        return 0;
    }
    fprintf(stderr, "mutex_peer: unknown command %s\n", argv[1]);
    return 2;
}
