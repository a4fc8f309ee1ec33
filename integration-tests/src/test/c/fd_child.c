/*
 * C child for the spawn tests: started by Java's ChildProcess with descriptors mapped to fixed
 * numbers. Reports on stdout, exits with the code the test expects, or 2 naming the failing call.
 *
 *   fd_child pipe-memfd CODE   fd 3: a pipe's write end, fd 4: a memfd holding text. Writes to fd 3
 *                              "memfd:<text>" and "fds:<every open descriptor>", replaces the memfd's
 *                              text with "C was here", exits with CODE.
 *   fd_child list-fds          prints "fds:<every open descriptor>" on stdout, exits 0.
 *   fd_child eventfd COUNT     fd 3: an eventfd (non-blocking, as the library makes it). Waits with
 *                              poll until it is signalled COUNT times in all, writes 1000 to it, exits 0.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static void die(const char *what) {
    int e = errno;
    fprintf(stderr, "fd_child: %s: %s (%d)\n", what, strerror(e), e);
    exit(2);
}

/* Every open descriptor except the one opendir uses, ascending, comma-separated. */
static void list_fds(char *out, size_t size) {
    DIR *d = opendir("/proc/self/fd");
    if (!d) die("opendir(/proc/self/fd)");
    int self = dirfd(d);
    int fds[256], n = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL; ) {
        if (e->d_name[0] == '.') continue;
        int fd = atoi(e->d_name);
        if (fd != self && n < 256) fds[n++] = fd;
    }
    closedir(d);
    for (int i = 1; i < n; i++) {           /* insertion sort: a handful of numbers */
        for (int j = i; j > 0 && fds[j - 1] > fds[j]; j--) {
            int t = fds[j]; fds[j] = fds[j - 1]; fds[j - 1] = t;
        }
    }
    size_t at = 0;
    out[0] = '\0';
    for (int i = 0; i < n && at < size; i++) {
        at += snprintf(out + at, size - at, i ? ",%d" : "%d", fds[i]);
    }
}

static void write_all(int fd, const char *s) {
    size_t len = strlen(s);
    while (len > 0) {
        ssize_t w = write(fd, s, len);
        if (w < 0) {
            if (errno == EINTR) continue;
            die("write");
        }
        s += w;
        len -= (size_t) w;
    }
}

static int pipe_memfd(int code) {
    struct stat st;
    if (fstat(4, &st) != 0) die("fstat(4)");
    char *text = mmap(NULL, (size_t) st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, 4, 0);
    if (text == MAP_FAILED) die("mmap(4)");
    char line[4096], fds[1024];
    snprintf(line, sizeof line, "memfd:%.*s\n", (int) strnlen(text, (size_t) st.st_size), text);
    write_all(3, line);
    list_fds(fds, sizeof fds);
    snprintf(line, sizeof line, "fds:%s\n", fds);
    write_all(3, line);
    memset(text, 0, (size_t) st.st_size);
    memcpy(text, "C was here", 10);
    munmap(text, (size_t) st.st_size);
    if (close(3) != 0) die("close(3)");
    return code;
}

static int await_eventfd(long count) {
    long seen = 0;
    while (seen < count) {
        struct pollfd p = { .fd = 3, .events = POLLIN };
        if (poll(&p, 1, 10000) != 1) die("poll(3)");
        uint64_t v;
        ssize_t r = read(3, &v, sizeof v);
        if (r == (ssize_t) sizeof v) {
            seen += (long) v;
        } else if (r < 0 && errno != EAGAIN && errno != EINTR) {
            die("read(3)");
        }
    }
    uint64_t reply = 1000;
    if (write(3, &reply, sizeof reply) != (ssize_t) sizeof reply) die("write(3)");
    printf("seen %ld\n", seen);
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "pipe-memfd") == 0) {
        return pipe_memfd(atoi(argv[2]));
    }
    if (argc == 2 && strcmp(argv[1], "list-fds") == 0) {
        char fds[1024];
        list_fds(fds, sizeof fds);
        printf("fds:%s\n", fds);
        return 0;
    }
    if (argc == 3 && strcmp(argv[1], "eventfd") == 0) {
        return await_eventfd(atol(argv[2]));
    }
    fprintf(stderr, "usage: fd_child pipe-memfd CODE | list-fds | eventfd COUNT\n");
    return 64;
}
