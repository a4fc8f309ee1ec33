/*
 * The child of the facade's ChildProcess spec tests, one source for both OSes: built with gcc on
 * Linux (ChildPeer, during the test) and with x86_64-w64-mingw32-gcc for the run under Wine
 * (run-wine-tests.sh builds every C source in src/test/c of the module under test).
 *
 * A handed-over pipe end arrives as a number on the command line: a file descriptor on POSIX, a
 * HANDLE value on Windows. Exits 0, the code asked for, or 2 naming the failing call on stderr.
 *
 *   child_peer echo              copies standard input to standard output until end of file
 *   child_peer write END TEXT    writes TEXT to END, then exits
 *   child_peer read END          reads END to end of file, prints "read:<bytes>:<checksum>" on stdout
 *   child_peer relay IN OUT      copies IN to OUT until end of file (two handed-over ends)
 *   child_peer stderr TEXT       writes TEXT to standard error
 *   child_peer exit N            exits with N
 *   child_peer sleep             sleeps 60 s (for waits that time out and for destroy)
 *   child_peer args A...         prints each argument as "[A]" on its own line
 *   child_peer env NAME          prints "NAME=value" or "NAME unset"
 *   child_peer cwd               prints the working directory
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <windows.h>
#include <direct.h>
#include <fcntl.h>
#include <io.h>
typedef HANDLE end_t;

static void die(const char *what) {
    fprintf(stderr, "child_peer: %s: Win32 error %lu\n", what, (unsigned long) GetLastError());
    exit(2);
}

static end_t end_of(const char *number) {
    return (HANDLE) (uintptr_t) strtoull(number, NULL, 10);
}

/* Bytes read, 0 at end of file (ERROR_BROKEN_PIPE: every write end closed). */
static size_t read_end(end_t end, char *buffer, size_t size) {
    DWORD got = 0;
    if (!ReadFile(end, buffer, (DWORD) size, &got, NULL)) {
        if (GetLastError() == ERROR_BROKEN_PIPE) return 0;
        die("ReadFile");
    }
    return got;
}

static void write_end(end_t end, const char *data, size_t length) {
    while (length > 0) {
        DWORD put = 0;
        if (!WriteFile(end, data, (DWORD) length, &put, NULL)) die("WriteFile");
        data += put;
        length -= put;
    }
}

static void close_end(end_t end) {
    if (!CloseHandle(end)) die("CloseHandle");
}

static void pause_seconds(int seconds) {
    Sleep(seconds * 1000);
}

static char *working_directory(char *buffer, int size) {
    return _getcwd(buffer, size);
}

static void binary_stdio(void) {
    _setmode(_fileno(stdin), _O_BINARY);
    _setmode(_fileno(stdout), _O_BINARY);
}
#else
#include <errno.h>
#include <unistd.h>
typedef int end_t;

static void die(const char *what) {
    fprintf(stderr, "child_peer: %s: %s (%d)\n", what, strerror(errno), errno);
    exit(2);
}

static end_t end_of(const char *number) {
    return atoi(number);
}

static size_t read_end(end_t end, char *buffer, size_t size) {
    for (;;) {
        ssize_t got = read(end, buffer, size);
        if (got >= 0) return (size_t) got;
        if (errno != EINTR) die("read");
    }
}

static void write_end(end_t end, const char *data, size_t length) {
    while (length > 0) {
        ssize_t put = write(end, data, length);
        if (put < 0) {
            if (errno == EINTR) continue;
            die("write");
        }
        data += put;
        length -= (size_t) put;
    }
}

static void close_end(end_t end) {
    if (close(end) != 0) die("close");
}

static void pause_seconds(int seconds) {
    sleep((unsigned) seconds);
}

static char *working_directory(char *buffer, int size) {
    return getcwd(buffer, (size_t) size);
}

static void binary_stdio(void) {
}
#endif

static int usage(void) {
    fprintf(stderr, "usage: child_peer echo | write END TEXT | read END | relay IN OUT | stderr TEXT"
                    " | exit N | sleep | args A... | env NAME | cwd\n");
    return 64;
}

int main(int argc, char **argv) {
    static char buffer[65536];
    binary_stdio();
    if (argc < 2) return usage();
    const char *mode = argv[1];
    if (strcmp(mode, "echo") == 0) {
        size_t n;
        while ((n = fread(buffer, 1, sizeof buffer, stdin)) > 0) {
            if (fwrite(buffer, 1, n, stdout) != n) die("fwrite(stdout)");
        }
        if (ferror(stdin)) die("fread(stdin)");
        if (fflush(stdout) != 0) die("fflush(stdout)");
        return 0;
    }
    if (strcmp(mode, "write") == 0 && argc == 4) {
        end_t end = end_of(argv[2]);
        write_end(end, argv[3], strlen(argv[3]));
        close_end(end);
        return 0;
    }
    if (strcmp(mode, "read") == 0 && argc == 3) {
        end_t end = end_of(argv[2]);
        unsigned long long total = 0;
        uint32_t sum = 0;
        size_t n;
        while ((n = read_end(end, buffer, sizeof buffer)) > 0) {
            for (size_t i = 0; i < n; i++) sum = sum * 31u + (unsigned char) buffer[i];
            total += n;
        }
        printf("read:%llu:%lu\n", total, (unsigned long) sum);
        return fflush(stdout) == 0 ? 0 : 2;
    }
    if (strcmp(mode, "relay") == 0 && argc == 4) {
        end_t in = end_of(argv[2]), out = end_of(argv[3]);
        size_t n;
        while ((n = read_end(in, buffer, sizeof buffer)) > 0) write_end(out, buffer, n);
        close_end(out);
        return 0;
    }
    if (strcmp(mode, "stderr") == 0 && argc == 3) {
        fputs(argv[2], stderr);
        return fflush(stderr) == 0 ? 0 : 2;
    }
    if (strcmp(mode, "exit") == 0 && argc == 3) {
        return atoi(argv[2]);
    }
    if (strcmp(mode, "sleep") == 0) {
        pause_seconds(60);
        return 0;
    }
    if (strcmp(mode, "args") == 0) {
        for (int i = 2; i < argc; i++) printf("[%s]\n", argv[i]);
        return fflush(stdout) == 0 ? 0 : 2;
    }
    if (strcmp(mode, "env") == 0 && argc == 3) {
        const char *value = getenv(argv[2]);
        if (value) printf("%s=%s\n", argv[2], value);
        else printf("%s unset\n", argv[2]);
        return fflush(stdout) == 0 ? 0 : 2;
    }
    if (strcmp(mode, "cwd") == 0) {
        if (!working_directory(buffer, (int) sizeof buffer)) die("getcwd");
        printf("%s\n", buffer);
        return fflush(stdout) == 0 ? 0 : 2;
    }
    return usage();
}
