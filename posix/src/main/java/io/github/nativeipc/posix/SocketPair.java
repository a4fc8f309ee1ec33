package io.github.nativeipc.posix;

import java.io.IOException;

/**
 * Two connected Unix sockets made by {@code socketpair} ({@link UnixSocketChannel#pair},
 * {@link UnixDatagramChannel#pair()}): typically one end kept and the other handed to a child
 * ({@link ChildProcess.Builder#descriptor}) or sent over another socket. Closing the pair closes
 * both ends; each end can also be closed on its own.
 *
 * @param first  one end
 * @param second the other end
 * @param <T>    the channel type of both ends
 */
public record SocketPair<T extends UnixSocket>(T first, T second) implements AutoCloseable {
    @Override
    public void close() throws IOException {
        try {
            first.close();
        } finally {
            second.close();
        }
    }
}
