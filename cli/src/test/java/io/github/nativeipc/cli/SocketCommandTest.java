package io.github.nativeipc.cli;

import static io.github.nativeipc.cli.Cli.nipc;
import static io.github.nativeipc.cli.Cli.nipcWithInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.posix.UnixSocketObjects;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nipc socket against Python's socket module on the other end (a stock peer, not this library). */
class SocketCommandTest {
    @TempDir
    Path dir;

    private Process python;

    @AfterEach
    void stopPython() throws Exception {
        if (python != null) {
            python.destroyForcibly();
            python.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Starts a Python program and waits for its first line ("ready"). */
    private BufferedReader python(String program) throws Exception {
        python = new ProcessBuilder("python3", "-c", program).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("ready", out.readLine(), "python started");
        return out;
    }

    private static String server(String path, String type, String body) {
        return String.join("\n",
                "import os, socket, sys",
                "s = socket.socket(socket.AF_UNIX, socket." + type + ")",
                "s.bind(" + quote(path) + ")",
                type.equals("SOCK_DGRAM") ? "" : "s.listen(4)",
                "print('ready', flush=True)",
                body);
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "\\'") + "'";
    }

    @Test
    void sendReachesAPythonServerAndPrintsItsReply() throws Exception {
        Path p = dir.resolve("py.sock");
        python(server(p.toString(), "SOCK_STREAM", String.join("\n",
                "c, _ = s.accept()",
                "data = b''",
                "while True:",
                "    b = c.recv(4096)",
                "    if not b: break",
                "    data += b",
                "c.sendall(b'python got: ' + data)",
                "c.close()")));
        assertEquals("python got: hello socket", nipc("socket", "send", p.toString(), "hello socket", "--reply", "--timeout", "10s").ok());
    }

    @Test
    void receiveReportsWhatAPythonClientSentAndItsPid() throws Exception {
        Path p = dir.resolve("nipc.sock");
        CompletableFuture<Cli.Result> receiving = CompletableFuture.supplyAsync(
                () -> nipc("socket", "receive", p.toString(), "--timeout", "20s", "--json"));
        waitFor(p);
        BufferedReader out = python(String.join("\n",
                "import os, socket",
                "print('ready', flush=True)",
                "c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)",
                "c.connect(" + quote(p.toString()) + ")",
                "c.sendall(b'from python')",
                "c.close()",
                "print(os.getpid(), flush=True)"));
        long pid = Long.parseLong(out.readLine());
        String json = receiving.get(30, TimeUnit.SECONDS).ok();
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) ((List<Object>) MiniJson.parse(json)).get(0);
        assertEquals("from python", m.get("text"));
        @SuppressWarnings("unchecked")
        Map<String, Object> peer = (Map<String, Object>) m.get("peer");
        assertEquals(pid, ((Number) peer.get("pid")).longValue());
        assertFalse(Files.exists(p), "the socket file is removed when nipc is done");
    }

    @Test
    void seqpacketMessagesFromPythonArriveOneByOne() throws Exception {
        Path p = dir.resolve("seq.sock");
        CompletableFuture<Cli.Result> receiving = CompletableFuture.supplyAsync(
                () -> nipc("socket", "receive", p.toString(), "--type", "seqpacket", "--timeout", "20s", "--json"));
        waitFor(p);
        python(String.join("\n",
                "import socket",
                "print('ready', flush=True)",
                "c = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)",
                "c.connect(" + quote(p.toString()) + ")",
                "for m in (b'one', b'two two', b'three'): c.send(m)",
                "c.close()"));
        List<?> messages = (List<?>) MiniJson.parse(receiving.get(30, TimeUnit.SECONDS).ok());
        assertEquals(List.of("one", "two two", "three"), messages.stream().map(o -> ((Map<?, ?>) o).get("text")).toList());
    }

    @Test
    void aDatagramSentWithReplyIsAnsweredToNipcsAutomaticAddress() throws Exception {
        Path p = dir.resolve("dgram.sock");
        python(server(p.toString(), "SOCK_DGRAM", String.join("\n",
                "data, sender = s.recvfrom(4096)",
                "s.sendto(b'echo ' + data, sender)")));
        assertEquals("echo ping", nipc("socket", "send", p.toString(), "ping", "--type", "dgram", "--reply", "--timeout", "10s").ok());
    }

    @Test
    void probeTellsLiveStaleAbsentAndNotASocketApart() throws Exception {
        Path live = dir.resolve("live.sock");
        python(server(live.toString(), "SOCK_STREAM", "import time\ntime.sleep(60)"));
        assertEquals("live\n", nipc("socket", "probe", live.toString()).ok());
        Path stale = dir.resolve("stale.sock");
        makeStale(stale);
        assertTrue(nipc("socket", "probe", stale.toString()).fails(1).contains("stale"));
        nipc("socket", "probe", dir.resolve("none.sock").toString()).fails(3);
        Path file = Files.writeString(dir.resolve("file"), "x");
        nipc("socket", "probe", file.toString()).fails(2);
    }

    @Test
    void rmRemovesAStaleSocketAndRefusesALiveOneWithoutForce() throws Exception {
        Path stale = dir.resolve("stale.sock");
        makeStale(stale);
        nipc("socket", "rm", stale.toString()).ok();
        assertFalse(Files.exists(stale));
        Path live = dir.resolve("live.sock");
        python(server(live.toString(), "SOCK_STREAM", "import time\ntime.sleep(60)"));
        assertTrue(nipc("socket", "rm", live.toString()).fails(4).contains("live"));
        assertTrue(Files.exists(live));
        nipc("socket", "rm", live.toString(), "--force").ok();
        assertFalse(Files.exists(live));
    }

    @Test
    void lsShowsAPythonServerWithItsPid() throws Exception {
        Path p = dir.resolve("listed.sock");
        python(server(p.toString(), "SOCK_STREAM", "import time\ntime.sleep(60)"));
        String json = nipc("socket", "ls", "--json").ok();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sockets = (List<Map<String, Object>>) ((Map<String, Object>) MiniJson.parse(json)).get("sockets");
        Map<String, Object> ours = sockets.stream().filter(s -> p.toString().equals(s.get("address"))).findFirst().orElseThrow();
        assertEquals("listening", ours.get("state"));
        assertEquals("stream", ours.get("type"));
        assertEquals(List.of(python.pid()), ((List<?>) ours.get("pids")).stream().map(o -> ((Number) o).longValue()).toList());
        assertTrue(nipc("socket", "ls").ok().contains(p.toString()));
    }

    @Test
    void sendingToAStaleSocketIsRefusedAndToAMissingOneNotFound() throws Exception {
        Path stale = dir.resolve("stale.sock");
        makeStale(stale);
        assertTrue(nipc("socket", "send", stale.toString(), "x").fails(1).contains("ECONNREFUSED"));
        assertTrue(nipc("socket", "send", dir.resolve("missing.sock").toString(), "x").fails(3).contains("ENOENT"));
        nipcWithInput(new byte[0], "socket", "send", "/" + "x".repeat(200), "-").fails(2);
    }

    /** A socket file whose server is gone: Python binds and exits without removing it. */
    private static void makeStale(Path path) throws Exception {
        Process p = new ProcessBuilder("python3", "-c", String.join("\n",
                "import socket",
                "s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)",
                "s.bind(" + quote(path.toString()) + ")",
                "s.listen(1)")).inheritIO().start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertTrue(Files.exists(path));
    }

    /** Waits until a server listens at {@code socket} (the file exists a moment before {@code listen}). */
    private static void waitFor(Path socket) throws Exception {
        for (int i = 0; i < 400; i++) {
            if (UnixSocketObjects.list(false).stream()
                    .anyMatch(e -> e.address().equals(socket.toString()) && e.state() != UnixSocketObjects.State.CONNECTED
                            && (e.state() == UnixSocketObjects.State.LISTENING || e.type() == io.github.nativeipc.posix.UnixSocketType.DATAGRAM))) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("nipc did not start listening at " + socket);
    }
}
