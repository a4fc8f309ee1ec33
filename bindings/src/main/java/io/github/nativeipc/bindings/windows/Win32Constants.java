package io.github.nativeipc.bindings.windows;

/**
 * The Win32 constants of the Windows layer ({@code winbase.h}, {@code winnt.h}), including those
 * jna-platform lacks such as {@code FILE_FLAG_FIRST_PIPE_INSTANCE}, and the layouts of the structs
 * it fills in native memory. Windows x64: {@code HANDLE} and pointers are 8 bytes. Immutable.
 */
public final class Win32Constants {
    private Win32Constants() {}

    public static final long INVALID_HANDLE_VALUE = -1L;
    public static final int INFINITE = 0xFFFFFFFF;

    public static final int WAIT_OBJECT_0 = 0x00000000;
    public static final int WAIT_ABANDONED_0 = 0x00000080;
    public static final int WAIT_TIMEOUT = 0x00000102;
    public static final int WAIT_FAILED = 0xFFFFFFFF;
    /** At most this many handles in one {@code WaitForMultipleObjects}. */
    public static final int MAXIMUM_WAIT_OBJECTS = 64;

    // access rights
    public static final int SYNCHRONIZE = 0x00100000;
    public static final int GENERIC_READ = 0x80000000;
    public static final int GENERIC_WRITE = 0x40000000;
    public static final int SEMAPHORE_MODIFY_STATE = 0x0002;
    public static final int SEMAPHORE_ALL_ACCESS = 0x001F0003;
    public static final int EVENT_MODIFY_STATE = 0x0002;
    public static final int EVENT_ALL_ACCESS = 0x001F0003;
    public static final int MUTEX_MODIFY_STATE = 0x0001;
    public static final int MUTEX_ALL_ACCESS = 0x001F0001;
    public static final int FILE_MAP_WRITE = 0x0002;
    public static final int FILE_MAP_READ = 0x0004;
    public static final int FILE_MAP_ALL_ACCESS = 0x000F001F;

    // CreateFile
    public static final int FILE_SHARE_READ = 0x00000001;
    public static final int FILE_SHARE_WRITE = 0x00000002;
    public static final int FILE_SHARE_DELETE = 0x00000004;
    public static final int CREATE_NEW = 1;
    public static final int CREATE_ALWAYS = 2;
    public static final int OPEN_EXISTING = 3;
    public static final int OPEN_ALWAYS = 4;
    public static final int FILE_ATTRIBUTE_NORMAL = 0x00000080;
    public static final int FILE_FLAG_OVERLAPPED = 0x40000000;
    /** {@code SECURITY_SQOS_PRESENT | SECURITY_IDENTIFICATION}: a pipe server may identify, not impersonate, the client. */
    public static final int SECURITY_SQOS_PRESENT = 0x00100000;
    public static final int SECURITY_IDENTIFICATION = 0x00010000;

    // CreateNamedPipe
    public static final int PIPE_ACCESS_INBOUND = 0x00000001;
    public static final int PIPE_ACCESS_OUTBOUND = 0x00000002;
    public static final int PIPE_ACCESS_DUPLEX = 0x00000003;
    public static final int FILE_FLAG_FIRST_PIPE_INSTANCE = 0x00080000;
    public static final int PIPE_TYPE_BYTE = 0x00000000;
    public static final int PIPE_TYPE_MESSAGE = 0x00000004;
    public static final int PIPE_READMODE_BYTE = 0x00000000;
    public static final int PIPE_READMODE_MESSAGE = 0x00000002;
    public static final int PIPE_WAIT = 0x00000000;
    public static final int PIPE_REJECT_REMOTE_CLIENTS = 0x00000008;
    public static final int PIPE_UNLIMITED_INSTANCES = 255;
    public static final int NMPWAIT_USE_DEFAULT_WAIT = 0;

    // page protection (CreateFileMapping)
    public static final int PAGE_READONLY = 0x02;
    public static final int PAGE_READWRITE = 0x04;

    /** {@code SDDL_REVISION_1}. */
    public static final int SDDL_REVISION_1 = 1;

    /** {@code OVERLAPPED}: Internal, InternalHigh, Offset, OffsetHigh, hEvent. */
    public static final int OVERLAPPED_SIZE = 32;
    public static final int OVERLAPPED_OFFSET = 16;
    public static final int OVERLAPPED_OFFSET_HIGH = 20;
    public static final int OVERLAPPED_EVENT = 24;

    /** {@code SECURITY_ATTRIBUTES}: nLength (DWORD), lpSecurityDescriptor, bInheritHandle (BOOL). */
    public static final int SECURITY_ATTRIBUTES_SIZE = 24;
    public static final int SECURITY_ATTRIBUTES_DESCRIPTOR = 8;
    public static final int SECURITY_ATTRIBUTES_INHERIT = 16;

    /** {@code MEMORY_BASIC_INFORMATION} (x64): RegionSize at 24. */
    public static final int MEMORY_BASIC_INFORMATION_SIZE = 48;
    public static final int MEMORY_BASIC_INFORMATION_REGION_SIZE = 24;

    // processes: CreateProcessW, STARTUPINFOEXW, handle inheritance
    /** {@code dwCreationFlags}: {@code lpStartupInfo} is a {@code STARTUPINFOEXW} with an attribute list. */
    public static final int EXTENDED_STARTUPINFO_PRESENT = 0x00080000;
    /** {@code dwCreationFlags}: the environment block is UTF-16. */
    public static final int CREATE_UNICODE_ENVIRONMENT = 0x00000400;
    /** {@code ProcThreadAttributeValue(ProcThreadAttributeHandleList, FALSE, TRUE, FALSE)}: the only handles inherited. */
    public static final long PROC_THREAD_ATTRIBUTE_HANDLE_LIST = 0x00020002L;
    /** {@code STARTUPINFOW.dwFlags}: {@code hStdInput}, {@code hStdOutput} and {@code hStdError} are set. */
    public static final int STARTF_USESTDHANDLES = 0x00000100;
    public static final int HANDLE_FLAG_INHERIT = 0x00000001;
    /** What {@code GetExitCodeProcess} reports for a running process (and for one that exited with 259). */
    public static final int STILL_ACTIVE = 259;
    /** {@code GetStdHandle}: {@code (DWORD) -10}, {@code -11}, {@code -12}. */
    public static final int STD_INPUT_HANDLE = -10;
    public static final int STD_OUTPUT_HANDLE = -11;
    public static final int STD_ERROR_HANDLE = -12;

    /**
     * {@code STARTUPINFOEXW} (x64): the {@code STARTUPINFOW} (cb, three strings, eight DWORDs,
     * dwFlags at 60, two WORDs, lpReserved2, then the three standard handles) followed by
     * {@code lpAttributeList}.
     */
    public static final int STARTUPINFOEXW_SIZE = 112;
    public static final int STARTUPINFOW_SIZE = 104;
    public static final int STARTUPINFOW_FLAGS = 60;
    public static final int STARTUPINFOW_STD_INPUT = 80;
    public static final int STARTUPINFOW_STD_OUTPUT = 88;
    public static final int STARTUPINFOW_STD_ERROR = 96;
    public static final int STARTUPINFOEXW_ATTRIBUTE_LIST = 104;

    /** {@code PROCESS_INFORMATION}: hProcess, hThread, dwProcessId, dwThreadId. */
    public static final int PROCESS_INFORMATION_SIZE = 24;
    public static final int PROCESS_INFORMATION_PROCESS = 0;
    public static final int PROCESS_INFORMATION_THREAD = 8;
    public static final int PROCESS_INFORMATION_PROCESS_ID = 16;

    /** The allocation granularity file-mapping offsets must be multiples of on every Windows. */
    public static final long ALLOCATION_GRANULARITY = 65536;
}
