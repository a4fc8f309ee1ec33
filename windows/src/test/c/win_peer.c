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
 *   win_peer constants                     prints the constants and struct layouts the bindings hard-code
 *
 * As a child started by ChildProcess (handle values in decimal, as the child sees them):
 *   win_peer child-echo                    copies standard input to standard output until end of file
 *   win_peer child-write HANDLE TEXT       writes TEXT to HANDLE (WriteFile with an OVERLAPPED, so an
 *                                          overlapped handle works too), then closes it
 *   win_peer child-read HANDLE             reads HANDLE to its end and prints what came
 *   win_peer child-exit N                  exits with status N (ExitProcess)
 *   win_peer child-sleep MS                sleeps MS milliseconds, then exits 0
 *   win_peer child-env NAME                prints "NAME=value" (GetEnvironmentVariableW), or "NAME unset"
 *   win_peer child-cwd                     prints the working directory (GetCurrentDirectoryW)
 *   win_peer child-check-handle HANDLE...  prints "HANDLE valid" or "HANDLE invalid ERROR" per handle
 *                                          (GetHandleInformation)
 *   win_peer child-std                     prints "in H", "out H", "err H": its standard handles' values
 *                                          (GetStdHandle) in decimal
 *   win_peer child-event-set HANDLE        SetEvent on an inherited event handle
 *   win_peer child-mapping-write HANDLE TEXT
 *                                          maps an inherited file mapping (MapViewOfFile) and copies
 *                                          TEXT and its NUL to its first bytes
 *   win_peer child-argv ARGS...            prints argc, then every argv element the C runtime parsed
 *                                          (its wide argv, __wgetmainargs) as hex of its UTF-8
 *
 * Exit status 0 on success; failures print the call and GetLastError() to stderr and exit 2.
 */
#include <windows.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <stddef.h>
#include <sddl.h>

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

/* Every constant and struct offset the Java bindings hard-code, as the mingw-w64 headers have them:
 * "NAME VALUE" per line (Win32HeadersMatchWindowsTest compares them with Win32Constants and Win32Error). */
static int constants(void) {
    SYSTEM_INFO si;
    GetSystemInfo(&si);
    printf("INVALID_HANDLE_VALUE %lld\n", (long long) (intptr_t) INVALID_HANDLE_VALUE);
    printf("INFINITE %lld\n", (long long) (int32_t) INFINITE);
    printf("WAIT_OBJECT_0 %lld\n", (long long) (WAIT_OBJECT_0));
    printf("WAIT_ABANDONED_0 %lld\n", (long long) (WAIT_ABANDONED_0));
    printf("WAIT_TIMEOUT %lld\n", (long long) (WAIT_TIMEOUT));
    printf("WAIT_FAILED %lld\n", (long long) (int32_t) WAIT_FAILED);
    printf("MAXIMUM_WAIT_OBJECTS %lld\n", (long long) (MAXIMUM_WAIT_OBJECTS));
    printf("SYNCHRONIZE %lld\n", (long long) (SYNCHRONIZE));
    printf("GENERIC_READ %lld\n", (long long) (int32_t) GENERIC_READ);
    printf("GENERIC_WRITE %lld\n", (long long) (GENERIC_WRITE));
    printf("SEMAPHORE_MODIFY_STATE %lld\n", (long long) (SEMAPHORE_MODIFY_STATE));
    printf("SEMAPHORE_ALL_ACCESS %lld\n", (long long) (SEMAPHORE_ALL_ACCESS));
    printf("EVENT_MODIFY_STATE %lld\n", (long long) (EVENT_MODIFY_STATE));
    printf("EVENT_ALL_ACCESS %lld\n", (long long) (EVENT_ALL_ACCESS));
    printf("MUTEX_MODIFY_STATE %lld\n", (long long) (MUTEX_MODIFY_STATE));
    printf("MUTEX_ALL_ACCESS %lld\n", (long long) (MUTEX_ALL_ACCESS));
    printf("FILE_MAP_WRITE %lld\n", (long long) (FILE_MAP_WRITE));
    printf("FILE_MAP_READ %lld\n", (long long) (FILE_MAP_READ));
    printf("FILE_MAP_ALL_ACCESS %lld\n", (long long) (FILE_MAP_ALL_ACCESS));
    printf("FILE_SHARE_READ %lld\n", (long long) (FILE_SHARE_READ));
    printf("FILE_SHARE_WRITE %lld\n", (long long) (FILE_SHARE_WRITE));
    printf("FILE_SHARE_DELETE %lld\n", (long long) (FILE_SHARE_DELETE));
    printf("CREATE_NEW %lld\n", (long long) (CREATE_NEW));
    printf("CREATE_ALWAYS %lld\n", (long long) (CREATE_ALWAYS));
    printf("OPEN_EXISTING %lld\n", (long long) (OPEN_EXISTING));
    printf("OPEN_ALWAYS %lld\n", (long long) (OPEN_ALWAYS));
    printf("FILE_ATTRIBUTE_NORMAL %lld\n", (long long) (FILE_ATTRIBUTE_NORMAL));
    printf("FILE_FLAG_OVERLAPPED %lld\n", (long long) (FILE_FLAG_OVERLAPPED));
    printf("SECURITY_SQOS_PRESENT %lld\n", (long long) (SECURITY_SQOS_PRESENT));
    printf("SECURITY_IDENTIFICATION %lld\n", (long long) (SECURITY_IDENTIFICATION));
    printf("PIPE_ACCESS_INBOUND %lld\n", (long long) (PIPE_ACCESS_INBOUND));
    printf("PIPE_ACCESS_OUTBOUND %lld\n", (long long) (PIPE_ACCESS_OUTBOUND));
    printf("PIPE_ACCESS_DUPLEX %lld\n", (long long) (PIPE_ACCESS_DUPLEX));
    printf("FILE_FLAG_FIRST_PIPE_INSTANCE %lld\n", (long long) (FILE_FLAG_FIRST_PIPE_INSTANCE));
    printf("PIPE_TYPE_BYTE %lld\n", (long long) (PIPE_TYPE_BYTE));
    printf("PIPE_TYPE_MESSAGE %lld\n", (long long) (PIPE_TYPE_MESSAGE));
    printf("PIPE_READMODE_BYTE %lld\n", (long long) (PIPE_READMODE_BYTE));
    printf("PIPE_READMODE_MESSAGE %lld\n", (long long) (PIPE_READMODE_MESSAGE));
    printf("PIPE_WAIT %lld\n", (long long) (PIPE_WAIT));
    printf("PIPE_REJECT_REMOTE_CLIENTS %lld\n", (long long) (PIPE_REJECT_REMOTE_CLIENTS));
    printf("PIPE_UNLIMITED_INSTANCES %lld\n", (long long) (PIPE_UNLIMITED_INSTANCES));
    printf("NMPWAIT_USE_DEFAULT_WAIT %lld\n", (long long) (NMPWAIT_USE_DEFAULT_WAIT));
    printf("PAGE_READONLY %lld\n", (long long) (PAGE_READONLY));
    printf("PAGE_READWRITE %lld\n", (long long) (PAGE_READWRITE));
    printf("SDDL_REVISION_1 %lld\n", (long long) (SDDL_REVISION_1));
    printf("OVERLAPPED_SIZE %lld\n", (long long) sizeof(OVERLAPPED));
    printf("OVERLAPPED_OFFSET %lld\n", (long long) offsetof(OVERLAPPED, Offset));
    printf("OVERLAPPED_OFFSET_HIGH %lld\n", (long long) offsetof(OVERLAPPED, OffsetHigh));
    printf("OVERLAPPED_EVENT %lld\n", (long long) offsetof(OVERLAPPED, hEvent));
    printf("SECURITY_ATTRIBUTES_SIZE %lld\n", (long long) sizeof(SECURITY_ATTRIBUTES));
    printf("SECURITY_ATTRIBUTES_DESCRIPTOR %lld\n", (long long) offsetof(SECURITY_ATTRIBUTES, lpSecurityDescriptor));
    printf("SECURITY_ATTRIBUTES_INHERIT %lld\n", (long long) offsetof(SECURITY_ATTRIBUTES, bInheritHandle));
    printf("MEMORY_BASIC_INFORMATION_SIZE %lld\n", (long long) sizeof(MEMORY_BASIC_INFORMATION));
    printf("MEMORY_BASIC_INFORMATION_REGION_SIZE %lld\n", (long long) offsetof(MEMORY_BASIC_INFORMATION, RegionSize));
    printf("ALLOCATION_GRANULARITY %lld\n", (long long) si.dwAllocationGranularity);
    printf("EXTENDED_STARTUPINFO_PRESENT %lld\n", (long long) EXTENDED_STARTUPINFO_PRESENT);
    printf("CREATE_UNICODE_ENVIRONMENT %lld\n", (long long) CREATE_UNICODE_ENVIRONMENT);
    printf("PROC_THREAD_ATTRIBUTE_HANDLE_LIST %lld\n", (long long) PROC_THREAD_ATTRIBUTE_HANDLE_LIST);
    printf("STARTF_USESTDHANDLES %lld\n", (long long) STARTF_USESTDHANDLES);
    printf("HANDLE_FLAG_INHERIT %lld\n", (long long) HANDLE_FLAG_INHERIT);
    printf("STILL_ACTIVE %lld\n", (long long) STILL_ACTIVE);
    printf("STD_INPUT_HANDLE %lld\n", (long long) (int32_t) STD_INPUT_HANDLE);
    printf("STD_OUTPUT_HANDLE %lld\n", (long long) (int32_t) STD_OUTPUT_HANDLE);
    printf("STD_ERROR_HANDLE %lld\n", (long long) (int32_t) STD_ERROR_HANDLE);
    printf("STARTUPINFOEXW_SIZE %lld\n", (long long) sizeof(STARTUPINFOEXW));
    printf("STARTUPINFOW_SIZE %lld\n", (long long) sizeof(STARTUPINFOW));
    printf("STARTUPINFOW_FLAGS %lld\n", (long long) offsetof(STARTUPINFOW, dwFlags));
    printf("STARTUPINFOW_STD_INPUT %lld\n", (long long) offsetof(STARTUPINFOW, hStdInput));
    printf("STARTUPINFOW_STD_OUTPUT %lld\n", (long long) offsetof(STARTUPINFOW, hStdOutput));
    printf("STARTUPINFOW_STD_ERROR %lld\n", (long long) offsetof(STARTUPINFOW, hStdError));
    printf("STARTUPINFOEXW_ATTRIBUTE_LIST %lld\n", (long long) offsetof(STARTUPINFOEXW, lpAttributeList));
    printf("PROCESS_INFORMATION_SIZE %lld\n", (long long) sizeof(PROCESS_INFORMATION));
    printf("PROCESS_INFORMATION_PROCESS %lld\n", (long long) offsetof(PROCESS_INFORMATION, hProcess));
    printf("PROCESS_INFORMATION_THREAD %lld\n", (long long) offsetof(PROCESS_INFORMATION, hThread));
    printf("PROCESS_INFORMATION_PROCESS_ID %lld\n", (long long) offsetof(PROCESS_INFORMATION, dwProcessId));
    printf("ERROR_FILE_NOT_FOUND %lld\n", (long long) ERROR_FILE_NOT_FOUND);
    printf("ERROR_PATH_NOT_FOUND %lld\n", (long long) ERROR_PATH_NOT_FOUND);
    printf("ERROR_TOO_MANY_OPEN_FILES %lld\n", (long long) ERROR_TOO_MANY_OPEN_FILES);
    printf("ERROR_ACCESS_DENIED %lld\n", (long long) ERROR_ACCESS_DENIED);
    printf("ERROR_INVALID_HANDLE %lld\n", (long long) ERROR_INVALID_HANDLE);
    printf("ERROR_NOT_ENOUGH_MEMORY %lld\n", (long long) ERROR_NOT_ENOUGH_MEMORY);
    printf("ERROR_OUTOFMEMORY %lld\n", (long long) ERROR_OUTOFMEMORY);
    printf("ERROR_SHARING_VIOLATION %lld\n", (long long) ERROR_SHARING_VIOLATION);
    printf("ERROR_HANDLE_EOF %lld\n", (long long) ERROR_HANDLE_EOF);
    printf("ERROR_NOT_SUPPORTED %lld\n", (long long) ERROR_NOT_SUPPORTED);
    printf("ERROR_FILE_EXISTS %lld\n", (long long) ERROR_FILE_EXISTS);
    printf("ERROR_INVALID_PARAMETER %lld\n", (long long) ERROR_INVALID_PARAMETER);
    printf("ERROR_BROKEN_PIPE %lld\n", (long long) ERROR_BROKEN_PIPE);
    printf("ERROR_DISK_FULL %lld\n", (long long) ERROR_DISK_FULL);
    printf("ERROR_CALL_NOT_IMPLEMENTED %lld\n", (long long) ERROR_CALL_NOT_IMPLEMENTED);
    printf("ERROR_SEM_TIMEOUT %lld\n", (long long) ERROR_SEM_TIMEOUT);
    printf("ERROR_INSUFFICIENT_BUFFER %lld\n", (long long) ERROR_INSUFFICIENT_BUFFER);
    printf("ERROR_INVALID_NAME %lld\n", (long long) ERROR_INVALID_NAME);
    printf("ERROR_BAD_PATHNAME %lld\n", (long long) ERROR_BAD_PATHNAME);
    printf("ERROR_ALREADY_EXISTS %lld\n", (long long) ERROR_ALREADY_EXISTS);
    printf("ERROR_BAD_EXE_FORMAT %lld\n", (long long) ERROR_BAD_EXE_FORMAT);
    printf("ERROR_FILENAME_EXCED_RANGE %lld\n", (long long) ERROR_FILENAME_EXCED_RANGE);
    printf("ERROR_BAD_PIPE %lld\n", (long long) ERROR_BAD_PIPE);
    printf("ERROR_PIPE_BUSY %lld\n", (long long) ERROR_PIPE_BUSY);
    printf("ERROR_NO_DATA %lld\n", (long long) ERROR_NO_DATA);
    printf("ERROR_PIPE_NOT_CONNECTED %lld\n", (long long) ERROR_PIPE_NOT_CONNECTED);
    printf("ERROR_MORE_DATA %lld\n", (long long) ERROR_MORE_DATA);
    printf("ERROR_DIRECTORY %lld\n", (long long) ERROR_DIRECTORY);
    printf("WAIT_TIMEOUT %lld\n", (long long) WAIT_TIMEOUT);
    printf("ERROR_NOT_OWNER %lld\n", (long long) ERROR_NOT_OWNER);
    printf("ERROR_TOO_MANY_POSTS %lld\n", (long long) ERROR_TOO_MANY_POSTS);
    printf("ERROR_INVALID_ADDRESS %lld\n", (long long) ERROR_INVALID_ADDRESS);
    printf("ERROR_PIPE_CONNECTED %lld\n", (long long) ERROR_PIPE_CONNECTED);
    printf("ERROR_PIPE_LISTENING %lld\n", (long long) ERROR_PIPE_LISTENING);
    printf("ERROR_ABANDONED_WAIT_0 %lld\n", (long long) ERROR_ABANDONED_WAIT_0);
    printf("ERROR_OPERATION_ABORTED %lld\n", (long long) ERROR_OPERATION_ABORTED);
    printf("ERROR_IO_INCOMPLETE %lld\n", (long long) ERROR_IO_INCOMPLETE);
    printf("ERROR_IO_PENDING %lld\n", (long long) ERROR_IO_PENDING);
    printf("ERROR_FILE_INVALID %lld\n", (long long) ERROR_FILE_INVALID);
    printf("ERROR_MAPPED_ALIGNMENT %lld\n", (long long) ERROR_MAPPED_ALIGNMENT);
    printf("ERROR_NO_SYSTEM_RESOURCES %lld\n", (long long) ERROR_NO_SYSTEM_RESOURCES);
    printf("ERROR_COMMITMENT_LIMIT %lld\n", (long long) ERROR_COMMITMENT_LIMIT);
    printf("ERROR_TIMEOUT %lld\n", (long long) ERROR_TIMEOUT);
    printf("ERROR_INVALID_SECURITY_DESCR %lld\n", (long long) ERROR_INVALID_SECURITY_DESCR);
    return 0;
}

/* Text as UTF-8 on standard output. */
static void print_wide(const wchar_t *w) {
    int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
    char *s = malloc(n);
    WideCharToMultiByte(CP_UTF8, 0, w, -1, s, n, NULL, NULL);
    fputs(s, stdout);
    free(s);
}

static HANDLE handle_arg(const char *decimal) {
    return (HANDLE) (intptr_t) _strtoi64(decimal, NULL, 10);
}

/* ReadFile or WriteFile with an OVERLAPPED and an event: right for overlapped and plain handles alike.
 * Returns the bytes moved, or -1 with the error in GetLastError(). */
static long transfer(HANDLE h, void *buf, DWORD n, BOOL write) {
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
    DWORD done = 0;
    BOOL ok = write ? WriteFile(h, buf, n, &done, &ov) : ReadFile(h, buf, n, &done, &ov);
    if (!ok && GetLastError() == ERROR_IO_PENDING) {
        ok = GetOverlappedResult(h, &ov, &done, TRUE);
    }
    DWORD e = GetLastError();
    CloseHandle(ov.hEvent);
    SetLastError(e);
    return ok ? (long) done : -1;
}

typedef struct { int newmode; } peer_startupinfo;
extern int __wgetmainargs(int *argc, wchar_t ***argv, wchar_t ***env, int glob, peer_startupinfo *si);

static int child(int argc, char **argv) {
    const char *cmd = argv[1];
    if (!strcmp(cmd, "child-echo") && argc == 2) {
        HANDLE in = GetStdHandle(STD_INPUT_HANDLE), out = GetStdHandle(STD_OUTPUT_HANDLE);
        static unsigned char buf[65536];
        for (;;) {
            DWORD got = 0;
            if (!ReadFile(in, buf, sizeof buf, &got, NULL)) {
                if (GetLastError() == ERROR_BROKEN_PIPE) break;
                die("ReadFile (stdin)");
            }
            if (got == 0) break;
            write_all(out, buf, got);
        }
        return 0;
    }
    if (!strcmp(cmd, "child-write") && argc == 4) {
        HANDLE h = handle_arg(argv[2]);
        if (transfer(h, argv[3], (DWORD) strlen(argv[3]), TRUE) < 0) die("WriteFile (inherited handle)");
        CloseHandle(h);
        return 0;
    }
    if (!strcmp(cmd, "child-event-set") && argc == 3) {
        if (!SetEvent(handle_arg(argv[2]))) die("SetEvent (inherited handle)");
        return 0;
    }
    if (!strcmp(cmd, "child-mapping-write") && argc == 4) {
        char *view = (char *) MapViewOfFile(handle_arg(argv[2]), FILE_MAP_WRITE, 0, 0, 0);
        if (!view) die("MapViewOfFile (inherited handle)");
        memcpy(view, argv[3], strlen(argv[3]) + 1);
        if (!UnmapViewOfFile(view)) die("UnmapViewOfFile");
        return 0;
    }
    if (!strcmp(cmd, "child-read") && argc == 3) {
        HANDLE h = handle_arg(argv[2]);
        static char buf[65536];
        for (;;) {
            long got = transfer(h, buf, sizeof buf, FALSE);
            if (got < 0) {
                if (GetLastError() == ERROR_BROKEN_PIPE) break;
                die("ReadFile (inherited handle)");
            }
            if (got == 0) break;
            fwrite(buf, 1, (size_t) got, stdout);
        }
        fflush(stdout);
        return 0;
    }
    if (!strcmp(cmd, "child-exit") && argc == 3) {
        fflush(stdout);
        ExitProcess((UINT) strtoul(argv[2], NULL, 10));
    }
    if (!strcmp(cmd, "child-sleep") && argc == 3) {
        Sleep((DWORD) strtoul(argv[2], NULL, 10));
        return 0;
    }
    if (!strcmp(cmd, "child-env") && argc == 3) {
        wchar_t *name = wide(argv[2]);
        static wchar_t value[32768];
        DWORD n = GetEnvironmentVariableW(name, value, 32768);
        if (n == 0 && GetLastError() == ERROR_ENVVAR_NOT_FOUND) {
            printf("%s unset\n", argv[2]);
        } else {
            printf("%s=", argv[2]);
            print_wide(value);
            printf("\n");
        }
        return 0;
    }
    if (!strcmp(cmd, "child-cwd") && argc == 2) {
        static wchar_t dir[32768];
        if (GetCurrentDirectoryW(32768, dir) == 0) die("GetCurrentDirectoryW");
        print_wide(dir);
        printf("\n");
        return 0;
    }
    if (!strcmp(cmd, "child-check-handle") && argc >= 3) {
        for (int i = 2; i < argc; i++) {
            DWORD flags;
            if (GetHandleInformation(handle_arg(argv[i]), &flags)) {
                printf("%s valid\n", argv[i]);
            } else {
                printf("%s invalid %lu\n", argv[i], (unsigned long) GetLastError());
            }
        }
        return 0;
    }
    if (!strcmp(cmd, "child-std") && argc == 2) {
        printf("in %lld\nout %lld\nerr %lld\n", (long long) (intptr_t) GetStdHandle(STD_INPUT_HANDLE),
                (long long) (intptr_t) GetStdHandle(STD_OUTPUT_HANDLE), (long long) (intptr_t) GetStdHandle(STD_ERROR_HANDLE));
        return 0;
    }
    if (!strcmp(cmd, "child-argv")) {
        int wargc = 0;
        wchar_t **wargv = NULL, **wenv = NULL;
        peer_startupinfo si = {0};
        if (__wgetmainargs(&wargc, &wargv, &wenv, 0, &si) < 0) die("__wgetmainargs");
        printf("argc %d\n", wargc);
        for (int i = 0; i < wargc; i++) {
            int n = WideCharToMultiByte(CP_UTF8, 0, wargv[i], -1, NULL, 0, NULL, NULL);
            unsigned char *u = malloc(n);
            WideCharToMultiByte(CP_UTF8, 0, wargv[i], -1, (char *) u, n, NULL, NULL);
            for (int j = 0; j < n - 1; j++) printf("%02x", u[j]);
            printf("\n");
            free(u);
        }
        return 0;
    }
    fprintf(stderr, "win_peer: unknown child command or wrong arguments: %s\n", cmd);
    return 64;
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc == 2 && !strcmp(argv[1], "constants")) {
        return constants();
    }
    if (argc >= 2 && !strncmp(argv[1], "child-", 6)) {
        return child(argc, argv);
    }
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
