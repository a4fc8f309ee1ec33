package io.github.nativeipc.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.error.AlreadyExistsException;
import io.github.nativeipc.error.InvalidArgumentException;
import io.github.nativeipc.error.NotFoundException;
import io.github.nativeipc.error.WouldBlockException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FifoTest {
    @TempDir
    Path dir;

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    void createMakesAFifoWithMode0600WhateverTheUmask() throws Exception {
        Path p = dir.resolve("f");
        PosixSharedMemoryTest.Umask umask = jnr.ffi.LibraryLoader.create(PosixSharedMemoryTest.Umask.class).load("c");
        int old = umask.umask(0777);
        try {
            Fifo.create(p);
        } finally {
            umask.umask(old);
        }
        int mode = (Integer) Files.getAttribute(p, "unix:mode");
        assertEquals(0010600, mode);
    }

    @Test
    void createOnAnExistingPathIsAlreadyExists() throws Exception {
        Path p = dir.resolve("f");
        Fifo.create(p);
        assertThrows(AlreadyExistsException.class, () -> Fifo.create(p));
    }

    @Test
    void createInAMissingDirectoryIsNotFound() {
        NotFoundException e = assertThrows(NotFoundException.class, () -> Fifo.create(dir.resolve("no/f")));
        assertTrue(e.getMessage().startsWith("mkfifo(\"" + dir.resolve("no/f")), e.getMessage());
    }

    @Test
    void aRegularFileIsNotAFifo() throws Exception {
        Path p = Files.writeString(dir.resolve("plain"), "x");
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Fifo.at(p));
        assertTrue(e.getMessage().contains("is a regular file, not a FIFO"), e.getMessage());
    }

    @Test
    void aDirectoryIsNotAFifo() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Fifo.at(dir));
        assertTrue(e.getMessage().contains("is a directory, not a FIFO"), e.getMessage());
    }

    @Test
    void aMissingPathIsNotFound() {
        assertThrows(NotFoundException.class, () -> Fifo.at(dir.resolve("none")));
    }

    @Test
    void openForReadingWithoutAWriterTimesOutWithoutLeavingAReader() throws Exception {
        Fifo f = Fifo.create(dir.resolve("f"));
        long t0 = System.nanoTime();
        WouldBlockException e = assertThrows(WouldBlockException.class, () -> f.openForReading(Duration.ofMillis(200)));
        long ms = millisSince(t0);
        assertTrue(ms >= 200 && ms < 1000, ms + " ms");
        assertTrue(e.getMessage().contains("no writer opened the FIFO within 200 ms"), e.getMessage());
        // Nothing holds the read end now: a non-blocking writer finds no reader.
        assertThrows(WouldBlockException.class, f::tryOpenForWriting);
    }

    @Test
    void openForWritingWithoutAReaderTimesOut() throws Exception {
        Fifo f = Fifo.create(dir.resolve("f"));
        long t0 = System.nanoTime();
        assertThrows(WouldBlockException.class, () -> f.openForWriting(Duration.ofMillis(200)));
        long ms = millisSince(t0);
        assertTrue(ms >= 200 && ms < 1000, ms + " ms");
    }

    @Test
    void tryOpenForWritingWithoutAReaderIsEnxio() throws Exception {
        Fifo f = Fifo.create(dir.resolve("f"));
        WouldBlockException e = assertThrows(WouldBlockException.class, f::tryOpenForWriting);
        assertEquals("ENXIO", e.errnoName());
        assertTrue(e.getMessage().contains("no process has the FIFO open for reading"), e.getMessage());
    }

    @Test
    void anInterruptReleasesAWaitingOpen() throws Exception {
        Fifo f = Fifo.create(dir.resolve("f"));
        Thread self = Thread.currentThread();
        CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException ignored) {
                // not interrupted
            }
            self.interrupt();
        });
        long t0 = System.nanoTime();
        assertThrows(InterruptedException.class, () -> f.openForReading(Duration.ofSeconds(30)));
        assertTrue(millisSince(t0) < 1000);
    }

    @Test
    void aReaderAndAWriterExchangeBytesAndTheReaderSeesEndOfStream() throws Exception {
        Fifo f = Fifo.create(dir.resolve("f"));
        CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> {
            try (PipeSource in = f.openForReading(Duration.ofSeconds(10))) {
                return new String(in.inputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        try (PipeSink out = f.openForWriting(Duration.ofSeconds(10))) {
            out.write(ByteBuffer.wrap("through the fifo".getBytes(StandardCharsets.UTF_8)));
        }
        assertEquals("through the fifo", received.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aNonBlockingReadEndSeesEndOfStreamUntilAWriterComes() throws Exception {
        Fifo f = Fifo.create(dir.resolve("f"));
        try (PipeSource in = f.openForReadingNonBlocking()) {
            assertEquals(-1, in.read(ByteBuffer.allocate(1)));
            try (PipeSink out = f.tryOpenForWriting()) {
                assertEquals(0, in.read(ByteBuffer.allocate(1)), "a writer is connected but silent");
                out.write(ByteBuffer.wrap(new byte[] {7}));
                ByteBuffer b = ByteBuffer.allocate(1);
                assertEquals(1, in.read(b));
                assertEquals(7, b.get(0));
            }
        }
    }

    @Test
    void removeUnlinksThePathWhileOpenEndsKeepWorking() throws Exception {
        Fifo f = Fifo.create(dir.resolve("f"));
        try (PipeSource in = f.openForReadingNonBlocking(); PipeSink out = f.tryOpenForWriting()) {
            f.remove();
            assertTrue(Files.notExists(f.path()));
            out.write(ByteBuffer.wrap(new byte[] {1, 2}));
            assertEquals(2, in.read(ByteBuffer.allocate(2)));
        }
        assertThrows(NotFoundException.class, f::remove);
    }
}
