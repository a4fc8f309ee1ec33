package io.github.nativeipc.posix;

/**
 * Who is at the other end of a Unix socket, as the kernel vouches for it ({@code struct ucred}):
 * for a connected socket the credentials the peer had when it connected or called
 * {@code socketpair} ({@code SO_PEERCRED}), for a received message the sender's at the time it
 * sent ({@code SCM_CREDENTIALS}). A server authorises clients with these, not with anything a
 * client says about itself.
 *
 * @param pid the peer's process id (in this process's pid namespace; 0 if the peer is in one this cannot see)
 * @param uid its effective user id
 * @param gid its effective group id
 */
public record PeerCredentials(int pid, int uid, int gid) {}
