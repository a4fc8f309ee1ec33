/*
 * C peer for the Unix domain socket tests: plain libc socket calls, as any C program writes them.
 * An address argument is a path, or @name for a Linux abstract name. Prints "ready" once it listens
 * or is bound, reports on stdout, exits 0 on success or 2 naming the failing call.
 *
 *   unix_peer echo-server ADDR stream|seqpacket   accepts one client, prints "peer PID UID GID" of it
 *                                                 (SO_PEERCRED), echoes every read (every message)
 *                                                 until end of stream, prints "echoed BYTES MESSAGES"
 *   unix_peer dgram-echo ADDR COUNT               bound datagram socket: answers COUNT datagrams to
 *                                                 their senders with "C:" + the datagram
 *   unix_peer seqpacket-send ADDR SIZE...         connects a seqpacket socket, sends one message per
 *                                                 SIZE (byte i of a message is i % 251), prints "sent N"
 *   unix_peer send-memfd ADDR TEXT                connects a stream socket, creates a memfd holding
 *                                                 TEXT and sends it (SCM_RIGHTS) with one byte "M";
 *                                                 waits for end of stream, prints "self PID UID GID"
 *   unix_peer recv-fd-write ADDR TEXT             connects a stream socket, receives one descriptor
 *                                                 (SCM_RIGHTS), writes TEXT to it, prints "wrote BYTES"
 *   unix_peer whoami ADDR                         connects, prints "self PID UID GID", waits for end of stream
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static void die(const char *what) {
    int e = errno;
    fprintf(stderr, "unix_peer: %s: %s (%d)\n", what, strerror(e), e);
    exit(2);
}

/* Fills addr from "path" or "@abstract"; returns the address length. */
static socklen_t address(const char *spec, struct sockaddr_un *addr) {
    memset(addr, 0, sizeof *addr);
    addr->sun_family = AF_UNIX;
    size_t len = strlen(spec);
    if (spec[0] == '@') {
        if (len > sizeof addr->sun_path) { errno = ENAMETOOLONG; die("abstract name"); }
        memcpy(addr->sun_path + 1, spec + 1, len - 1);          /* sun_path[0] stays NUL */
        return (socklen_t) (offsetof(struct sockaddr_un, sun_path) + len);
    }
    if (len >= sizeof addr->sun_path) { errno = ENAMETOOLONG; die("path"); }
    memcpy(addr->sun_path, spec, len);
    return (socklen_t) (offsetof(struct sockaddr_un, sun_path) + len + 1);
}

static int connect_to(const char *spec, int type) {
    struct sockaddr_un addr;
    socklen_t len = address(spec, &addr);
    int fd = socket(AF_UNIX, type, 0);
    if (fd < 0) die("socket");
    if (connect(fd, (struct sockaddr *) &addr, len) != 0) die("connect");
    return fd;
}

static void write_all(int fd, const char *p, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            die("write");
        }
        p += w;
        n -= (size_t) w;
    }
}

static void wait_for_end(int fd) {
    char b[256];
    for (;;) {
        ssize_t r = read(fd, b, sizeof b);
        if (r == 0) return;
        if (r < 0 && errno != EINTR) die("read");
    }
}

static int echo_server(const char *spec, const char *kind) {
    int type = strcmp(kind, "seqpacket") == 0 ? SOCK_SEQPACKET : SOCK_STREAM;
    struct sockaddr_un addr;
    socklen_t len = address(spec, &addr);
    int srv = socket(AF_UNIX, type, 0);
    if (srv < 0) die("socket");
    if (bind(srv, (struct sockaddr *) &addr, len) != 0) die("bind");
    if (listen(srv, 4) != 0) die("listen");
    printf("ready\n");
    fflush(stdout);
    int c = accept(srv, NULL, NULL);
    if (c < 0) die("accept");
    struct ucred cred;
    socklen_t cl = sizeof cred;
    if (getsockopt(c, SOL_SOCKET, SO_PEERCRED, &cred, &cl) != 0) die("getsockopt(SO_PEERCRED)");
    printf("peer %d %d %d\n", (int) cred.pid, (int) cred.uid, (int) cred.gid);
    fflush(stdout);
    static char buf[1 << 20];
    long long bytes = 0, messages = 0;
    for (;;) {
        ssize_t r = read(c, buf, sizeof buf);
        if (r < 0) {
            if (errno == EINTR) continue;
            die("read");
        }
        if (r == 0) break;
        bytes += r;
        messages++;
        if (type == SOCK_SEQPACKET) {
            if (write(c, buf, (size_t) r) != r) die("write(seqpacket)");
        } else {
            write_all(c, buf, (size_t) r);
        }
    }
    printf("echoed %lld %lld\n", bytes, messages);
    close(c);
    close(srv);
    if (spec[0] != '@') unlink(spec);
    return 0;
}

static int dgram_echo(const char *spec, int count) {
    struct sockaddr_un addr;
    socklen_t len = address(spec, &addr);
    int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
    if (fd < 0) die("socket");
    if (bind(fd, (struct sockaddr *) &addr, len) != 0) die("bind");
    printf("ready\n");
    fflush(stdout);
    for (int i = 0; i < count; i++) {
        char in[4096], out[4098];
        struct sockaddr_un from;
        socklen_t fl = sizeof from;
        ssize_t r = recvfrom(fd, in, sizeof in, 0, (struct sockaddr *) &from, &fl);
        if (r < 0) {
            if (errno == EINTR) { i--; continue; }
            die("recvfrom");
        }
        out[0] = 'C';
        out[1] = ':';
        memcpy(out + 2, in, (size_t) r);
        if (sendto(fd, out, (size_t) r + 2, 0, (struct sockaddr *) &from, fl) != r + 2) die("sendto");
    }
    printf("answered %d\n", count);
    close(fd);
    if (spec[0] != '@') unlink(spec);
    return 0;
}

static int seqpacket_send(const char *spec, int n, char **sizes) {
    int fd = connect_to(spec, SOCK_SEQPACKET);
    for (int i = 0; i < n; i++) {
        size_t size = (size_t) atol(sizes[i]);
        char *m = malloc(size + 1);
        if (!m) die("malloc");
        for (size_t j = 0; j < size; j++) m[j] = (char) (j % 251);
        if (send(fd, m, size, 0) != (ssize_t) size) die("send");
        free(m);
    }
    printf("sent %d\n", n);
    fflush(stdout);
    wait_for_end(fd);
    return 0;
}

static void print_self(const char *label) {
    printf("%s %d %d %d\n", label, (int) getpid(), (int) geteuid(), (int) getegid());
    fflush(stdout);
}

static int send_memfd(const char *spec, const char *text) {
    int fd = connect_to(spec, SOCK_STREAM);
    int mem = memfd_create("from-c", MFD_CLOEXEC);
    if (mem < 0) die("memfd_create");
    if (ftruncate(mem, 4096) != 0) die("ftruncate");
    char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, mem, 0);
    if (p == MAP_FAILED) die("mmap");
    strcpy(p, text);
    char data = 'M';
    struct iovec iov = {.iov_base = &data, .iov_len = 1};
    union { char buf[CMSG_SPACE(sizeof(int))]; struct cmsghdr align; } control;
    memset(&control, 0, sizeof control);
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.buf, .msg_controllen = sizeof control.buf};
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &mem, sizeof(int));
    if (sendmsg(fd, &msg, 0) != 1) die("sendmsg");
    close(mem);
    print_self("self");
    wait_for_end(fd);
    return 0;
}

static int recv_fd_write(const char *spec, const char *text) {
    int fd = connect_to(spec, SOCK_STREAM);
    char data;
    struct iovec iov = {.iov_base = &data, .iov_len = 1};
    union { char buf[CMSG_SPACE(sizeof(int))]; struct cmsghdr align; } control;
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.buf, .msg_controllen = sizeof control.buf};
    ssize_t r;
    do {
        r = recvmsg(fd, &msg, MSG_CMSG_CLOEXEC);
    } while (r < 0 && errno == EINTR);
    if (r != 1) die("recvmsg");
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    if (!c || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) { errno = EPROTO; die("no SCM_RIGHTS"); }
    int passed;
    memcpy(&passed, CMSG_DATA(c), sizeof(int));
    write_all(passed, text, strlen(text));
    close(passed);
    printf("wrote %zu\n", strlen(text));
    fflush(stdout);
    close(fd);
    return 0;
}

int main(int argc, char **argv) {
    if (argc >= 4 && strcmp(argv[1], "echo-server") == 0) return echo_server(argv[2], argv[3]);
    if (argc == 4 && strcmp(argv[1], "dgram-echo") == 0) return dgram_echo(argv[2], atoi(argv[3]));
    if (argc >= 4 && strcmp(argv[1], "seqpacket-send") == 0) return seqpacket_send(argv[2], argc - 3, argv + 3);
    if (argc == 4 && strcmp(argv[1], "send-memfd") == 0) return send_memfd(argv[2], argv[3]);
    if (argc == 4 && strcmp(argv[1], "recv-fd-write") == 0) return recv_fd_write(argv[2], argv[3]);
    if (argc == 3 && strcmp(argv[1], "whoami") == 0) {
        int fd = connect_to(argv[2], SOCK_STREAM);
        print_self("self");
        wait_for_end(fd);
        return 0;
    }
    fprintf(stderr, "usage: unix_peer echo-server|dgram-echo|seqpacket-send|send-memfd|recv-fd-write|whoami ...\n");
    return 2;
}
