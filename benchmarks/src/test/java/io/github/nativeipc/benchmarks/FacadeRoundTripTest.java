package io.github.nativeipc.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.benchmarks.client.FacadeNames;
import io.github.nativeipc.benchmarks.client.JavaClient;
import io.github.nativeipc.benchmarks.client.RoundTripTransport;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The facade's client of each transport it has a row for talks to the real C server
 * ({@code bench_peer serve}) on the harness's objects, and what comes back is what the server
 * sends: every byte of a random request, its first word flipped. Run in this JVM, so it checks
 * the bytes themselves (the timed loop only checks the first word).
 */
class FacadeRoundTripTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int ROUND_TRIPS = 200;

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"SPIN", "NAMED_SEMAPHORE", "UNIX_STREAM"})
    void theFacadeClientGetsEveryByteTheCServerEchoes(Transport transport) throws Exception {
        assertTrue(transport.hasFacade());
        Peers peers = Peers.fromSystemProperties();
        Random random = new Random(transport.ordinal());
        for (int size : List.of(8, 4096)) {
            try (BenchObjects objects = BenchObjects.create(transport, size);
                    PeerProcess server = PeerProcess.start(peers.c("serve", transport.argument(), objects.shmName,
                            objects.requestName, objects.replyName, String.valueOf(size), String.valueOf(ROUND_TRIPS),
                            String.valueOf(SuiteConfig.SPIN_LIMIT)))) {
                if (transport.isSocket()) {
                    server.awaitPath(objects.socketPath(), TIMEOUT);
                }
                try (RoundTripTransport client = JavaClient.open("facade", transport.argument(), objects.shmName,
                        objects.requestName, objects.replyName, SuiteConfig.SPIN_LIMIT, size)) {
                    ByteBuffer request = ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
                    ByteBuffer reply = ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
                    for (long i = 0; i < ROUND_TRIPS; i++) {
                        byte[] sent = new byte[size];
                        random.nextBytes(sent);
                        request.clear();
                        request.put(sent).putLong(0, i).clear();
                        reply.clear();
                        client.send(i, request);
                        client.receive(i, reply);
                        byte[] expected = sent.clone();
                        ByteBuffer.wrap(expected).order(ByteOrder.nativeOrder()).putLong(0, i ^ BenchLayout.REPLY_MAGIC);
                        byte[] got = new byte[size];
                        reply.flip().get(got);
                        assertArrayEquals(expected, got, transport + ", " + size + " B, round trip " + i);
                    }
                }
                server.awaitSuccess(TIMEOUT);
            }
        }
    }

    @Test
    void theSocketIsWhereTheFacadesNameForTheRunMaps() throws Exception {
        try (BenchObjects objects = BenchObjects.create(Transport.UNIX_STREAM, 8)) {
            assertEquals(io.github.nativeipc.LocalServer.socketPath(FacadeNames.ofPosixName(objects.shmName)),
                    objects.socketPath());
            assertEquals(FacadeNames.ofPosixName(objects.shmName), FacadeNames.ofSocketPath(objects.requestName));
        }
    }

    @Test
    void theFacadeRefusesAPathNoNameMapsTo(@TempDir Path dir) {
        Path elsewhere = dir.resolve("nipc-b1-1.sock");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FacadeNames.ofSocketPath(elsewhere.toString()));
        assertTrue(e.getMessage().contains("by name only"), e.getMessage());
        assertTrue(Files.notExists(elsewhere));
    }

    @Test
    void theFacadeRefusesTransportsItDoesNotReach() {
        for (Transport t : Transport.values()) {
            if (!t.hasFacade()) {
                assertThrows(IllegalArgumentException.class,
                        () -> JavaClient.open("facade", t.argument(), "/x", "/y", "/z", 100, 8), t.toString());
            }
        }
    }
}
