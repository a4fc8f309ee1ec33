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
 *   bench_peer bulk-consume-fifo DATA ACK CHUNKS
 *       read CHUNKS chunks of BL_SLOT_SIZE bytes from the FIFO DATA (each read until complete),
 *       checking each chunk's number, then write one byte to the FIFO ACK.
 *   bench_peer bulk-produce-fifo DATA ACK WARMUP CHUNKS OUT
 *       write WARMUP + CHUNKS chunks to the FIFO DATA (one write() each); write the nanos from the
 *       first write of the last CHUNKS to the consumer's byte on ACK to OUT.
 *   bench_peer bulk-consume-stream PATH CHUNKS
 *       listen on a Unix stream socket at PATH (bound at PATH.new, renamed to PATH once it listens,
 *       so a client never finds a socket that refuses it), accept one client, read CHUNKS chunks
 *       of BL_SLOT_SIZE bytes (each until complete) checking each chunk's number, then write one
 *       byte back on the same socket.
 *   bench_peer bulk-produce-stream PATH WARMUP CHUNKS OUT
 *       connect to PATH, write WARMUP + CHUNKS chunks (one write() each, completed if partial);
 *       write the nanos from the first write of the last CHUNKS to the consumer's byte to OUT.
 *   bench_peer call-cost SEM N
 *       in this one process, N times sem_post + sem_trywait on a new named semaphore SEM (unlinked
 *       at once) and on a process-shared unnamed one; prints the nanoseconds per pair of each:
 *       the C floor of the JMH semaphore benchmarks.
 *
 *   bench_peer call-cost-socket N
 *       in this one process, N times (after N untimed) write + read of 8 B and of 4 KiB on a
 *       stream and on a seqpacket socketpair; prints the nanoseconds per pair: the C floor of the
 *       JMH socket benchmark.
 *
 *   bench_peer call-cost-msg MQ MSQID N
 *       in this one process, N times (after N untimed) mq_send + mq_receive of 8 B and of 4 KiB
 *       on the POSIX queues MQ-8 and MQ-4096 (made by the harness with mq_msgsize 8 and 4096),
 *       and msgsnd + msgrcv (IPC_NOWAIT) of 8 B and 4 KiB on the System V queue MSQID; prints the
 *       nanoseconds per pair: the C floor of the JMH message-queue benchmarks.
 *
 * TRANSPORT is the doorbell: spin (BL_SEQ_OFF, release store / acquire load), named (the named
 * semaphores REQ and RESP), unnamed (the sem_t at BL_REQ_SEM_OFF / BL_RESP_SEM_OFF, initialised
 * by the harness). REQ and RESP are "-" unless named. Waiting on a spin doorbell pauses
 * SPIN_LIMIT times, then calls sched_yield() on every further check; the Java spinners do the same.
 *
 * Two transports carry the message themselves instead of a doorbell (SHM is then mapped but unused):
 * mq (POSIX message queues REQ and RESP, made by the harness with mq_msgsize SIZE; the client
 * mq_sends its request to REQ and mq_receives the reply from RESP, the server the other way round)
 * and sysv (the System V queue whose id is REQ; requests are type 1, replies type 2; blocking
 * msgsnd/msgrcv). For these the server receives the request straight into its buffer, flips the
 * first word and sends the same buffer back; the client sends from and receives into its private
 * buffers (for sysv the buffer starts with the long mtype, as every System V message must, so the
 * C client copies nothing: the floor). A third, fifo, carries each message through two FIFOs REQ
 * and RESP (made by the harness): both sides open REQ first, then RESP; each message is exactly
 * SIZE bytes written with one write() and read until complete (a pipe is a byte stream).
 * Two more, stream and seqpacket, carry each message over one Unix domain socket of that type:
 * REQ is the socket's path (RESP is "-"); the server listens there (bound at REQ.new and renamed
 * to REQ once it listens, so the harness starts a client only when the path exists), accepts one
 * client, reads each request and writes the reply back on the same connection. A message is one
 * write() and a read until complete, on both types (on a seqpacket socket the first read takes
 * the whole message: one call, as on a stream socket carrying SIZE bytes at once).
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
#include <mqueue.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
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


/* ------------------------------------------------------------------ message queues */

static mqd_t open_mq(const char *name, int flags) {
    mqd_t q = mq_open(name, flags);
    if (q == (mqd_t) -1) die("mq_open", name);
    return q;
}

static void mq_send_retrying(mqd_t q, const unsigned char *p, size_t size, const char *what) {
    while (mq_send(q, (const char *) p, size, 0) != 0) {
        if (errno != EINTR) die("mq_send", what);
    }
}

static size_t mq_receive_retrying(mqd_t q, unsigned char *p, size_t size, const char *what) {
    for (;;) {
        ssize_t n = mq_receive(q, (char *) p, size, NULL);
        if (n >= 0) return (size_t) n;
        if (errno != EINTR) die("mq_receive", what);
    }
}

static int msq_id(const char *arg) {
    char *end;
    long id = strtol(arg, &end, 10);
    if (*end != '\0' || id < 0) fail("REQ must be the System V queue id for sysv");
    return (int) id;
}

static void msgsnd_retrying(int id, const void *msg, size_t size, const char *what) {
    while (msgsnd(id, msg, size, 0) != 0) {
        if (errno != EINTR) die("msgsnd", what);
    }
}

static size_t msgrcv_retrying(int id, void *msg, size_t size, long type, const char *what) {
    for (;;) {
        ssize_t n = msgrcv(id, msg, size, type, 0);
        if (n >= 0) return (size_t) n;
        if (errno != EINTR) die("msgrcv", what);
    }
}

static int open_fifo(const char *path, int flags) {
    for (;;) {
        int fd = open(path, flags | O_CLOEXEC);
        if (fd >= 0) return fd;
        if (errno != EINTR) die("open", path);
    }
}

static void write_exactly(int fd, const unsigned char *p, size_t size, const char *what) {
    while (size > 0) {
        ssize_t n = write(fd, p, size);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("write", what);
        }
        p += n;
        size -= (size_t) n;
    }
}

static void read_exactly(int fd, unsigned char *p, size_t size, const char *what) {
    while (size > 0) {
        ssize_t n = read(fd, p, size);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("read", what);
        }
        if (n == 0) fail("end of file in the middle of a message");
        p += n;
        size -= (size_t) n;
    }
}

/*
 * The exchanges over byte-stream descriptors, the same for a pair of FIFOs (in and out are two
 * descriptors) and for a connected socket (in == out): each message is one write() and a read
 * until complete.
 */
static void serve_byte_stream(int in, int out, size_t size, long total) {
    unsigned char *buf = private_buffer(size, 0);
    for (long i = 0; i < total; i++) {
        read_exactly(in, buf, size, "request");
        int64_t word;
        memcpy(&word, buf, sizeof word);
        word ^= BL_REPLY_MAGIC;
        memcpy(buf, &word, sizeof word);
        write_exactly(out, buf, size, "reply");
    }
}

static void client_byte_stream(int out, int in, size_t size, long warmup, long count, int64_t *samples) {
    unsigned char *request = private_buffer(size, 'q');
    unsigned char *reply = private_buffer(size, 0);
    for (long i = 0; i < warmup + count; i++) {
        int64_t word = i;
        memcpy(request, &word, sizeof word);
        int64_t t0 = now_nanos();
        write_exactly(out, request, size, "request");
        read_exactly(in, reply, size, "reply");
        consumed(reply);
        int64_t t1 = now_nanos();
        memcpy(&word, reply, sizeof word);
        if (word != (i ^ BL_REPLY_MAGIC)) fail("wrong reply");
        if (i >= warmup) samples[i - warmup] = t1 - t0;
    }
}

/* Reads CHUNKS chunks from in, each until complete, checking each number; then one byte to ack. */
static void consume_chunks(int in, int ack, long chunks) {
    unsigned char *chunk = private_buffer(BL_SLOT_SIZE, 0);
    for (long c = 0; c < chunks; c++) {
        read_exactly(in, chunk, BL_SLOT_SIZE, "chunk");
        consumed(chunk);
        int64_t word;
        memcpy(&word, chunk, sizeof word);
        if (word != c) fail("wrong chunk number");
    }
    write_exactly(ack, (const unsigned char *) "k", 1, "ack");
}

/* Writes WARMUP + CHUNKS chunks to out; the nanos from the first timed write to the byte on ack. */
static int64_t produce_chunks(int out, int ack, long warmup, long chunks) {
    unsigned char *chunk = private_buffer(BL_SLOT_SIZE, 'b');
    int64_t t0 = 0;
    for (long c = 0; c < warmup + chunks; c++) {
        if (c == warmup) t0 = now_nanos();
        int64_t word = c;
        memcpy(chunk, &word, sizeof word);
        write_exactly(out, chunk, BL_SLOT_SIZE, "chunk");
    }
    unsigned char k;
    read_exactly(ack, &k, 1, "ack");
    return now_nanos() - t0;
}

/* ------------------------------------------------------------------ Unix domain sockets */

static int socket_type(const char *transport) {
    if (strcmp(transport, "stream") == 0) return SOCK_STREAM;
    if (strcmp(transport, "seqpacket") == 0) return SOCK_SEQPACKET;
    return -1;
}

static struct sockaddr_un socket_address(const char *path) {
    struct sockaddr_un a = { .sun_family = AF_UNIX };
    if (strlen(path) >= sizeof a.sun_path) fail("socket path longer than sun_path");
    strcpy(a.sun_path, path);
    return a;
}

/*
 * Listens at PATH: bound at PATH.new, renamed to PATH once it listens (connect resolves the path
 * to the socket's inode, so the rename keeps it reachable), then accepts one client; unlinks PATH.
 */
static int accept_one(const char *path, int type) {
    char bound[sizeof ((struct sockaddr_un *) 0)->sun_path + 8];
    snprintf(bound, sizeof bound, "%s.new", path);
    struct sockaddr_un a = socket_address(bound);
    int s = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
    if (s < 0) die("socket", path);
    if (bind(s, (struct sockaddr *) &a, sizeof a) != 0) die("bind", bound);
    if (listen(s, 1) != 0) die("listen", bound);
    if (rename(bound, path) != 0) die("rename", path);
    int c;
    while ((c = accept4(s, NULL, NULL, SOCK_CLOEXEC)) < 0) {
        if (errno != EINTR) die("accept4", path);
    }
    close(s);
    if (unlink(path) != 0) die("unlink", path);
    return c;
}

static int connect_to(const char *path, int type) {
    struct sockaddr_un a = socket_address(path);
    int s = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
    if (s < 0) die("socket", path);
    if (connect(s, (struct sockaddr *) &a, sizeof a) != 0) die("connect", path);
    return s;
}

static int serve_socket(const char *transport, const char *path, size_t size, long total) {
    int c = accept_one(path, socket_type(transport));
    serve_byte_stream(c, c, size, total);
    close(c);
    printf("served %ld\n", total);
    return 0;
}

static int client_socket(const char *transport, const char *path, size_t size, long warmup, long count,
                         const char *out_path) {
    int64_t *samples = calloc((size_t) count, sizeof *samples);
    if (samples == NULL) fail("out of memory");
    int s = connect_to(path, socket_type(transport));
    client_byte_stream(s, s, size, warmup, count, samples);
    close(s);
    write_samples(out_path, samples, count);
    printf("done %ld\n", count);
    return 0;
}

static int bulk_consume_stream(char **argv) {
    int c = accept_one(argv[2], SOCK_STREAM);
    long chunks = atol(argv[3]);
    consume_chunks(c, c, chunks);
    close(c);
    printf("consumed %ld\n", chunks);
    return 0;
}

static int bulk_produce_stream(char **argv) {
    int s = connect_to(argv[2], SOCK_STREAM);
    long warmup = atol(argv[3]);
    long chunks = atol(argv[4]);
    int64_t elapsed = produce_chunks(s, s, warmup, chunks);
    close(s);
    write_samples(argv[5], &elapsed, 1);
    printf("produced %ld\n", warmup + chunks);
    return 0;
}

static double socket_pair_nanos(int out, int in, unsigned char *src, unsigned char *dst, size_t size, long n) {
    int64_t t0 = now_nanos();
    for (long i = 0; i < n; i++) {
        if (write(out, src, size) != (ssize_t) size) die("write", "call-cost-socket");
        if (read(in, dst, size) != (ssize_t) size) die("read", "call-cost-socket");
        consumed(dst);
    }
    return (double) (now_nanos() - t0) / (double) n;
}

static int call_cost_socket(char **argv) {
    long n = atol(argv[2]);
    static const char *names[] = { "stream", "seqpacket" };
    static const size_t sizes[] = { 8, 4096 };
    for (int t = 0; t < 2; t++) {
        int fds[2];
        if (socketpair(AF_UNIX, socket_type(names[t]) | SOCK_CLOEXEC, 0, fds) != 0) die("socketpair", names[t]);
        for (int k = 0; k < 2; k++) {
            unsigned char *src = private_buffer(sizes[k], 'c');
            unsigned char *dst = private_buffer(sizes[k], 0);
            socket_pair_nanos(fds[0], fds[1], src, dst, sizes[k], n);
            printf("%s %zu %.2f\n", names[t], sizes[k], socket_pair_nanos(fds[0], fds[1], src, dst, sizes[k], n));
        }
        close(fds[0]);
        close(fds[1]);
    }
    return 0;
}

static int serve_messages(const char *transport, const char *req, const char *resp, size_t size, long total) {
    unsigned char *buf = private_buffer(sizeof(long) + size, 0);
    if (strcmp(transport, "fifo") == 0) {
        int in = open_fifo(req, O_RDONLY);
        int out = open_fifo(resp, O_WRONLY);
        serve_byte_stream(in, out, size, total);
    } else if (strcmp(transport, "mq") == 0) {
        mqd_t in = open_mq(req, O_RDONLY);
        mqd_t out = open_mq(resp, O_WRONLY);
        for (long i = 0; i < total; i++) {
            size_t n = mq_receive_retrying(in, buf, size, "request");
            if (n != size) fail("wrong request size");
            int64_t word;
            memcpy(&word, buf, sizeof word);
            word ^= BL_REPLY_MAGIC;
            memcpy(buf, &word, sizeof word);
            mq_send_retrying(out, buf, n, "reply");
        }
    } else {
        int id = msq_id(req);
        for (long i = 0; i < total; i++) {
            size_t n = msgrcv_retrying(id, buf, size, 1, "request");
            if (n != size) fail("wrong request size");
            long type = 2;
            memcpy(buf, &type, sizeof type);
            int64_t word;
            memcpy(&word, buf + sizeof(long), sizeof word);
            word ^= BL_REPLY_MAGIC;
            memcpy(buf + sizeof(long), &word, sizeof word);
            msgsnd_retrying(id, buf, n, "reply");
        }
    }
    printf("served %ld\n", total);
    return 0;
}

static int client_messages(const char *transport, const char *req, const char *resp, size_t size, long warmup,
                           long count, const char *out_path) {
    int64_t *samples = calloc((size_t) count, sizeof *samples);
    if (samples == NULL) fail("out of memory");
    if (strcmp(transport, "fifo") == 0) {
        int out = open_fifo(req, O_WRONLY);
        int in = open_fifo(resp, O_RDONLY);
        client_byte_stream(out, in, size, warmup, count, samples);
    } else if (strcmp(transport, "mq") == 0) {
        mqd_t out = open_mq(req, O_WRONLY);
        mqd_t in = open_mq(resp, O_RDONLY);
        unsigned char *request = private_buffer(size, 'q');
        unsigned char *reply = private_buffer(size, 0);
        for (long i = 0; i < warmup + count; i++) {
            int64_t word = i;
            memcpy(request, &word, sizeof word);
            int64_t t0 = now_nanos();
            mq_send_retrying(out, request, size, "request");
            size_t n = mq_receive_retrying(in, reply, size, "reply");
            consumed(reply);
            int64_t t1 = now_nanos();
            memcpy(&word, reply, sizeof word);
            if (n != size || word != (i ^ BL_REPLY_MAGIC)) fail("wrong reply");
            if (i >= warmup) samples[i - warmup] = t1 - t0;
        }
    } else {
        int id = msq_id(req);
        (void) resp;
        /* The payload starts at BL_PRIVATE_PAGE_OFFSET + sizeof(long) into a page, like the Java buffers' + 8. */
        unsigned char *request = private_buffer(sizeof(long) + size, 'q');
        unsigned char *reply = private_buffer(sizeof(long) + size, 0);
        long type = 1;
        memcpy(request, &type, sizeof type);
        for (long i = 0; i < warmup + count; i++) {
            int64_t word = i;
            memcpy(request + sizeof(long), &word, sizeof word);
            int64_t t0 = now_nanos();
            msgsnd_retrying(id, request, size, "request");
            size_t n = msgrcv_retrying(id, reply, size, 2, "reply");
            consumed(reply);
            int64_t t1 = now_nanos();
            memcpy(&word, reply + sizeof(long), sizeof word);
            if (n != size || word != (i ^ BL_REPLY_MAGIC)) fail("wrong reply");
            if (i >= warmup) samples[i - warmup] = t1 - t0;
        }
    }
    write_samples(out_path, samples, count);
    printf("done %ld\n", count);
    return 0;
}

static int is_message_transport(const char *transport) {
    return strcmp(transport, "mq") == 0 || strcmp(transport, "sysv") == 0 || strcmp(transport, "fifo") == 0;
}

static double mq_pair_nanos(mqd_t q, unsigned char *buf, size_t size, long n) {
    int64_t t0 = now_nanos();
    for (long i = 0; i < n; i++) {
        if (mq_send(q, (const char *) buf, size, 0) != 0) die("mq_send", "call-cost");
        if (mq_receive(q, (char *) buf, size, NULL) != (ssize_t) size) die("mq_receive", "call-cost");
    }
    return (double) (now_nanos() - t0) / (double) n;
}

static double msg_pair_nanos(int id, unsigned char *msg, size_t size, long n) {
    int64_t t0 = now_nanos();
    for (long i = 0; i < n; i++) {
        if (msgsnd(id, msg, size, IPC_NOWAIT) != 0) die("msgsnd", "call-cost");
        if (msgrcv(id, msg, size, 1, IPC_NOWAIT) != (ssize_t) size) die("msgrcv", "call-cost");
    }
    return (double) (now_nanos() - t0) / (double) n;
}

static int call_cost_msg(char **argv) {
    long n = atol(argv[4]);
    int id = msq_id(argv[3]);
    static const size_t sizes[] = { 8, 4096 };
    for (int k = 0; k < 2; k++) {
        size_t size = sizes[k];
        char name[256];
        snprintf(name, sizeof name, "%s-%zu", argv[2], size);
        mqd_t q = open_mq(name, O_RDWR);
        unsigned char *buf = private_buffer(size, 'c');
        mq_pair_nanos(q, buf, size, n);
        printf("mq_send+mq_receive %zu %.2f\n", size, mq_pair_nanos(q, buf, size, n));
        mq_close(q);
        unsigned char *msg = private_buffer(sizeof(long) + size, 'c');
        long type = 1;
        memcpy(msg, &type, sizeof type);
        msg_pair_nanos(id, msg, size, n);
        printf("msgsnd+msgrcv %zu %.2f\n", size, msg_pair_nanos(id, msg, size, n));
    }
    return 0;
}

static int serve(char **argv) {
    if (socket_type(argv[1]) >= 0) {
        return serve_socket(argv[1], argv[3], message_size(argv[5]), atol(argv[6]));
    }
    if (is_message_transport(argv[1])) {
        return serve_messages(argv[1], argv[3], argv[4], message_size(argv[5]), atol(argv[6]));
    }
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
    if (is_message_transport(argv[1]) || socket_type(argv[1]) >= 0) {
        long warmup = atol(argv[6]);
        long count = atol(argv[7]);
        if (warmup < 0 || count <= 0) fail("WARMUP must be >= 0 and COUNT > 0");
        if (socket_type(argv[1]) >= 0) {
            return client_socket(argv[1], argv[3], message_size(argv[5]), warmup, count, argv[9]);
        }
        return client_messages(argv[1], argv[3], argv[4], message_size(argv[5]), warmup, count, argv[9]);
    }
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

static int bulk_consume_fifo(char **argv) {
    int in = open_fifo(argv[2], O_RDONLY);
    int ack = open_fifo(argv[3], O_WRONLY);
    long chunks = atol(argv[4]);
    consume_chunks(in, ack, chunks);
    printf("consumed %ld\n", chunks);
    return 0;
}

static int bulk_produce_fifo(char **argv) {
    int out = open_fifo(argv[2], O_WRONLY);
    int ack = open_fifo(argv[3], O_RDONLY);
    long warmup = atol(argv[4]);
    long chunks = atol(argv[5]);
    int64_t elapsed = produce_chunks(out, ack, warmup, chunks);
    write_samples(argv[6], &elapsed, 1);
    printf("produced %ld\n", warmup + chunks);
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
    if (strcmp(mode, "bulk-consume-fifo") == 0 && argc == 5) return bulk_consume_fifo(argv);
    if (strcmp(mode, "bulk-produce-fifo") == 0 && argc == 7) return bulk_produce_fifo(argv);
    if (strcmp(mode, "bulk-consume-stream") == 0 && argc == 4) return bulk_consume_stream(argv);
    if (strcmp(mode, "bulk-produce-stream") == 0 && argc == 6) return bulk_produce_stream(argv);
    if (strcmp(mode, "call-cost") == 0 && argc == 4) return call_cost(argv);
    if (strcmp(mode, "call-cost-socket") == 0 && argc == 3) return call_cost_socket(argv);
    if (strcmp(mode, "call-cost-msg") == 0 && argc == 5) return call_cost_msg(argv);
    fail("unknown mode or wrong number of arguments (see the comment at the top of bench_peer.c)");
    return 1;
}
