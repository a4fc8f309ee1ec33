package io.github.nativeipc.cli;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * Where a command reads and writes: standard input, output and error (the real ones from
 * {@link Nipc#main}, buffers in tests).
 */
record Io(InputStream in, PrintStream out, PrintStream err) {}
