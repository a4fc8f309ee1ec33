/*
 * C peer for the POSIX message-queue tests. Prints what it received on stdout ("PRIORITY TEXT"),
 * exits non-zero on any failure naming the call and errno.
 *
 *   mq_peer send    QUEUE TEXT PRIORITY [TEXT PRIORITY ...]   send each message in order
 *   mq_peer receive QUEUE COUNT                               receive COUNT messages (10 s timeout each)
 *   mq_peer echo    REQUEST_QUEUE REPLY_QUEUE COUNT           answer each request with "C:" + upper case, same priority
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void die(const char *what, const char *obj) {
    int e = errno;
    fprintf(stderr, "mq_peer: %s(%s): %s (%d)\n", what, obj, strerror(e), e);
    exit(2);
}

static mqd_t open_queue(const char *name, int flags) {
    mqd_t q = mq_open(name, flags);
    if (q == (mqd_t) -1) die("mq_open", name);
    return q;
}

static ssize_t receive_one(mqd_t q, const char *name, char *buf, size_t size, unsigned *prio) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += 10;
    for (;;) {
        ssize_t n = mq_timedreceive(q, buf, size, prio, &ts);
        if (n >= 0) return n;
        if (errno != EINTR) die("mq_timedreceive", name);
    }
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc < 3) { fprintf(stderr, "usage: mq_peer MODE QUEUE ...\n"); return 3; }
    const char *mode = argv[1];
    if (strcmp(mode, "send") == 0) {
        mqd_t q = open_queue(argv[2], O_WRONLY);
        for (int i = 3; i + 1 < argc; i += 2) {
            if (mq_send(q, argv[i], strlen(argv[i]), (unsigned) atoi(argv[i + 1])) != 0) die("mq_send", argv[2]);
        }
        printf("sent %d\n", (argc - 3) / 2);
        return 0;
    }
    if (strcmp(mode, "receive") == 0 || strcmp(mode, "echo") == 0) {
        int echo = mode[0] == 'e';
        mqd_t in = open_queue(argv[2], O_RDONLY);
        mqd_t out = echo ? open_queue(argv[3], O_WRONLY) : (mqd_t) -1;
        long count = atol(argv[echo ? 4 : 3]);
        struct mq_attr attr;
        if (mq_getattr(in, &attr) != 0) die("mq_getattr", argv[2]);
        char *buf = malloc((size_t) attr.mq_msgsize + 2);
        for (long i = 0; i < count; i++) {
            unsigned prio;
            ssize_t n = receive_one(in, argv[2], buf + 2, (size_t) attr.mq_msgsize, &prio);
            if (echo) {
                buf[0] = 'C';
                buf[1] = ':';
                for (ssize_t k = 0; k < n; k++) buf[2 + k] = (char) toupper((unsigned char) buf[2 + k]);
                if (mq_send(out, buf, (size_t) n + 2, prio) != 0) die("mq_send", argv[3]);
            } else {
                printf("%u %.*s\n", prio, (int) n, buf + 2);
            }
        }
        printf("done %ld\n", count);
        return 0;
    }
    fprintf(stderr, "mq_peer: unknown mode %s\n", mode);
    return 3;
}
