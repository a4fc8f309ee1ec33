package io.github.nativeipc;

import io.github.nativeipc.bindings.Native;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Who is at the other end of a local socket, as the OS vouches for it: the process id on every
 * OS, and on Linux the user and group ({@code SO_PEERCRED}). On Windows the pipe itself only
 * admits this user (the server's DACL grants the current user alone), and the client's process id
 * comes from {@code GetNamedPipeClientProcessId}. A server authorises clients with this, not with
 * anything a client says about itself.
 *
 * <p>Immutable; thread-safe.
 */
public final class PeerIdentity {
    private static final int UNKNOWN = -1;

    private final long pid;
    private final int uid;
    private final int gid;

    private PeerIdentity(long pid, int uid, int gid) {
        this.pid = pid;
        this.uid = uid;
        this.gid = gid;
    }

    static PeerIdentity posix(long pid, int uid, int gid) {
        return new PeerIdentity(pid, uid, gid);
    }

    static PeerIdentity processOnly(long pid) {
        return new PeerIdentity(pid, UNKNOWN, UNKNOWN);
    }

    /** The peer's process id. */
    public long pid() {
        return pid;
    }

    /** The peer's effective user id (Linux); empty on Windows. */
    public OptionalInt uid() {
        return uid == UNKNOWN ? OptionalInt.empty() : OptionalInt.of(uid);
    }

    /** The peer's effective group id (Linux); empty on Windows. */
    public OptionalInt gid() {
        return gid == UNKNOWN ? OptionalInt.empty() : OptionalInt.of(gid);
    }

    /**
     * Whether the peer runs as this process's user: compared by uid on Linux; on Windows true, as
     * the pipe's DACL admits no other user.
     */
    public boolean isSameUser() {
        return uid == UNKNOWN || uid == Native.libc().geteuid();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeerIdentity p && p.pid == pid && p.uid == uid && p.gid == gid;
    }

    @Override
    public int hashCode() {
        return Objects.hash(pid, uid, gid);
    }

    @Override
    public String toString() {
        return uid == UNKNOWN ? "PeerIdentity[pid=" + pid + "]" : "PeerIdentity[pid=" + pid + ", uid=" + uid + ", gid=" + gid + "]";
    }
}
