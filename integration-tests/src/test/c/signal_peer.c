/*
 * C peer for the signal tests. Prints one line per event on stdout; exits 0, or 2 naming the
 * failing call and errno.
 *
 *   signal_peer wait SIGNO COUNT     block SIGNO, print "ready", then take COUNT of it with
 *                                    sigtimedwait (10 s each) and print for each
 *                                    "signal N value V code SI_QUEUE|SI_USER|OTHER pid P"
 *   signal_peer send PID SIGNO...    kill(PID, SIGNO) for each SIGNO in order, 100 ms apart
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void die(const char *what) {
    int e = errno;
    fprintf(stderr, "signal_peer: %s: %s (%d)\n", what, strerror(e), e);
    exit(2);
}

static const char *code_name(int code) {
    if (code == SI_QUEUE) return "SI_QUEUE";
    if (code == SI_USER) return "SI_USER";
    return "OTHER";
}

static int do_wait(int signo, long count) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, signo);
    if (sigprocmask(SIG_BLOCK, &set, NULL) != 0) die("sigprocmask");
    printf("ready\n");
    fflush(stdout);
    for (long i = 0; i < count; i++) {
        siginfo_t info;
        struct timespec ts = { .tv_sec = 10, .tv_nsec = 0 };
        int got = sigtimedwait(&set, &info, &ts);
        if (got < 0) {
            if (errno == EINTR) { i--; continue; }
            die("sigtimedwait");
        }
        printf("signal %d value %d code %s pid %d\n", got, info.si_value.sival_int, code_name(info.si_code), (int) info.si_pid);
        fflush(stdout);
    }
    return 0;
}

static int do_send(pid_t pid, int argc, char **argv) {
    for (int i = 0; i < argc; i++) {
        if (kill(pid, atoi(argv[i])) != 0) die("kill");
        struct timespec pause = { .tv_sec = 0, .tv_nsec = 100 * 1000 * 1000 };
        nanosleep(&pause, NULL);
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 4 && strcmp(argv[1], "wait") == 0) return do_wait(atoi(argv[2]), atol(argv[3]));
    if (argc >= 4 && strcmp(argv[1], "send") == 0) return do_send((pid_t) atoi(argv[2]), argc - 3, argv + 3);
    fprintf(stderr, "usage: signal_peer wait SIGNO COUNT | send PID SIGNO...\n");
    return 64;
}
