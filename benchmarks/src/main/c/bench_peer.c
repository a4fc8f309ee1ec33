/*
 * The C side of the benchmarks. The server answers every pair (C, Java, alternative clients); the
 * client and bulk-produce modes are the C floor that the Java clients are compared with. The Java
 * clients (io.github.nativeipc.benchmarks.client) do exactly what the client modes here do.
 *
 *   bench_peer serve TRANSPORT SHM REQ RESP SIZE TOTAL SPIN_LIMIT
 *       answer TOTAL requests of SIZE bytes: copy the request out of the message buffer, flip
 *       its first word (^ BL_REPLY_MAGIC), copy the reply back in, ring the reply doorbell.
 *   bench_peer client TRANSPORT SHM REQ RESP SIZE WARMUP COUNT SPIN_LIMIT OUT
 *       send WARMUP + COUNT requests, time each of the last COUNT round trips (request copied in,
 *       doorbell, reply awaited, reply copied out) and write them to OUT as native int64 nanos.
 *   bench_peer bulk-consume SHM CHUNKS SPIN_LIMIT
 *       copy CHUNKS chunks of BL_SLOT_SIZE bytes out of the ring, checking each chunk's number.
 *   bench_peer bulk-produce SHM WARMUP CHUNKS SPIN_LIMIT OUT
 *       copy WARMUP + CHUNKS chunks into the ring; write the nanos from the first copy of the
 *       last CHUNKS to the consumer's last acknowledgement to OUT.
 *   bench_peer call-cost SEM N
 *       in this one process, N times sem_post + sem_trywait on a new named semaphore SEM (unlinked
 *       at once) and on a process-shared unnamed one; prints the nanoseconds per pair of each:
 *       the C floor of the JMH semaphore benchmarks.
 *
 * TRANSPORT is the doorbell: spin (BL_SEQ_OFF, release store / acquire load), named (the named
 * semaphores REQ and RESP), unnamed (the sem_t at BL_REQ_SEM_OFF / BL_RESP_SEM_OFF, initialised
 * by the harness). REQ and RESP are "-" unless named. Waiting on a spin doorbell pauses
 * SPIN_LIMIT times, then calls sched_yield() on every further check; the Java spinners do the same.
 */
#define _GNU_SOURCE
#include "bench.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void die(const char *what, const char *obj) {
    int e = errno;
    fprintf(stderr, "bench_peer: %s(%s): %s (%d)\n", what, obj, strerror(e), e);
    exit(2);
}

static void fail(const char *why) {
    fprintf(stderr, "bench_peer: %s\n", why);
    exit(3);
}

static unsigned char *map_object(const char *name) {
    int fd = shm_open(name, O_RDWR, 0);
    if (fd < 0) die("shm_open", name);
    struct stat st;
    if (fstat(fd, &st) != 0) die("fstat", name);
    if (st.st_size < BL_SIZE) fail("shared-memory object smaller than BL_SIZE");
    void *p = mmap(NULL, BL_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) die("mmap", name);
    close(fd);
    return p;
}

static int64_t now_nanos(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static inline void cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("isb" ::: "memory");
#endif
}

/* Tells the compiler the bytes at p are read: a copy into them is never optimised away. */
static inline void consumed(const void *p) {
    __asm__ __volatile__("" : : "r"(p) : "memory");
}

/* Waits until *p >= want: SPIN_LIMIT pauses, then sched_yield() between checks. */
static inline void await_at_least(_Atomic int64_t *p, int64_t want, long spin_limit) {
    long spins = 0;
    while (atomic_load_explicit(p, memory_order_acquire) < want) {
        if (spins < spin_limit) {
            spins++;
            cpu_relax();
        } else {
            sched_yield();
        }
    }
}

static void sem_wait_retrying(sem_t *s, const char *what) {
    while (sem_wait(s) != 0) {
        if (errno != EINTR) die("sem_wait", what);
    }
}

#define AT(base, off, type) ((type *) ((base) + (off)))

enum transport { SPIN, NAMED, UNNAMED };

struct doorbells {
    enum transport transport;
    _Atomic int64_t *seq;
    sem_t *req;
    sem_t *resp;
    long spin_limit;
};

static struct doorbells open_doorbells(unsigned char *base, const char *transport, const char *req,
                                       const char *resp, long spin_limit) {
    struct doorbells d = { .seq = AT(base, BL_SEQ_OFF, _Atomic int64_t), .spin_limit = spin_limit };
    if (strcmp(transport, "spin") == 0) {
        d.transport = SPIN;
    } else if (strcmp(transport, "named") == 0) {
        d.transport = NAMED;
        d.req = sem_open(req, 0);
        if (d.req == SEM_FAILED) die("sem_open", req);
        d.resp = sem_open(resp, 0);
        if (d.resp == SEM_FAILED) die("sem_open", resp);
    } else if (strcmp(transport, "unnamed") == 0) {
        d.transport = UNNAMED;
        d.req = AT(base, BL_REQ_SEM_OFF, sem_t);
        d.resp = AT(base, BL_RESP_SEM_OFF, sem_t);
    } else {
        fail("unknown transport (spin, named, unnamed)");
    }
    return d;
}

/* Round trip i: the client rings the request doorbell ... */
static inline void ring_request(struct doorbells *d, int64_t i) {
    if (d->transport == SPIN) {
        atomic_store_explicit(d->seq, 2 * i + 1, memory_order_release);
    } else if (sem_post(d->req) != 0) {
        die("sem_post", "request");
    }
}

/* ... the server waits for it ... */
static inline void await_request(struct doorbells *d, int64_t i) {
    if (d->transport == SPIN) {
        await_at_least(d->seq, 2 * i + 1, d->spin_limit);
    } else {
        sem_wait_retrying(d->req, "request");
    }
}

/* ... and rings the reply doorbell, which the client waits for. */
static inline void ring_reply(struct doorbells *d, int64_t i) {
    if (d->transport == SPIN) {
        atomic_store_explicit(d->seq, 2 * i + 2, memory_order_release);
    } else if (sem_post(d->resp) != 0) {
        die("sem_post", "reply");
    }
}

static inline void await_reply(struct doorbells *d, int64_t i) {
    if (d->transport == SPIN) {
        await_at_least(d->seq, 2 * i + 2, d->spin_limit);
    } else {
        sem_wait_retrying(d->resp, "reply");
    }
}

static size_t message_size(const char *arg) {
    long size = atol(arg);
    if (size < 8 || size > BL_MESSAGE_MAX) fail("SIZE must be within 8..4096");
    return (size_t) size;
}

/*
 * A private buffer starting BL_PRIVATE_PAGE_OFFSET bytes into a page, as the Java clients' are
 * (PrivateBuffer.java): the shared buffers start on page boundaries, and a copy whose source and
 * destination sit at the same offset within a page runs much slower (4 KiB aliasing), so where
 * the allocator happens to put a buffer must not decide a comparison.
 */
static unsigned char *private_buffer(size_t size, int fill) {
    size_t pages = (BL_PRIVATE_PAGE_OFFSET + size + 4095) / 4096;
    unsigned char *p = aligned_alloc(4096, pages * 4096);
    if (p == NULL) fail("out of memory");
    p += BL_PRIVATE_PAGE_OFFSET;
    memset(p, fill, size);
    return p;
}

static void write_samples(const char *path, const int64_t *samples, long count) {
    FILE *f = fopen(path, "wb");
    if (f == NULL) die("fopen", path);
    if (fwrite(samples, sizeof *samples, (size_t) count, f) != (size_t) count) die("fwrite", path);
    if (fclose(f) != 0) die("fclose", path);
}

static int serve(char **argv) {
    unsigned char *base = map_object(argv[2]);
    long spin_limit = atol(argv[7]);
    struct doorbells d = open_doorbells(base, argv[1], argv[3], argv[4], spin_limit);
    size_t size = message_size(argv[5]);
    long total = atol(argv[6]);
    unsigned char *message = base + BL_MESSAGE_OFF;
    unsigned char *reply = private_buffer(size, 0);
    for (long i = 0; i < total; i++) {
        await_request(&d, i);
        memcpy(reply, message, size);
        int64_t word;
        memcpy(&word, reply, sizeof word);
        word ^= BL_REPLY_MAGIC;
        memcpy(reply, &word, sizeof word);
        memcpy(message, reply, size);
        ring_reply(&d, i);
    }
    printf("served %ld\n", total);
    return 0;
}

static int client(char **argv) {
    unsigned char *base = map_object(argv[2]);
    long spin_limit = atol(argv[8]);
    struct doorbells d = open_doorbells(base, argv[1], argv[3], argv[4], spin_limit);
    size_t size = message_size(argv[5]);
    long warmup = atol(argv[6]);
    long count = atol(argv[7]);
    if (warmup < 0 || count <= 0) fail("WARMUP must be >= 0 and COUNT > 0");
    unsigned char *message = base + BL_MESSAGE_OFF;
    unsigned char *request = private_buffer(size, 'q');
    unsigned char *reply = private_buffer(size, 0);
    int64_t *samples = calloc((size_t) count, sizeof *samples);
    if (samples == NULL) fail("out of memory");
    for (long i = 0; i < warmup + count; i++) {
        int64_t word = i;
        memcpy(request, &word, sizeof word);
        int64_t t0 = now_nanos();
        memcpy(message, request, size);
        ring_request(&d, i);
        await_reply(&d, i);
        memcpy(reply, message, size);
        consumed(reply);
        int64_t t1 = now_nanos();
        memcpy(&word, reply, sizeof word);
        if (word != (i ^ BL_REPLY_MAGIC)) fail("wrong reply");
        if (i >= warmup) samples[i - warmup] = t1 - t0;
    }
    write_samples(argv[9], samples, count);
    printf("done %ld\n", count);
    return 0;
}

static int bulk_consume(char **argv) {
    unsigned char *base = map_object(argv[2]);
    long chunks = atol(argv[3]);
    long spin_limit = atol(argv[4]);
    _Atomic int64_t *head = AT(base, BL_HEAD_OFF, _Atomic int64_t);
    _Atomic int64_t *tail = AT(base, BL_TAIL_OFF, _Atomic int64_t);
    unsigned char *chunk = private_buffer(BL_SLOT_SIZE, 0);
    for (long c = 0; c < chunks; c++) {
        await_at_least(head, c + 1, spin_limit);
        memcpy(chunk, base + BL_RING_OFF + (size_t) (c % BL_SLOTS) * BL_SLOT_SIZE, BL_SLOT_SIZE);
        consumed(chunk);
        int64_t word;
        memcpy(&word, chunk, sizeof word);
        if (word != c) fail("wrong chunk number");
        atomic_store_explicit(tail, c + 1, memory_order_release);
    }
    printf("consumed %ld\n", chunks);
    return 0;
}

static int bulk_produce(char **argv) {
    unsigned char *base = map_object(argv[2]);
    long warmup = atol(argv[3]);
    long chunks = warmup + atol(argv[4]);
    long spin_limit = atol(argv[5]);
    _Atomic int64_t *head = AT(base, BL_HEAD_OFF, _Atomic int64_t);
    _Atomic int64_t *tail = AT(base, BL_TAIL_OFF, _Atomic int64_t);
    unsigned char *chunk = private_buffer(BL_SLOT_SIZE, 'b');
    int64_t t0 = 0;
    for (long c = 0; c < chunks; c++) {
        if (c == warmup) t0 = now_nanos();
        await_at_least(tail, c + 1 - BL_SLOTS, spin_limit);
        int64_t word = c;
        memcpy(chunk, &word, sizeof word);
        memcpy(base + BL_RING_OFF + (size_t) (c % BL_SLOTS) * BL_SLOT_SIZE, chunk, BL_SLOT_SIZE);
        atomic_store_explicit(head, c + 1, memory_order_release);
    }
    await_at_least(tail, chunks, spin_limit);
    int64_t elapsed = now_nanos() - t0;
    write_samples(argv[6], &elapsed, 1);
    printf("produced %ld\n", chunks);
    return 0;
}

static double post_trywait_nanos(sem_t *s, long n) {
    int64_t t0 = now_nanos();
    for (long i = 0; i < n; i++) {
        if (sem_post(s) != 0) die("sem_post", "call-cost");
        if (sem_trywait(s) != 0) die("sem_trywait", "call-cost");
    }
    return (double) (now_nanos() - t0) / (double) n;
}

static int call_cost(char **argv) {
    long n = atol(argv[3]);
    sem_t *named = sem_open(argv[2], O_CREAT | O_EXCL, 0600, 0);
    if (named == SEM_FAILED) die("sem_open", argv[2]);
    if (sem_unlink(argv[2]) != 0) die("sem_unlink", argv[2]);
    sem_t *unnamed = (sem_t *) (void *) private_buffer(sizeof(sem_t), 0);
    if (sem_init(unnamed, 1, 0) != 0) die("sem_init", "call-cost");
    post_trywait_nanos(named, n);   /* warm-up, the same for both */
    post_trywait_nanos(unnamed, n);
    printf("named %.2f\n", post_trywait_nanos(named, n));
    printf("unnamed %.2f\n", post_trywait_nanos(unnamed, n));
    return 0;
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc < 2) fail("usage: bench_peer serve|client|bulk-consume|bulk-produce ...");
    const char *mode = argv[1];
    if (strcmp(mode, "serve") == 0 && argc == 9) return serve(argv + 1);
    if (strcmp(mode, "client") == 0 && argc == 11) return client(argv + 1);
    if (strcmp(mode, "bulk-consume") == 0 && argc == 5) return bulk_consume(argv);
    if (strcmp(mode, "bulk-produce") == 0 && argc == 7) return bulk_produce(argv);
    if (strcmp(mode, "call-cost") == 0 && argc == 4) return call_cost(argv);
    fail("unknown mode or wrong number of arguments (see the comment at the top of bench_peer.c)");
    return 1;
}
