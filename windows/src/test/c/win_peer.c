/*
 * The C peer of the Windows tests: a mingw-w64 program run under Wine (or Windows) by the Java
 * tests, using the very Win32 calls a C program would use on the same objects.
 *
 *   win_peer sem-release NAME COUNT        OpenSemaphoreW + ReleaseSemaphore
 *   win_peer sem-wait NAME MS              OpenSemaphoreW + WaitForSingleObject; prints acquired/timeout
 *   win_peer event-set NAME                OpenEventW + SetEvent
 *   win_peer event-wait NAME MS            OpenEventW + WaitForSingleObject; prints signalled/timeout
 *   win_peer mutex-abandon NAME            OpenMutexW + WaitForSingleObject, prints "owned", exits holding it
 *   win_peer mapping NAME SIZE ROUNDS      OpenFileMappingW + MapViewOfFile: prints the text at 0, writes
 *                                          its own at 256, meets Java at a barrier (offset 512) and adds 1
 *                                          to the int64 at 1024 ROUNDS times (InterlockedIncrement64)
 *   win_peer pipe-msg-client NAME          message-mode client: reads 3 messages, prints their sizes and
 *                                          checksums, sends 3 of its own (3, 3000, 30000 bytes)
 *   win_peer pipe-msg-server NAME          message-mode server: accepts one client, reads 3 messages and
 *                                          sends each back reversed
 *   win_peer pipe-byte-sink NAME           byte-mode client: reads to the end, prints count and checksum
 *   win_peer pipe-byte-source NAME BYTES   byte-mode client: writes BYTES of the pattern, then closes
 *
 * Exit status 0 on success; failures print the call and GetLastError() to stderr and exit 2.
 */
#include <windows.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static void die(const char *call) {
    fprintf(stderr, "win_peer: %s failed: error %lu\n", call, (unsigned long) GetLastError());
    exit(2);
}

static wchar_t *wide(const char *s) {
    int n = MultiByteToWideChar(CP_UTF8, 0, s, -1, NULL, 0);
    wchar_t *w = malloc(sizeof(wchar_t) * n);
    MultiByteToWideChar(CP_UTF8, 0, s, -1, w, n);
    return w;
}

/* FNV-1a 64, as the Java tests compute it. */
static uint64_t fnv(uint64_t h, const unsigned char *p, size_t n) {
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}
#define FNV_START 14695981039346656037ULL

/* Byte i of the test stream with seed s (the Java tests use the same formula). */
static unsigned char pattern(uint64_t i, unsigned s) {
    return (unsigned char) ((i * 131 + s) ^ (i >> 8));
}

static HANDLE connect_client(const char *name, DWORD read_mode) {
    wchar_t *w = wide(name);
    for (int tries = 0; tries < 200; tries++) {
        HANDLE h = CreateFileW(w, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
        if (h != INVALID_HANDLE_VALUE) {
            if (read_mode == PIPE_READMODE_MESSAGE && !SetNamedPipeHandleState(h, &read_mode, NULL, NULL)) {
                die("SetNamedPipeHandleState");
            }
            return h;
        }
        DWORD e = GetLastError();
        if (e == ERROR_PIPE_BUSY) {
            WaitNamedPipeW(w, 100);
        } else if (e == ERROR_FILE_NOT_FOUND) {
            Sleep(25);
        } else {
            die("CreateFileW");
        }
    }
    die("CreateFileW (no server)");
    return NULL;
}

static void write_all(HANDLE h, const unsigned char *p, DWORD n) {
    while (n > 0) {
        DWORD done = 0;
        if (!WriteFile(h, p, n, &done, NULL)) {
            die("WriteFile");
        }
        p += done;
        n -= done;
    }
}

/* One whole message, however long: ReadFile again while it says ERROR_MORE_DATA. */
static DWORD read_message(HANDLE h, unsigned char *buf, DWORD cap) {
    DWORD total = 0;
    for (;;) {
        DWORD got = 0;
        BOOL ok = ReadFile(h, buf + total, cap - total, &got, NULL);
        total += got;
        if (ok) {
            return total;
        }
        if (GetLastError() != ERROR_MORE_DATA || total == cap) {
            die("ReadFile (message)");
        }
    }
}

static int pipe_msg_client(const char *name) {
    HANDLE h = connect_client(name, PIPE_READMODE_MESSAGE);
    static unsigned char buf[1 << 20];
    for (int i = 0; i < 3; i++) {
        DWORD n = read_message(h, buf, sizeof buf);
        printf("message %d: %lu bytes, fnv %016llx\n", i, (unsigned long) n, (unsigned long long) fnv(FNV_START, buf, n));
    }
    DWORD sizes[3] = {3, 3000, 30000};
    for (int i = 0; i < 3; i++) {
        for (DWORD j = 0; j < sizes[i]; j++) {
            buf[j] = pattern(j, 100 + i);
        }
        write_all(h, buf, sizes[i]);
    }
    FlushFileBuffers(h);
    CloseHandle(h);
    fflush(stdout);
    return 0;
}

static int pipe_msg_server(const char *name) {
    HANDLE h = CreateNamedPipeW(wide(name), PIPE_ACCESS_DUPLEX,
            PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE | PIPE_WAIT | PIPE_REJECT_REMOTE_CLIENTS, 1, 65536, 65536, 0, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        die("CreateNamedPipeW");
    }
    printf("listening\n");
    fflush(stdout);
    if (!ConnectNamedPipe(h, NULL) && GetLastError() != ERROR_PIPE_CONNECTED) {
        die("ConnectNamedPipe");
    }
    static unsigned char buf[1 << 20], out[1 << 20];
    for (int i = 0; i < 3; i++) {
        DWORD n = read_message(h, buf, sizeof buf);
        for (DWORD j = 0; j < n; j++) {
            out[j] = buf[n - 1 - j];
        }
        write_all(h, out, n);
        printf("message %d: %lu bytes\n", i, (unsigned long) n);
    }
    FlushFileBuffers(h);
    /* Wait for the client to close its end before tearing the instance down. */
    DWORD got;
    ReadFile(h, buf, sizeof buf, &got, NULL);
    DisconnectNamedPipe(h);
    CloseHandle(h);
    fflush(stdout);
    return 0;
}

static int pipe_byte_sink(const char *name) {
    HANDLE h = connect_client(name, PIPE_READMODE_BYTE);
    static unsigned char buf[65536];
    uint64_t total = 0, h64 = FNV_START;
    for (;;) {
        DWORD got = 0;
        if (!ReadFile(h, buf, sizeof buf, &got, NULL)) {
            if (GetLastError() == ERROR_BROKEN_PIPE) {
                break;
            }
            die("ReadFile");
        }
        h64 = fnv(h64, buf, got);
        total += got;
    }
    printf("bytes %llu fnv %016llx\n", (unsigned long long) total, (unsigned long long) h64);
    fflush(stdout);
    CloseHandle(h);
    return 0;
}

static int pipe_byte_source(const char *name, uint64_t bytes) {
    HANDLE h = connect_client(name, PIPE_READMODE_BYTE);
    static unsigned char buf[40000];
    uint64_t i = 0;
    DWORD chunk = 777;
    while (i < bytes) {
        DWORD n = (DWORD) (bytes - i < chunk ? bytes - i : chunk);
        for (DWORD j = 0; j < n; j++) {
            buf[j] = pattern(i + j, 7);
        }
        write_all(h, buf, n);
        i += n;
        chunk = chunk * 3 % 39989 + 1;
    }
    FlushFileBuffers(h);
    CloseHandle(h);
    return 0;
}

static int mapping(const char *name, SIZE_T size, long rounds) {
    HANDLE m = OpenFileMappingW(FILE_MAP_ALL_ACCESS, FALSE, wide(name));
    if (m == NULL) {
        die("OpenFileMappingW");
    }
    unsigned char *p = MapViewOfFile(m, FILE_MAP_ALL_ACCESS, 0, 0, size);
    if (p == NULL) {
        die("MapViewOfFile");
    }
    printf("java wrote: %s\n", (char *) p);
    strcpy((char *) p + 256, "hello from C");
    volatile LONG *barrier = (volatile LONG *) (p + 512);
    InterlockedIncrement(barrier);
    while (*barrier < 2) {
        YieldProcessor();
    }
    volatile LONG64 *counter = (volatile LONG64 *) (p + 1024);
    for (long i = 0; i < rounds; i++) {
        InterlockedIncrement64(counter);
    }
    printf("added %ld\n", rounds);
    fflush(stdout);
    UnmapViewOfFile(p);
    CloseHandle(m);
    return 0;
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc < 3) {
        fprintf(stderr, "usage: win_peer COMMAND NAME [ARGS]\n");
        return 64;
    }
    const char *cmd = argv[1], *name = argv[2];
    if (!strcmp(cmd, "sem-release") && argc == 4) {
        HANDLE s = OpenSemaphoreW(SYNCHRONIZE | SEMAPHORE_MODIFY_STATE, FALSE, wide(name));
        if (s == NULL) die("OpenSemaphoreW");
        if (!ReleaseSemaphore(s, atoi(argv[3]), NULL)) die("ReleaseSemaphore");
        return 0;
    }
    if (!strcmp(cmd, "sem-wait") && argc == 4) {
        HANDLE s = OpenSemaphoreW(SYNCHRONIZE | SEMAPHORE_MODIFY_STATE, FALSE, wide(name));
        if (s == NULL) die("OpenSemaphoreW");
        DWORD r = WaitForSingleObject(s, (DWORD) atol(argv[3]));
        printf(r == WAIT_OBJECT_0 ? "acquired\n" : "timeout\n");
        return r == WAIT_OBJECT_0 ? 0 : 1;
    }
    if (!strcmp(cmd, "event-set") && argc == 3) {
        HANDLE e = OpenEventW(EVENT_MODIFY_STATE, FALSE, wide(name));
        if (e == NULL) die("OpenEventW");
        if (!SetEvent(e)) die("SetEvent");
        return 0;
    }
    if (!strcmp(cmd, "event-wait") && argc == 4) {
        HANDLE e = OpenEventW(SYNCHRONIZE, FALSE, wide(name));
        if (e == NULL) die("OpenEventW");
        DWORD r = WaitForSingleObject(e, (DWORD) atol(argv[3]));
        printf(r == WAIT_OBJECT_0 ? "signalled\n" : "timeout\n");
        return r == WAIT_OBJECT_0 ? 0 : 1;
    }
    if (!strcmp(cmd, "mutex-abandon") && argc == 3) {
        HANDLE m = OpenMutexW(SYNCHRONIZE, FALSE, wide(name));
        if (m == NULL) die("OpenMutexW");
        if (WaitForSingleObject(m, INFINITE) != WAIT_OBJECT_0) die("WaitForSingleObject");
        printf("owned\n");
        fflush(stdout);
        ExitProcess(0);   /* without ReleaseMutex: the mutex is abandoned */
    }
    if (!strcmp(cmd, "mapping") && argc == 5) {
        return mapping(name, (SIZE_T) atoll(argv[3]), atol(argv[4]));
    }
    if (!strcmp(cmd, "pipe-msg-client") && argc == 3) return pipe_msg_client(name);
    if (!strcmp(cmd, "pipe-msg-server") && argc == 3) return pipe_msg_server(name);
    if (!strcmp(cmd, "pipe-byte-sink") && argc == 3) return pipe_byte_sink(name);
    if (!strcmp(cmd, "pipe-byte-source") && argc == 4) return pipe_byte_source(name, (uint64_t) atoll(argv[3]));
    fprintf(stderr, "win_peer: unknown command or wrong arguments: %s\n", cmd);
    return 64;
}
