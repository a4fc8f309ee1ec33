package io.github.nativeipc.bindings.windows;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.WString;

/**
 * The {@code kernel32.dll} calls of the Windows layer, bound by JNA direct mapping: static native
 * methods with primitive signatures ({@code HANDLE}, pointers and {@code SIZE_T} as {@code long},
 * {@code BOOL} and {@code DWORD} as {@code int}, wide strings as {@link WString}).
 *
 * <p>Why not jna-platform's {@code Kernel32} for the calls it has: its interface mapping goes
 * through a proxy that boxes every argument and wants {@code HANDLE}, {@code OVERLAPPED} and
 * by-reference objects per call, which the hot paths ({@code ReadFile}, {@code WriteFile},
 * {@code WaitForSingleObject}, {@code ReleaseSemaphore}, {@code SetEvent}) must not allocate; and
 * one binding style for every call keeps handles as plain {@code long}s throughout. jna-platform
 * still serves what is not on a hot path and is not re-declared here: message texts
 * ({@code Kernel32Util.formatMessage}) and the current user's SID ({@code Advapi32Util}). The calls
 * it lacks ({@code CreateSemaphoreW}, {@code OpenSemaphoreW}, {@code ReleaseSemaphore},
 * {@code CancelIoEx}, {@code FlushViewOfFile}, {@code GetOverlappedResult}, the process-creation
 * calls with an attribute list) are here too.
 *
 * <h2>Last error</h2>
 * JNA stores {@code GetLastError()} right after every native call, per thread, before any other
 * code runs; {@link #lastError()} returns that stored value. Read it right after the failing
 * call, before any other native call of the same thread (the same contract as the POSIX
 * layer's saved errno). No call here reads {@code GetLastError()} later.
 *
 * <p>No policy, no validation. Loading this class outside Windows fails. Thread-safe.
 */
public final class Kernel32 {
    private Kernel32() {}

    static {
        Native.register(Kernel32.class, NativeLibrary.getInstance("kernel32"));
    }

    /** The Win32 error the last native call of this thread left (saved by JNA right after it). */
    public static int lastError() {
        return Native.getLastError();
    }

    // ---------------------------------------------------------------- handles, waits

    public static native int CloseHandle(long handle);

    public static native int WaitForSingleObject(long handle, int milliseconds);

    /** {@code handles} is the address of an array of {@code count} HANDLEs. */
    public static native int WaitForMultipleObjects(int count, long handles, int waitAll, int milliseconds);

    public static native int GetCurrentProcessId();

    /** {@code process}: a handle, e.g. -1 for the current process; {@code count}: address of a {@code DWORD}. */
    public static native int GetProcessHandleCount(long process, long count);

    // ---------------------------------------------------------------- semaphores, events, mutexes

    public static native long CreateSemaphoreW(long securityAttributes, int initialCount, int maximumCount, WString name);

    public static native long OpenSemaphoreW(int desiredAccess, int inheritHandle, WString name);

    /** {@code previousCount}: address of a {@code LONG}, or 0. */
    public static native int ReleaseSemaphore(long semaphore, int releaseCount, long previousCount);

    public static native long CreateEventW(long securityAttributes, int manualReset, int initialState, WString name);

    public static native long OpenEventW(int desiredAccess, int inheritHandle, WString name);

    public static native int SetEvent(long event);

    public static native int ResetEvent(long event);

    public static native long CreateMutexW(long securityAttributes, int initialOwner, WString name);

    public static native long OpenMutexW(int desiredAccess, int inheritHandle, WString name);

    public static native int ReleaseMutex(long mutex);

    // ---------------------------------------------------------------- files and I/O

    public static native long CreateFileW(WString name, int desiredAccess, int shareMode, long securityAttributes,
            int creationDisposition, int flagsAndAttributes, long templateFile);

    /** {@code bytesRead} and {@code overlapped}: addresses, or 0. */
    public static native int ReadFile(long file, long buffer, int length, long bytesRead, long overlapped);

    public static native int WriteFile(long file, long buffer, int length, long bytesWritten, long overlapped);

    public static native int GetOverlappedResult(long file, long overlapped, long bytesTransferred, int wait);

    public static native int CancelIoEx(long file, long overlapped);

    public static native int FlushFileBuffers(long file);

    /** {@code size}: address of a {@code LARGE_INTEGER}. */
    public static native int GetFileSizeEx(long file, long size);

    // ---------------------------------------------------------------- pipes

    public static native long CreateNamedPipeW(WString name, int openMode, int pipeMode, int maxInstances,
            int outBufferSize, int inBufferSize, int defaultTimeout, long securityAttributes);

    public static native int ConnectNamedPipe(long pipe, long overlapped);

    public static native int DisconnectNamedPipe(long pipe);

    public static native int WaitNamedPipeW(WString name, int timeout);

    public static native int SetNamedPipeHandleState(long pipe, long mode, long maxCollectionCount, long collectDataTimeout);

    /** Every pointer argument: an address, or 0. */
    public static native int PeekNamedPipe(long pipe, long buffer, int bufferSize, long bytesRead,
            long totalBytesAvail, long bytesLeftThisMessage);

    /** {@code processId}: address of a {@code ULONG}. */
    public static native int GetNamedPipeClientProcessId(long pipe, long processId);

    /** {@code processId}: address of a {@code ULONG}. */
    public static native int GetNamedPipeServerProcessId(long pipe, long processId);

    /** {@code readPipe}, {@code writePipe}: addresses of HANDLEs. */
    public static native int CreatePipe(long readPipe, long writePipe, long securityAttributes, int size);

    // ---------------------------------------------------------------- file mappings

    public static native long CreateFileMappingW(long file, long securityAttributes, int protect,
            int maximumSizeHigh, int maximumSizeLow, WString name);

    public static native long OpenFileMappingW(int desiredAccess, int inheritHandle, WString name);

    public static native long MapViewOfFile(long mapping, int desiredAccess, int offsetHigh, int offsetLow, long bytes);

    public static native int UnmapViewOfFile(long baseAddress);

    public static native int FlushViewOfFile(long baseAddress, long bytes);

    // ---------------------------------------------------------------- processes

    /**
     * {@code applicationName}: {@code null} to take the program from the command line;
     * {@code commandLine}: address of a writable, NUL-terminated UTF-16 string (the call may
     * change it in place); {@code environment}: address of an environment block, or 0;
     * {@code startupInfo}: address of a {@code STARTUPINFOW} or {@code STARTUPINFOEXW};
     * {@code processInformation}: address of a {@code PROCESS_INFORMATION} the call fills.
     */
    public static native int CreateProcessW(WString applicationName, long commandLine, long processAttributes,
            long threadAttributes, int inheritHandles, int creationFlags, long environment, WString currentDirectory,
            long startupInfo, long processInformation);

    /** {@code attributeList}: address of the list, or 0 to learn its size; {@code size}: address of a {@code SIZE_T}. */
    public static native int InitializeProcThreadAttributeList(long attributeList, int attributeCount, int flags, long size);

    /** {@code value}: address of {@code size} bytes that must stay valid until the list is deleted; the last two: 0. */
    public static native int UpdateProcThreadAttribute(long attributeList, int flags, long attribute, long value, long size,
            long previousValue, long returnSize);

    public static native void DeleteProcThreadAttributeList(long attributeList);

    /** {@code exitCode}: address of a {@code DWORD}. */
    public static native int GetExitCodeProcess(long process, long exitCode);

    public static native int TerminateProcess(long process, int exitCode);

    /** {@code which}: {@code STD_INPUT_HANDLE}, {@code STD_OUTPUT_HANDLE} or {@code STD_ERROR_HANDLE}. */
    public static native long GetStdHandle(int which);

    /** {@code flags}: address of a {@code DWORD}. */
    public static native int GetHandleInformation(long handle, long flags);

    public static native int SetHandleInformation(long handle, int mask, int flags);

    // ---------------------------------------------------------------- memory

    public static native long LocalFree(long memory);

    /** {@code buffer}: address of a {@code MEMORY_BASIC_INFORMATION} of {@code length} bytes. */
    public static native long VirtualQuery(long address, long buffer, long length);
}
