package io.github.nativeipc.windows;

/** How a named pipe carries data. */
public enum PipeMode {
    /** A byte stream: writes may be split and joined by the reader ({@code PIPE_TYPE_BYTE}). */
    BYTE,
    /**
     * Messages: each write is one message and each whole read returns one message
     * ({@code PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE}).
     */
    MESSAGE
}
