/*
 * The C side of the Windows round-trip benchmarks (benchmarks/run-windows.sh), built with
 * mingw-w64 and run under Wine (or Windows). The servers echo; the clients time round trips.
 *
 *   win_bench pipe-server NAME                     message-mode named pipe: echoes each message until the client closes
 *   win_bench pipe-client NAME SIZE WARMUP COUNT   sends SIZE-byte messages, waits for each echo
 *   win_bench shm-server NAME SIZE                 creates file mapping NAME and events NAME-ping/NAME-pong (auto reset),
 *                                                  copies the request (offset 64) to the reply (offset 64 + 8192) per ping
 *   win_bench shm-client NAME SIZE WARMUP COUNT    writes a request, sets ping, waits for pong, checks the reply
 *
 * A server prints "ready" once its objects exist. A client prints
 * "samples N median NS p99 NS p999 NS" (QueryPerformanceCounter, nearest rank).
 */
#include <windows.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REQUEST 64
#define REPLY (64 + 8192)
#define MAP_SIZE (64 + 2 * 8192)

static void die(const char *call) {
    fprintf(stderr, "win_bench: %s failed: error %lu\n", call, (unsigned long) GetLastError());
    exit(2);
}

static wchar_t *wide(const char *s) {
    int n = MultiByteToWideChar(CP_UTF8, 0, s, -1, NULL, 0);
    wchar_t *w = malloc(sizeof(wchar_t) * n);
    MultiByteToWideChar(CP_UTF8, 0, s, -1, w, n);
    return w;
}

static wchar_t *wide_suffix(const char *s, const char *suffix) {
    char buf[512];
    snprintf(buf, sizeof buf, "%s%s", s, suffix);
    return wide(buf);
}

static int cmp(const void *a, const void *b) {
    int64_t x = *(const int64_t *) a, y = *(const int64_t *) b;
    return x < y ? -1 : x > y;
}

static void report(int64_t *ns, long count) {
    qsort(ns, count, sizeof *ns, cmp);
    long m = (count + 1) / 2, p99 = (long) ((count * 99 + 99) / 100), p999 = (long) ((count * 999 + 999) / 1000);
    printf("samples %ld median %lld p99 %lld p999 %lld\n", count, (long long) ns[m - 1], (long long) ns[p99 - 1],
            (long long) ns[p999 - 1]);
    fflush(stdout);
}

static int64_t now_ns(void) {
    static LARGE_INTEGER f;
    LARGE_INTEGER c;
    if (f.QuadPart == 0) QueryPerformanceFrequency(&f);
    QueryPerformanceCounter(&c);
    return (int64_t) ((double) c.QuadPart * 1e9 / (double) f.QuadPart);
}

static int pipe_server(const char *name) {
    HANDLE h = CreateNamedPipeW(wide(name), PIPE_ACCESS_DUPLEX, PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE | PIPE_WAIT,
            1, 65536, 65536, 0, NULL);
    if (h == INVALID_HANDLE_VALUE) die("CreateNamedPipeW");
    printf("ready\n");
    fflush(stdout);
    if (!ConnectNamedPipe(h, NULL) && GetLastError() != ERROR_PIPE_CONNECTED) die("ConnectNamedPipe");
    static unsigned char buf[65536];
    for (;;) {
        DWORD n = 0, w = 0;
        if (!ReadFile(h, buf, sizeof buf, &n, NULL)) break;   /* the client closed */
        if (!WriteFile(h, buf, n, &w, NULL)) die("WriteFile");
    }
    CloseHandle(h);
    return 0;
}

static int pipe_client(const char *name, DWORD size, long warmup, long count) {
    HANDLE h = CreateFileW(wide(name), GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    if (h == INVALID_HANDLE_VALUE) die("CreateFileW");
    DWORD mode = PIPE_READMODE_MESSAGE;
    if (!SetNamedPipeHandleState(h, &mode, NULL, NULL)) die("SetNamedPipeHandleState");
    static unsigned char out[65536], in[65536];
    int64_t *ns = malloc(sizeof(int64_t) * count);
    for (long i = -warmup; i < count; i++) {
        memcpy(out, &i, sizeof i);
        int64_t t0 = now_ns();
        DWORD w = 0, n = 0;
        if (!WriteFile(h, out, size, &w, NULL)) die("WriteFile");
        if (!ReadFile(h, in, sizeof in, &n, NULL)) die("ReadFile");
        int64_t t1 = now_ns();
        if (n != size || memcmp(in, &i, sizeof i) != 0) { fprintf(stderr, "win_bench: bad echo\n"); return 3; }
        if (i >= 0) ns[i] = t1 - t0;
    }
    report(ns, count);
    CloseHandle(h);
    return 0;
}

static int shm_server(const char *name, DWORD size) {
    HANDLE m = CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, MAP_SIZE, wide(name));
    if (m == NULL) die("CreateFileMappingW");
    unsigned char *p = MapViewOfFile(m, FILE_MAP_ALL_ACCESS, 0, 0, MAP_SIZE);
    if (p == NULL) die("MapViewOfFile");
    HANDLE ping = CreateEventW(NULL, FALSE, FALSE, wide_suffix(name, "-ping"));
    HANDLE pong = CreateEventW(NULL, FALSE, FALSE, wide_suffix(name, "-pong"));
    if (ping == NULL || pong == NULL) die("CreateEventW");
    printf("ready\n");
    fflush(stdout);
    volatile LONG *stop = (volatile LONG *) p;
    for (;;) {
        if (WaitForSingleObject(ping, INFINITE) != WAIT_OBJECT_0) die("WaitForSingleObject");
        if (*stop) break;
        memcpy(p + REPLY, p + REQUEST, size);
        if (!SetEvent(pong)) die("SetEvent");
    }
    return 0;
}

static int shm_client(const char *name, DWORD size, long warmup, long count) {
    HANDLE m = OpenFileMappingW(FILE_MAP_ALL_ACCESS, FALSE, wide(name));
    if (m == NULL) die("OpenFileMappingW");
    unsigned char *p = MapViewOfFile(m, FILE_MAP_ALL_ACCESS, 0, 0, MAP_SIZE);
    if (p == NULL) die("MapViewOfFile");
    HANDLE ping = OpenEventW(EVENT_MODIFY_STATE | SYNCHRONIZE, FALSE, wide_suffix(name, "-ping"));
    HANDLE pong = OpenEventW(EVENT_MODIFY_STATE | SYNCHRONIZE, FALSE, wide_suffix(name, "-pong"));
    if (ping == NULL || pong == NULL) die("OpenEventW");
    static unsigned char out[8192];
    int64_t *ns = malloc(sizeof(int64_t) * count);
    for (long i = -warmup; i < count; i++) {
        memcpy(out, &i, sizeof i);
        int64_t t0 = now_ns();
        memcpy(p + REQUEST, out, size);
        if (!SetEvent(ping)) die("SetEvent");
        if (WaitForSingleObject(pong, INFINITE) != WAIT_OBJECT_0) die("WaitForSingleObject");
        int64_t t1 = now_ns();
        if (memcmp(p + REPLY, &i, sizeof i) != 0) { fprintf(stderr, "win_bench: bad reply\n"); return 3; }
        if (i >= 0) ns[i] = t1 - t0;
    }
    report(ns, count);
    *(volatile LONG *) p = 1;
    SetEvent(ping);
    return 0;
}

int main(int argc, char **argv) {
    if (argc >= 3 && !strcmp(argv[1], "pipe-server")) return pipe_server(argv[2]);
    if (argc >= 4 && !strcmp(argv[1], "shm-server")) return shm_server(argv[2], (DWORD) atol(argv[3]));
    if (argc >= 6 && !strcmp(argv[1], "pipe-client")) return pipe_client(argv[2], (DWORD) atol(argv[3]), atol(argv[4]), atol(argv[5]));
    if (argc >= 6 && !strcmp(argv[1], "shm-client")) return shm_client(argv[2], (DWORD) atol(argv[3]), atol(argv[4]), atol(argv[5]));
    fprintf(stderr, "usage: win_bench pipe-server|pipe-client|shm-server|shm-client NAME [SIZE WARMUP COUNT]\n");
    return 64;
}
