package io.github.nativeipc;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Who is at the other end of a local socket, as the OS vouches for it: the process id, and the
 * user as the OS names users (a uid and gid on Linux, from {@code SO_PEERCRED}). A server
 * authorises clients with this, not with anything a client says about itself.
 *
 * <p>Immutable; thread-safe.
 */
public final class PeerIdentity {
    private final long pid;
    private final int uid;
    private final int gid;

    PeerIdentity(long pid, int uid, int gid) {
        this.pid = pid;
        this.uid = uid;
        this.gid = gid;
    }

    /** The peer's process id. */
    public long pid() {
        return pid;
    }

    /** The peer's effective user id (Linux). */
    public OptionalInt uid() {
        return OptionalInt.of(uid);
    }

    /** The peer's effective group id (Linux). */
    public OptionalInt gid() {
        return OptionalInt.of(gid);
    }

    /** The peer's user as a Windows security identifier; empty on POSIX systems. */
    public Optional<String> userSid() {
        return Optional.empty();
    }

    /** Whether the peer runs as the same user as this process. */
    public boolean isSameUser() {
        return uid == io.github.nativeipc.bindings.Native.libc().geteuid();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeerIdentity p && p.pid == pid && p.uid == uid && p.gid == gid;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(pid) * 31 + uid * 7 + gid;
    }

    @Override
    public String toString() {
        return "PeerIdentity[pid=" + pid + ", uid=" + uid + ", gid=" + gid + "]";
    }
}
