/*
 * C peer for the POSIX shared-memory and semaphore tests: does, with the plain C API, what a
 * program interoperating with the Java library would do. Every mode prints what it saw on stdout
 * and exits non-zero on any failure, naming the call and errno.
 *
 *   shm_peer echo-named   SHM REQ_SEM RESP_SEM COUNT   serve COUNT requests; named semaphores
 *   shm_peer echo-unnamed SHM COUNT                    same with the sem_t inside SHM (Java inits)
 *   shm_peer client-named SHM REQ_SEM RESP_SEM COUNT   send COUNT requests to a Java server
 *   shm_peer client-unnamed SHM COUNT                  sem_init both sem_t in SHM, set READY, send
 *   shm_peer counter      SHM N                        wait for START, atomic_fetch_add(COUNTER, 1) N times
 *   shm_peer spin-echo    SHM COUNT                    answer COUNT seq-number requests (acquire/release)
 *   shm_peer shrink       SHM SIZE                     ftruncate SHM to SIZE
 *   shm_peer peek64       SHM OFFSET                   print the int64 at OFFSET (atomic acquire load)
 *   shm_peer poke64       SHM OFFSET VALUE             store VALUE at OFFSET (atomic release store)
 *   shm_peer semvalue     SEM                          print sem_getvalue of named SEM
 *   shm_peer sempost      SEM N                        sem_post named SEM N times
 *
 * Reply rule for the echo modes: "C:" followed by the request in upper case. A Java server answers
 * "J:" followed by the request reversed; the client modes check exactly that.
 */
#define _GNU_SOURCE
#include "peer.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <semaphore.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void die(const char *what, const char *obj) {
    int e = errno;
    fprintf(stderr, "shm_peer: %s(%s): %s (%d)\n", what, obj, strerror(e), e);
    exit(2);
}

static void fail(const char *why) {
    fprintf(stderr, "shm_peer: %s\n", why);
    exit(3);
}

/* Maps the whole object; returns its size in *size. */
static unsigned char *map_object(const char *name, size_t *size) {
    int fd = shm_open(name, O_RDWR, 0);
    if (fd < 0) die("shm_open", name);
    struct stat st;
    if (fstat(fd, &st) != 0) die("fstat", name);
    void *p = mmap(NULL, (size_t) st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) die("mmap", name);
    close(fd);
    if (size) *size = (size_t) st.st_size;
    return p;
}

static sem_t *open_sem(const char *name) {
    sem_t *s = sem_open(name, 0);
    if (s == SEM_FAILED) die("sem_open", name);
    return s;
}

static void wait_sem(sem_t *s, const char *what) {
    /* Ten seconds at most: a lost post fails the test instead of hanging it. */
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += 10;
    while (sem_timedwait(s, &ts) != 0) {
        if (errno != EINTR) die("sem_timedwait", what);
    }
}

#define AT(base, off, type) ((type *) ((base) + (off)))

/* Serves one request: reads the message, writes "C:" + upper case. */
static void serve_one(unsigned char *base) {
    uint32_t len = *AT(base, XB_LENGTH_OFF, uint32_t);
    if (len > XB_BUFFER_SIZE - 2) fail("request too long");
    char *buf = (char *) (base + XB_BUFFER_OFF);
    memmove(buf + 2, buf, len);
    for (uint32_t i = 0; i < len; i++) buf[2 + i] = (char) toupper((unsigned char) buf[2 + i]);
    buf[0] = 'C';
    buf[1] = ':';
    *AT(base, XB_LENGTH_OFF, uint32_t) = len + 2;
}

/* Sends request i and checks the Java reply "J:" + reversed request. */
static void request_one(unsigned char *base, sem_t *req, sem_t *resp, long i) {
    char msg[64];
    int len = snprintf(msg, sizeof msg, "from-c-%ld", i);
    memcpy(base + XB_BUFFER_OFF, msg, (size_t) len);
    *AT(base, XB_LENGTH_OFF, uint32_t) = (uint32_t) len;
    if (sem_post(req) != 0) die("sem_post", "request");
    wait_sem(resp, "response");
    uint32_t rlen = *AT(base, XB_LENGTH_OFF, uint32_t);
    const char *r = (const char *) (base + XB_BUFFER_OFF);
    if (rlen != (uint32_t) len + 2 || r[0] != 'J' || r[1] != ':') fail("reply has the wrong shape");
    for (int k = 0; k < len; k++) {
        if (r[2 + k] != msg[len - 1 - k]) fail("reply is not the reversed request");
    }
    if (i < 3) printf("c got: %.*s\n", (int) rlen, r);
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc < 3) fail("usage: shm_peer MODE SHM ...");
    const char *mode = argv[1];
    const char *shm = argv[2];

    if (strcmp(mode, "echo-named") == 0 || strcmp(mode, "client-named") == 0) {
        if (argc != 6) fail("usage: shm_peer echo-named|client-named SHM REQ RESP COUNT");
        unsigned char *base = map_object(shm, NULL);
        sem_t *req = open_sem(argv[3]);
        sem_t *resp = open_sem(argv[4]);
        long count = atol(argv[5]);
        for (long i = 0; i < count; i++) {
            if (mode[0] == 'e') {
                wait_sem(req, argv[3]);
                serve_one(base);
                if (sem_post(resp) != 0) die("sem_post", argv[4]);
            } else {
                request_one(base, req, resp, i);
            }
        }
        printf("done %ld\n", count);
        return 0;
    }
    if (strcmp(mode, "echo-unnamed") == 0 || strcmp(mode, "client-unnamed") == 0) {
        if (argc != 4) fail("usage: shm_peer echo-unnamed|client-unnamed SHM COUNT");
        unsigned char *base = map_object(shm, NULL);
        sem_t *req = AT(base, XB_REQ_SEM_OFF, sem_t);
        sem_t *resp = AT(base, XB_RESP_SEM_OFF, sem_t);
        long count = atol(argv[3]);
        if (mode[0] == 'c') {
            if (sem_init(req, 1, 0) != 0) die("sem_init", "request");
            if (sem_init(resp, 1, 0) != 0) die("sem_init", "response");
            atomic_store_explicit(AT(base, XB_READY_OFF, _Atomic uint32_t), 1, memory_order_release);
        }
        for (long i = 0; i < count; i++) {
            if (mode[0] == 'e') {
                wait_sem(req, "request");
                serve_one(base);
                if (sem_post(resp) != 0) die("sem_post", "response");
            } else {
                request_one(base, req, resp, i);
            }
        }
        printf("done %ld\n", count);
        return 0;
    }
    if (strcmp(mode, "counter") == 0) {
        if (argc != 4) fail("usage: shm_peer counter SHM N");
        unsigned char *base = map_object(shm, NULL);
        long n = atol(argv[3]);
        _Atomic int64_t *counter = AT(base, XB_COUNTER_OFF, _Atomic int64_t);
        _Atomic uint32_t *start = AT(base, XB_START_OFF, _Atomic uint32_t);
        printf("ready\n");
        while (atomic_load_explicit(start, memory_order_acquire) == 0) { /* spin until Java opens the gate */ }
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
        return 0;
    }
    if (strcmp(mode, "spin-echo") == 0) {
        if (argc != 4) fail("usage: shm_peer spin-echo SHM COUNT");
        unsigned char *base = map_object(shm, NULL);
        long count = atol(argv[3]);
        _Atomic int64_t *seq = AT(base, XB_SEQ_OFF, _Atomic int64_t);
        int64_t *payload = AT(base, XB_BUFFER_OFF, int64_t);
        for (long i = 0; i < count; i++) {
            int64_t want = 2 * i + 1;
            /* Spins, then yields between checks, so that Java gets the CPU even when both share one. */
            long spins = 0;
            while (atomic_load_explicit(seq, memory_order_acquire) != want) {
                if (++spins > 100) sched_yield();
            }
            /* The request payload must be visible once the odd sequence number is. */
            if (payload[0] != want * 7 || payload[1] != ~want) fail("payload not visible after acquire");
            payload[0] = want * 11;
            atomic_store_explicit(seq, want + 1, memory_order_release);
        }
        printf("done %ld\n", count);
        return 0;
    }
    if (strcmp(mode, "shrink") == 0) {
        if (argc != 4) fail("usage: shm_peer shrink SHM SIZE");
        int fd = shm_open(shm, O_RDWR, 0);
        if (fd < 0) die("shm_open", shm);
        if (ftruncate(fd, atol(argv[3])) != 0) die("ftruncate", shm);
        printf("shrunk to %s\n", argv[3]);
        return 0;
    }
    if (strcmp(mode, "peek64") == 0 || strcmp(mode, "poke64") == 0) {
        size_t size;
        unsigned char *base = map_object(shm, &size);
        size_t off = (size_t) atoll(argv[3]);
        if (off + 8 > size || off % 8 != 0) fail("offset out of range or misaligned");
        _Atomic int64_t *p = AT(base, off, _Atomic int64_t);
        if (mode[1] == 'e') {
            printf("%lld\n", (long long) atomic_load_explicit(p, memory_order_acquire));
        } else {
            if (argc != 5) fail("usage: shm_peer poke64 SHM OFFSET VALUE");
            atomic_store_explicit(p, (int64_t) atoll(argv[4]), memory_order_release);
            printf("stored\n");
        }
        return 0;
    }
    if (strcmp(mode, "semvalue") == 0 || strcmp(mode, "sempost") == 0) {
        sem_t *s = open_sem(shm);
        if (mode[3] == 'p') {
            long n = argc > 3 ? atol(argv[3]) : 1;
            for (long i = 0; i < n; i++) if (sem_post(s) != 0) die("sem_post", shm);
            printf("posted %ld\n", n);
        } else {
            int v;
            if (sem_getvalue(s, &v) != 0) die("sem_getvalue", shm);
            printf("%d\n", v);
        }
        return 0;
    }
    fail("unknown mode");
    return 1;
}
