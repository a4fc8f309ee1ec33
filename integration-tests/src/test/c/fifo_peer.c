/*
 * C peer for the FIFO and pipe tests. Exits 0, or 2 naming the failing call and errno.
 *
 *   fifo_peer read PATH             open PATH for reading (blocking), read to end-of-file, print
 *                                   "bytes N" and the text read on stdout
 *   fifo_peer write PATH TEXT...    open PATH for writing (blocking), write each TEXT + "\n", close
 *   fifo_peer echo IN OUT           open IN for reading and OUT for writing; copy every line read,
 *                                   upper-cased, to OUT until end-of-file
 *   fifo_peer records FD ID COUNT SIZE
 *                                   write COUNT records of SIZE bytes to descriptor FD, each in one
 *                                   write(): "ID:SEQ:" then ID's letter repeated (atomicity test)
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void die(const char *what, const char *obj) {
    int e = errno;
    fprintf(stderr, "fifo_peer: %s(%s): %s (%d)\n", what, obj, strerror(e), e);
    exit(2);
}

static int open_path(const char *path, int flags) {
    for (;;) {
        int fd = open(path, flags | O_CLOEXEC);
        if (fd >= 0) return fd;
        if (errno != EINTR) die("open", path);
    }
}

static void write_all(int fd, const char *buf, size_t len, const char *obj) {
    while (len > 0) {
        ssize_t w = write(fd, buf, len);
        if (w < 0) {
            if (errno == EINTR) continue;
            die("write", obj);
        }
        buf += w;
        len -= (size_t) w;
    }
}

static int do_read(const char *path) {
    int fd = open_path(path, O_RDONLY);
    static char buf[1 << 20];
    size_t total = 0;
    for (;;) {
        ssize_t r = read(fd, buf + total, sizeof buf - 1 - total);
        if (r < 0) {
            if (errno == EINTR) continue;
            die("read", path);
        }
        if (r == 0) break;
        total += (size_t) r;
        if (total == sizeof buf - 1) break;
    }
    buf[total] = '\0';
    printf("bytes %zu\n%s", total, buf);
    return 0;
}

static int do_write(const char *path, int argc, char **argv) {
    int fd = open_path(path, O_WRONLY);
    for (int i = 0; i < argc; i++) {
        char line[4096];
        int n = snprintf(line, sizeof line, "%s\n", argv[i]);
        write_all(fd, line, (size_t) n, path);
    }
    if (close(fd) != 0) die("close", path);
    return 0;
}

static int do_echo(const char *in, const char *out) {
    int rfd = open_path(in, O_RDONLY);
    int wfd = open_path(out, O_WRONLY);
    FILE *r = fdopen(rfd, "r");
    if (!r) die("fdopen", in);
    char line[65536];
    while (fgets(line, sizeof line, r) != NULL) {
        for (char *p = line; *p; p++) *p = (char) toupper((unsigned char) *p);
        write_all(wfd, "C:", 2, out);
        write_all(wfd, line, strlen(line), out);
    }
    fclose(r);
    if (close(wfd) != 0) die("close", out);
    return 0;
}

static int do_records(int fd, const char *id, long count, long size) {
    char *rec = malloc((size_t) size);
    if (!rec) die("malloc", id);
    for (long seq = 0; seq < count; seq++) {
        int head = snprintf(rec, (size_t) size, "%s:%ld:", id, seq);
        memset(rec + head, id[0], (size_t) (size - head));
        ssize_t w;
        do {
            w = write(fd, rec, (size_t) size);
        } while (w < 0 && errno == EINTR);
        if (w != size) die("write", id);
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "read") == 0) return do_read(argv[2]);
    if (argc >= 3 && strcmp(argv[1], "write") == 0) return do_write(argv[2], argc - 3, argv + 3);
    if (argc == 4 && strcmp(argv[1], "echo") == 0) return do_echo(argv[2], argv[3]);
    if (argc == 6 && strcmp(argv[1], "records") == 0) return do_records(atoi(argv[2]), argv[3], atol(argv[4]), atol(argv[5]));
    fprintf(stderr, "usage: fifo_peer read PATH | write PATH TEXT... | echo IN OUT | records FD ID COUNT SIZE\n");
    return 64;
}
