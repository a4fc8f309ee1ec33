package io.github.nativeipc.testing;

import io.github.nativeipc.error.IpcException;
import io.github.nativeipc.posix.CreateOptions;
import io.github.nativeipc.posix.EventFd;
import io.github.nativeipc.posix.MemFd;
import io.github.nativeipc.posix.MessageQueueAttributes;
import io.github.nativeipc.posix.NamedSemaphore;
import io.github.nativeipc.posix.PosixMessageQueue;
import io.github.nativeipc.posix.PosixSharedMemory;
import io.github.nativeipc.posix.SysVKey;
import io.github.nativeipc.posix.SysVMessageQueue;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An IPC facility a test may need. {@link #unsupportedReason()} says why this machine cannot give
 * it: first what the OS lacks by design (macOS has no POSIX message queues), then what a real
 * probe shows (a kernel built without them, a container or sandbox refusing them): the probe
 * creates and removes a small object under a unique name. Results are cached per JVM.
 *
 * <p>Thread-safe.
 */
public enum IpcCapability {
    POSIX_SHARED_MEMORY("POSIX shared memory") {
        @Override
        void probe(String name) throws IpcException {
            try (PosixSharedMemory shm = PosixSharedMemory.create(name, 4096, CreateOptions.defaults().unlinkOnClose(true))) {
                shm.size();
            }
        }
    },
    NAMED_SEMAPHORES("named POSIX semaphores") {
        @Override
        void probe(String name) throws IpcException {
            try (NamedSemaphore sem = NamedSemaphore.create(name, 0)) {
                sem.unlink();
            }
        }
    },
    UNNAMED_SEMAPHORES("process-shared unnamed POSIX semaphores") {
        @Override
        String lackedBy(Os os) {
            return os == Os.DARWIN ? "macOS" : super.lackedBy(os);
        }

        @Override
        void probe(String name) throws IpcException {
            POSIX_SHARED_MEMORY.probe(name);
        }
    },
    POSIX_MESSAGE_QUEUES("POSIX message queues") {
        @Override
        String lackedBy(Os os) {
            return os == Os.DARWIN ? "macOS" : super.lackedBy(os);
        }

        @Override
        void probe(String name) throws IpcException {
            try (PosixMessageQueue q = PosixMessageQueue.create(name, MessageQueueAttributes.of(1, 8))) {
                q.unlink();
            }
        }
    },
    SYSTEM_V_IPC("System V IPC") {
        @Override
        void probe(String name) throws IpcException {
            try (SysVMessageQueue q = SysVMessageQueue.create(SysVKey.PRIVATE)) {
                q.remove();
            }
        }
    },
    FIFOS("FIFOs (named pipes)") {
        @Override
        void probe(String name) {
            // mkfifo exists wherever POSIX does.
        }
    },
    EVENTFD("eventfd") {
        @Override
        String lackedBy(Os os) {
            return os != Os.LINUX ? osName(os) : null;
        }

        @Override
        void probe(String name) throws IpcException {
            EventFd.create(0, false).close();
        }
    },
    MEMFD("memfd") {
        @Override
        String lackedBy(Os os) {
            return os != Os.LINUX ? osName(os) : null;
        }

        @Override
        void probe(String name) throws IpcException {
            MemFd.create("nipc-probe", 4096).close();
        }
    };

    /** The operating systems whose lacks are known by design. */
    enum Os {
        LINUX, DARWIN, WINDOWS, OTHER;

        static Os current() {
            String name = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
            return name.startsWith("linux") ? LINUX
                    : name.startsWith("mac") || name.startsWith("darwin") ? DARWIN
                    : name.startsWith("windows") ? WINDOWS
                    : OTHER;
        }
    }

    private static final Map<IpcCapability, Optional<String>> CACHE = new ConcurrentHashMap<>();

    private final String description;

    IpcCapability(String description) {
        this.description = description;
    }

    /** What the facility is called in reasons, such as "POSIX message queues". */
    public String description() {
        return description;
    }

    /** The OS that lacks the facility by design (its display name), or null. */
    String lackedBy(Os os) {
        return os == Os.WINDOWS || os == Os.OTHER ? osName(os) : null;
    }

    static String osName(Os os) {
        return switch (os) {
            case LINUX -> "Linux";
            case DARWIN -> "macOS";
            case WINDOWS -> "Windows";
            case OTHER -> System.getProperty("os.name");
        };
    }

    /** Why {@code os} lacks the facility by design, such as "POSIX message queues not supported on macOS". */
    Optional<String> lackedOn(Os os) {
        String lacking = lackedBy(os);
        return lacking == null ? Optional.empty() : Optional.of(description + " not supported on " + lacking);
    }

    /** Creates and removes a small object of this kind named {@code name}. */
    abstract void probe(String name) throws IpcException;

    /**
     * Empty if this machine has the facility; otherwise why not, such as
     * "POSIX message queues not supported on macOS" or the error the probe met.
     */
    public Optional<String> unsupportedReason() {
        return CACHE.computeIfAbsent(this, c -> {
            Optional<String> lacking = c.lackedOn(Os.current());
            if (lacking.isPresent()) {
                return lacking;
            }
            String name = "/nipc-probe-" + ProcessHandle.current().pid() + "-" + c.ordinal();
            try {
                c.probe(name);
                return Optional.empty();
            } catch (IpcException | RuntimeException | LinkageError e) {
                return Optional.of(c.description + " not available here: " + e.getMessage());
            }
        });
    }
}
