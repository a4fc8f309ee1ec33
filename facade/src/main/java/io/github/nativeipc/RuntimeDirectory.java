package io.github.nativeipc;

import io.github.nativeipc.bindings.Native;
import io.github.nativeipc.error.Errors;
import io.github.nativeipc.error.IpcException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where {@link LocalServer} puts its socket files on Linux and macOS: a directory only this user
 * may enter, so that nobody else can connect, replace or pre-create a socket there.
 *
 * <ol>
 *   <li>{@code $XDG_RUNTIME_DIR/nipc} when {@code XDG_RUNTIME_DIR} is set (systemd sets it to
 *       {@code /run/user/UID}, owned by the user, mode {@code 0700});</li>
 *   <li>otherwise {@code /tmp/nipc-UID} ({@code java.io.tmpdir}, then {@code nipc-} and the effective user id).</li>
 * </ol>
 * The {@code nipc} directory is created with mode {@code 0700}. One that exists must be a real
 * directory (not a symbolic link) owned by this user with no permission for group or others:
 * otherwise another user could have made it, and it is refused ({@link io.github.nativeipc.error.PermissionDeniedException}).
 * A C peer connects to {@link LocalServer#socketPath(IpcName)}. Thread-safe (stateless).
 */
final class RuntimeDirectory {
    private RuntimeDirectory() {}

    /** The directory, created if missing and checked. */
    static Path get() throws IpcException {
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        int uid = Native.libc().geteuid();
        Path dir = xdg != null && !xdg.isEmpty()
                ? Path.of(xdg, "nipc")
                : Path.of(System.getProperty("java.io.tmpdir", "/tmp"), "nipc-" + uid);
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));   // whatever the umask
        } catch (FileAlreadyExistsException exists) {
            check(dir, uid);
        } catch (IOException e) {
            throw Errors.invalidArgument("mkdir(\"" + dir + "\", 0700)", dir.toString(), "cannot create the runtime directory: " + e);
        }
        return dir;
    }

    private static void check(Path dir, int uid) throws IpcException {
        String why;
        try {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                why = "it is not a directory (or is a symbolic link)";
            } else if ((Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS) != uid) {
                why = "it belongs to another user";
            } else if (((Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 077) != 0) {
                why = "group or others have permissions on it";
            } else {
                return;
            }
        } catch (IOException | UnsupportedOperationException e) {
            why = "its owner and mode cannot be read: " + e;
        }
        throw new io.github.nativeipc.error.PermissionDeniedException("stat(\"" + dir + "\")", dir.toString(),
                io.github.nativeipc.error.IpcException.NO_ERRNO, null, "the runtime directory " + dir + " is refused: " + why);
    }
}
