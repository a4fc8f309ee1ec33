package io.github.nativeipc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nativeipc.posix.PosixSharedMemory;
import io.github.nativeipc.posix.TestNames;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Names reach the kernel as UTF-8 whatever the JVM's default charset: a JVM started with an ASCII
 * default creates two objects whose names differ only in a non-ASCII letter, and this JVM opens
 * both under their UTF-8 names.
 */
class NameEncodingTest {
    private final TestNames names = new TestNames();

    @AfterEach
    void cleanUp() throws Exception {
        names.close();
    }

    /** Run in the child JVM: creates each name given, 1 byte each. */
    public static void main(String[] args) throws Exception {
        for (String name : args) {
            PosixSharedMemory.create(name, 1).close();
        }
        System.out.println("created " + args.length);
    }

    @Test
    void namesAreEncodedAsUtf8UnderAnAsciiDefaultCharset() throws Exception {
        String e1 = names.shm("\u00e9t\u00e9");   // été
        String e2 = names.shm("\u00e8t\u00e8");   // ètè
        Process child = new ProcessBuilder(List.of(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-Dfile.encoding=US-ASCII", "-Dsun.jnu.encoding=US-ASCII", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), NameEncodingTest.class.getName(), e1, e2))
                .redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        child.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, child.exitValue(), out);
        try (PosixSharedMemory a = PosixSharedMemory.open(e1); PosixSharedMemory b = PosixSharedMemory.open(e2)) {
            assertEquals(1, a.size());
            assertEquals(1, b.size());
        }
    }
}
