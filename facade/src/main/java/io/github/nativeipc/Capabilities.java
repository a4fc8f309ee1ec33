package io.github.nativeipc;

import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.bindings.Platform;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.error.NotSupportedException;
import io.github.nativeipc.posix.IpcEnvironment;
import io.github.nativeipc.posix.MemFd;
import io.github.nativeipc.posix.SystemLimits;
import io.github.nativeipc.posix.UnixDatagramChannel;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What this OS, kernel and container support, found by asking them (a real probe where one is
 * cheap: a {@code memfd_create}, a Unix socket bound to an automatic abstract name) rather than by
 * guessing from the OS name. Every facade entry point that cannot work here fails with
 * {@link NotSupportedException} naming the {@link Capability} ({@link #require}), never with a link
 * error.
 *
 * <p>Probed once per JVM ({@link #current()}). Immutable; thread-safe.
 */
public final class Capabilities {
    private static volatile Capabilities current;

    private final Platform platform;
    private final Map<Capability, String> missing;
    private final Set<Capability> supported;
    private final IpcEnvironment.Space sharedMemorySpace;
    private final SystemLimits.MessageQueueLimits messageQueueLimits;
    private final String container;

    private Capabilities(Platform platform, Map<Capability, String> missing, IpcEnvironment.Space sharedMemorySpace,
            SystemLimits.MessageQueueLimits messageQueueLimits, String container) {
        this.platform = platform;
        this.missing = Collections.unmodifiableMap(missing);
        EnumSet<Capability> s = EnumSet.allOf(Capability.class);
        s.removeAll(missing.keySet());
        this.supported = Collections.unmodifiableSet(s);
        this.sharedMemorySpace = sharedMemorySpace;
        this.messageQueueLimits = messageQueueLimits;
        this.container = container;
    }

    /** The capabilities of this machine, probed on the first call. */
    public static Capabilities current() {
        Capabilities c = current;
        if (c == null) {
            synchronized (Capabilities.class) {
                c = current;
                if (c == null) {
                    current = c = probe();
                }
            }
        }
        return c;
    }

    private static Capabilities probe() {
        Platform p = Platform.current();
        Map<Capability, String> missing = new EnumMap<>(Capability.class);
        String os = p.os().name().toLowerCase();
        if (p.os() == Platform.Os.WINDOWS) {
            for (Capability c : Capability.values()) {
                if (!c.name().startsWith("WINDOWS_")) {
                    missing.put(c, c.description() + ": a POSIX facility, and this is Windows");
                }
            }
            probeWindows(missing);
            return new Capabilities(p, missing, null, null, null);
        }
        for (Capability c : Capability.values()) {
            if (c.name().startsWith("WINDOWS_")) {
                missing.put(c, c.description() + ": a Windows facility, and this is " + os);
            }
        }
        if (!p.isPosix()) {
            for (Capability c : Capability.values()) {
                missing.putIfAbsent(c, c.description() + ": a POSIX facility, and this is " + os);
            }
            return new Capabilities(p, missing, null, null, null);
        }
        IpcEnvironment.Support support = IpcEnvironment.support();
        boolean linux = p.isLinux();
        if (!support.posixSharedMemory() && linux) {
            missing.put(Capability.POSIX_SHARED_MEMORY, "/dev/shm is missing or not writable");
        }
        if (!Native.hasSymbol("sem_open")) {
            missing.put(Capability.POSIX_SEMAPHORES, "the C library has no sem_open");
        }
        if (!Native.hasSymbol("sem_timedwait") && !Native.hasSymbol("sem_clockwait")) {
            missing.put(Capability.TIMED_SEMAPHORE_WAITS, "the C library has neither sem_timedwait nor sem_clockwait (macOS)");
        }
        if (!linux) {
            missing.put(Capability.POSIX_MESSAGE_QUEUES, "macOS has no POSIX message queues");
            missing.put(Capability.ABSTRACT_SOCKET_NAMES, "abstract socket names are Linux only");
            missing.put(Capability.SEQPACKET_SOCKETS, "macOS has no SOCK_SEQPACKET Unix sockets");
            missing.put(Capability.PEER_CREDENTIALS, "SO_PEERCRED is Linux only (macOS has LOCAL_PEERCRED, not used here)");
            missing.put(Capability.MEMFD, "memfd_create is Linux only");
            missing.put(Capability.ROBUST_MUTEXES, "macOS has no robust mutexes");
        } else {
            if (!support.posixMessageQueues()) {
                missing.put(Capability.POSIX_MESSAGE_QUEUES, "the kernel has no /proc/sys/fs/mqueue (CONFIG_POSIX_MQUEUE off)");
            }
            if (!support.sysV()) {
                missing.put(Capability.SYSTEM_V_IPC, "the kernel has no /proc/sysvipc (CONFIG_SYSVIPC off)");
            }
            String whyNotMemfd = probeMemfd();
            if (whyNotMemfd != null) {
                missing.put(Capability.MEMFD, whyNotMemfd);
            }
            if (!Native.hasSymbol("pthread_mutexattr_setrobust") || !Native.hasSymbol("pthread_mutex_consistent")) {
                missing.put(Capability.ROBUST_MUTEXES, "the C library lacks pthread_mutexattr_setrobust");
            }
        }
        String whyNotSockets = probeUnixSockets(linux);
        if (whyNotSockets == null && linux) {
            String whyNotSeqpacket = probeSeqpacket();
            if (whyNotSeqpacket != null) {
                missing.put(Capability.SEQPACKET_SOCKETS, whyNotSeqpacket);
            }
        }
        if (whyNotSockets != null) {
            missing.put(Capability.UNIX_SOCKETS, whyNotSockets);
            missing.putIfAbsent(Capability.ABSTRACT_SOCKET_NAMES, whyNotSockets);
            missing.putIfAbsent(Capability.SEQPACKET_SOCKETS, whyNotSockets);
            missing.putIfAbsent(Capability.PEER_CREDENTIALS, whyNotSockets);
        }
        return new Capabilities(p, missing, IpcEnvironment.sharedMemorySpace().orElse(null),
                linux ? SystemLimits.messageQueues() : null, IpcEnvironment.container().orElse(null));
    }

    /** Each Windows facility made once, unnamed, and closed: what works is what the kernel lets us make. */
    private static void probeWindows(Map<Capability, String> missing) {
        try {
            io.github.nativeipc.windows.FileMapping.createUnnamed(4096).close();
        } catch (Exception | LinkageError e) {
            missing.put(Capability.WINDOWS_FILE_MAPPINGS, "CreateFileMappingW failed: " + e);
        }
        try {
            io.github.nativeipc.windows.WindowsSemaphore.createUnnamed(0, 1).close();
        } catch (Exception | LinkageError e) {
            missing.put(Capability.WINDOWS_SEMAPHORES, "CreateSemaphoreW failed: " + e);
        }
        try {
            io.github.nativeipc.windows.WindowsMutex.createUnnamed().close();
        } catch (Exception | LinkageError e) {
            missing.put(Capability.WINDOWS_MUTEXES, "CreateMutexW failed: " + e);
        }
        String pipe = "\\\\.\\pipe\\nipc-capability-probe-" + ProcessHandle.current().pid();
        try {
            io.github.nativeipc.windows.NamedPipeServer.create(pipe, io.github.nativeipc.windows.PipeMode.BYTE).close();
        } catch (Exception | LinkageError e) {
            missing.put(Capability.WINDOWS_NAMED_PIPES, "CreateNamedPipeW failed: " + e);
        }
    }

    private static String probeMemfd() {
        try (MemFd probe = MemFd.create("nipc-capability-probe", 0)) {
            return null;
        } catch (IpcException e) {
            return "memfd_create failed: " + e.getMessage();
        }
    }

    /** A seqpacket socket pair, made and closed. */
    private static String probeSeqpacket() {
        try {
            io.github.nativeipc.posix.UnixSocketChannel.pair(io.github.nativeipc.posix.UnixSocketType.SEQPACKET).close();
            return null;
        } catch (Exception e) {
            return "a seqpacket socket pair could not be made: " + e.getMessage();
        }
    }

    /** A datagram socket bound to an automatic abstract name (Linux) or just created (macOS). */
    private static String probeUnixSockets(boolean linux) {
        try (UnixDatagramChannel probe = UnixDatagramChannel.open()) {
            if (linux) {
                probe.bindAutomatically();
            }
            return null;
        } catch (Exception e) {
            return "a Unix socket could not be made: " + e.getMessage();
        }
    }

    /** The platform the library runs on. */
    public Platform platform() {
        return platform;
    }

    /** Whether {@code c} is available here. */
    public boolean has(Capability c) {
        return supported.contains(c);
    }

    /** Why {@code c} is not available here; empty if it is. */
    public Optional<String> whyNot(Capability c) {
        return Optional.ofNullable(missing.get(c));
    }

    /** Every capability available here. */
    public Set<Capability> supported() {
        return supported;
    }

    /**
     * Does nothing if {@code c} is available; otherwise throws what a facade entry point throws.
     *
     * @throws NotSupportedException naming the capability and why it is missing
     */
    public void require(Capability c, String operation, String object) throws NotSupportedException {
        String why = missing.get(c);
        if (why != null) {
            throw Errors.notSupported(operation, object, c.description() + " not supported here: " + why);
        }
    }

    /** Size and free space of {@code /dev/shm}, which all POSIX shared memory shares (Linux). */
    public Optional<IpcEnvironment.Space> sharedMemorySpace() {
        return Optional.ofNullable(sharedMemorySpace);
    }

    /** The POSIX message-queue limits ({@code /proc/sys/fs/mqueue}, Linux). */
    public Optional<SystemLimits.MessageQueueLimits> messageQueueLimits() {
        return Optional.ofNullable(messageQueueLimits);
    }

    /** The container runtime this process seems to run in, if any. */
    public Optional<String> container() {
        return Optional.ofNullable(container);
    }

    @Override
    public String toString() {
        return "Capabilities[" + platform + ", supported=" + supported + ", missing=" + missing.keySet() + "]";
    }
}
