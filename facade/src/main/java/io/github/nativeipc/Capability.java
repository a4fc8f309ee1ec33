package io.github.nativeipc;

/**
 * An IPC facility that an OS, kernel or container may or may not offer. {@link Capabilities}
 * says which are here, and why not for the others. Immutable.
 */
public enum Capability {
    /** POSIX shared memory ({@code shm_open}, {@code /dev/shm}): what {@link SharedMemory} uses on Linux and macOS. */
    POSIX_SHARED_MEMORY("POSIX shared memory"),
    /** Named POSIX semaphores ({@code sem_open}): what {@link NamedSemaphore} uses on Linux and macOS. */
    POSIX_SEMAPHORES("named POSIX semaphores"),
    /** Timed semaphore waits ({@code sem_timedwait}, {@code sem_clockwait}); macOS has none. */
    TIMED_SEMAPHORE_WAITS("timed semaphore waits"),
    /** POSIX message queues ({@code mq_open}); macOS has none. */
    POSIX_MESSAGE_QUEUES("POSIX message queues"),
    /** System V shared memory, message queues and semaphore sets. */
    SYSTEM_V_IPC("System V IPC"),
    /** Unix domain sockets: what {@link LocalServer} and {@link LocalSocket} use on Linux and macOS. */
    UNIX_SOCKETS("Unix domain sockets"),
    /** Unix seqpacket sockets (connected, message boundaries kept; Linux): what {@link MessageServer} and {@link MessageChannel} use there. */
    SEQPACKET_SOCKETS("Unix seqpacket sockets"),
    /** Unix socket names without a file (Linux). */
    ABSTRACT_SOCKET_NAMES("abstract Unix socket names"),
    /** The credentials of a Unix socket's peer ({@code SO_PEERCRED}, Linux). */
    PEER_CREDENTIALS("Unix socket peer credentials"),
    /** Anonymous memory files ({@code memfd_create}, Linux 3.17+). */
    MEMFD("memfd_create"),
    /** Robust process-shared pthread mutexes ({@code EOWNERDEAD}; Linux): what {@link ProcessMutex} uses on Linux. */
    ROBUST_MUTEXES("robust process-shared mutexes"),
    /** Pagefile-backed named file mappings: what {@link SharedMemory} uses on Windows. */
    WINDOWS_FILE_MAPPINGS("Windows file mappings"),
    /** Named Windows semaphores: what {@link NamedSemaphore} uses on Windows. */
    WINDOWS_SEMAPHORES("Windows named semaphores"),
    /** Windows named pipes: what {@link LocalServer} and {@link LocalSocket} use on Windows. */
    WINDOWS_NAMED_PIPES("Windows named pipes"),
    /** Windows named mutexes (abandonment reported): what {@link ProcessMutex} uses on Windows. */
    WINDOWS_MUTEXES("Windows named mutexes");

    private final String description;

    Capability(String description) {
        this.description = description;
    }

    /** What it is, in words: {@code "POSIX message queues"}. */
    public String description() {
        return description;
    }
}
