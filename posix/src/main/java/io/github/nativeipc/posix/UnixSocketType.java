package io.github.nativeipc.posix;

import io.github.nativeipc.bindings.PosixConstants;

/** The three kinds of Unix domain socket ({@code socket(AF_UNIX, type, 0)}). Immutable. */
public enum UnixSocketType {
    /** {@code SOCK_STREAM}: a connected byte stream, no message boundaries. */
    STREAM(PosixConstants.SOCK_STREAM, "SOCK_STREAM"),
    /** {@code SOCK_DGRAM}: unconnected messages, each sent to an address; reliable and ordered on Unix sockets. */
    DATAGRAM(PosixConstants.SOCK_DGRAM, "SOCK_DGRAM"),
    /** {@code SOCK_SEQPACKET}: a connection that keeps message boundaries: one send is one receive. */
    SEQPACKET(PosixConstants.SOCK_SEQPACKET, "SOCK_SEQPACKET");

    private final int value;
    private final String cName;

    UnixSocketType(int value, String cName) {
        this.value = value;
        this.cName = cName;
    }

    /** The {@code SOCK_*} value. */
    public int value() {
        return value;
    }

    /** The C name, {@code SOCK_STREAM}. */
    public String cName() {
        return cName;
    }

    /** Whether one send arrives as one receive (datagram, seqpacket). */
    public boolean keepsMessageBoundaries() {
        return this != STREAM;
    }

    /** Whether the type connects ({@code listen}/{@code accept}): stream and seqpacket. */
    public boolean isConnectionOriented() {
        return this != DATAGRAM;
    }

    static UnixSocketType of(int value) {
        for (UnixSocketType t : values()) {
            if (t.value == value) {
                return t;
            }
        }
        return null;
    }
}
