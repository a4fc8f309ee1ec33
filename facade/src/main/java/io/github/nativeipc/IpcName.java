package io.github.nativeipc;

import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.bindings.Platform;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A portable name for an IPC object: one string that maps to each OS's namespace by fixed rules,
 * checked before any call.
 *
 * <h2>Rules</h2>
 * 1 to {@value #MAX_LENGTH} characters from {@code A-Z a-z 0-9 . _ -}, not starting with {@code .}
 * or {@code -}. These fit every namespace involved: macOS's 31-byte POSIX names (with the
 * {@code /}), glibc's semaphore files ({@code sem.NAME}), socket paths well within
 * {@code sun_path}, Windows object and pipe names; and no character means something in one of them
 * ({@code /} and {@code \} are separators, {@code :} and {@code *} are special on Windows). Case is
 * kept, but do not rely on case alone: Windows object names are case-sensitive, its file system
 * is not.
 *
 * <h2>Mapping</h2>
 * <table>
 *   <caption>What one name becomes</caption>
 *   <tr><th>object</th><th>Linux, macOS</th><th>Windows</th></tr>
 *   <tr><td>shared memory, semaphore</td><td>{@code /NAME} ({@code shm_open}, {@code sem_open})</td>
 *       <td>{@code Local\NAME} (file mapping, semaphore)</td></tr>
 *   <tr><td>local socket</td><td>{@code RUNTIME_DIR/NAME.sock} (see {@link LocalServer})</td>
 *       <td>{@code \\.\pipe\NAME}</td></tr>
 * </table>
 * POSIX names are global within the IPC namespace, whoever made them; {@link #perUser(String)}
 * appends {@code .u} and the user id ({@code /orders.u1000}), so that two users' programs do not
 * meet. On Windows {@code perUser} gives the name unchanged: the {@code Local\} namespace is
 * already private to the logon session, and pipe names are protected by the current-user DACL.
 *
 * <p>Immutable; thread-safe.
 */
public final class IpcName {
    /** The longest portable name. */
    public static final int MAX_LENGTH = 30;

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    private final String name;

    private IpcName(String name) {
        this.name = name;
    }

    /**
     * The name {@code name}, shared by every user of the machine (of the IPC namespace).
     *
     * @throws io.github.nativeipc.error.InvalidArgumentException if it breaks the rules above
     */
    public static IpcName of(String name) throws IpcException {
        Objects.requireNonNull(name, "name");
        String why = null;
        if (name.isEmpty() || name.length() > MAX_LENGTH) {
            why = "a portable name has 1 to " + MAX_LENGTH + " characters, not " + name.length();
        } else if (!VALID.matcher(name).matches()) {
            why = "a portable name has only A-Z, a-z, 0-9, '.', '_' and '-', and does not start with '.' or '-'";
        }
        if (why != null) {
            throw Errors.invalidArgument("IpcName.of(\"" + name + "\")", name, why);
        }
        return new IpcName(name);
    }

    /**
     * {@code name} made private to this user: {@code NAME.uUID} with the effective user id on Linux
     * and macOS; unchanged on Windows (see the class notes).
     *
     * @throws io.github.nativeipc.error.InvalidArgumentException if the result breaks the rules
     */
    public static IpcName perUser(String name) throws IpcException {
        IpcName base = of(name);
        if (Platform.current().os() == Platform.Os.WINDOWS) {
            return base;
        }
        return of(base.name + ".u" + Native.libc().geteuid());
    }

    /** The portable form, as given. */
    public String value() {
        return name;
    }

    /** The POSIX object name: {@code /NAME}. */
    public String posixName() {
        return "/" + name;
    }

    /** The Windows kernel object name: {@code Local\NAME}. */
    public String windowsName() {
        return "Local\\" + name;
    }

    /** The Windows pipe name: {@code \\.\pipe\NAME}. */
    public String windowsPipeName() {
        return "\\\\.\\pipe\\" + name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpcName n && n.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
