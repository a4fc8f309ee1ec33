package io.github.nativeipc.cli;

import static io.github.nativeipc.cli.Cli.c;
import static io.github.nativeipc.cli.Cli.nipc;
import static io.github.nativeipc.cli.Cli.nipcWithInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.posix.MessageQueueAttributes;
import io.github.nativeipc.posix.PosixMessageQueue;
import io.github.nativeipc.posix.TestNames;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MqCommandTest {
    private final TestNames names = new TestNames();

    @AfterEach
    void cleanUp() throws Exception {
        names.close();
    }

    @Test
    void sendsToAQueueACProgramMadeAndReceives() throws Exception {
        String name = names.mq("c");
        c("mq-create", name, "5", "128");
        nipc("mq", "send", name, "low").ok();
        nipc("mq", "send", name, "high", "--priority", "9", "--timeout", "1s").ok();
        assertEquals("9 high\n", c("mq-receive", name));
        assertEquals("0 low\n", c("mq-receive", name));
    }

    @Test
    void receivesWhatACProgramSentAsJsonInPriorityOrder() throws Exception {
        String name = names.mq("json");
        c("mq-create", name, "5", "128");
        c("mq-send", name, "1", "one");
        c("mq-send", name, "7", "seven");
        List<Object> got = MiniJson.array(nipc("mq", "receive", name, "--count", "2", "--json").ok());
        assertEquals(2, got.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) got.get(0);
        assertEquals(7L, first.get("priority"));
        assertEquals("seven", first.get("text"));
        assertEquals("736576656e", first.get("hex"));
        assertEquals(5L, first.get("length"));
        @SuppressWarnings("unchecked")
        Map<String, Object> second = (Map<String, Object>) got.get(1);
        assertEquals("one", second.get("text"));
    }

    @Test
    void createsWithAttributesAndStats() throws Exception {
        String name = names.mq("create");
        nipc("mq", "create", name, "--max-messages", "4", "--message-size", "256", "--mode", "0640").ok();
        c("mq-send", name, "2", "waiting");
        Map<String, Object> stat = MiniJson.object(nipc("mq", "stat", name, "--json").ok());
        assertEquals(name, stat.get("name"));
        assertEquals(4L, stat.get("maxMessages"));
        assertEquals(256L, stat.get("messageSize"));
        assertEquals(1L, stat.get("messages"));
        assertEquals("0640", stat.get("mode"));
        assertTrue(nipc("mq", "stat", name).ok().contains("messages:"));
    }

    @Test
    void carriesBinaryPayloadsFromStandardInput() throws Exception {
        String name = names.mq("bin");
        try (PosixMessageQueue q = PosixMessageQueue.create(name, MessageQueueAttributes.of(2, 300))) {
            byte[] all = new byte[256];
            for (int i = 0; i < all.length; i++) {
                all[i] = (byte) i;
            }
            nipcWithInput(all, "mq", "send", name, "-", "--priority", "3").ok();
            PosixMessageQueue.Message m = q.receive(java.time.Duration.ofSeconds(5));
            assertArrayEquals(all, m.payload());
            assertEquals(3, m.priority());

            q.send(all, 0);
            assertArrayEquals(all, nipc("mq", "receive", name, "--format", "raw").stdout());
            q.send(new byte[] {0, 1, (byte) 0xff}, 0);
            assertEquals("0001ff\n", nipc("mq", "receive", name, "--format", "hex").ok());
        }
    }

    @Test
    void anEmptyQueueTimesOutAndAFullOneRefusesWithoutWaiting() throws Exception {
        String name = names.mq("empty");
        nipc("mq", "create", name, "--max-messages", "1", "--message-size", "16").ok();
        assertTrue(nipc("mq", "receive", name, "--timeout", "0").fails(6).contains("empty"));
        assertTrue(nipc("mq", "receive", name, "--timeout", "50ms").fails(6).contains("ETIMEDOUT"));
        nipc("mq", "send", name, "x").ok();
        assertTrue(nipc("mq", "send", name, "y", "--timeout", "0").fails(6).contains("full"));
        assertTrue(nipc("mq", "send", name, "y", "--timeout", "50ms").fails(6).contains("ETIMEDOUT"));
        Cli.Result partial = nipc("mq", "receive", name, "--count", "2", "--timeout", "0", "--json");
        partial.fails(6);
        assertEquals(1, MiniJson.array(partial.out()).size(), "what came before the timeout is printed");
    }

    @Test
    void aMessageAboveTheQueuesSizeIsALimit() throws Exception {
        String name = names.mq("limit");
        nipc("mq", "create", name, "--max-messages", "1", "--message-size", "4").ok();
        assertTrue(nipc("mq", "send", name, "too long").fails(7).contains("EMSGSIZE"));
    }

    @Test
    void removesAndReportsNotFoundAndAlreadyExists() throws Exception {
        String name = names.mq("rm");
        nipc("mq", "create", name).ok();
        assertTrue(nipc("mq", "create", name).fails(4).contains("EEXIST"));
        nipc("mq", "rm", name).ok();
        assertTrue(nipc("mq", "rm", name).fails(3).contains("mq_unlink"));
        nipc("mq", "send", name, "x").fails(3);
    }

    @Test
    void badInputIsAUsageError() throws Exception {
        String name = names.mq("bad");
        nipc("mq", "create").fails(2);
        nipc("mq", "create", name, "--max-messages", "0").fails(2);
        nipc("mq", "create", name, "--max-messages", "-3").fails(2);
        nipc("mq", "create", name, "--max-messages", "100000").fails(2);   // beyond every msg_max: EINVAL
        nipc("mq", "send", name).fails(2);
        nipc("mq", "send", name, "x", "--priority", "40000").fails(2);
        nipc("mq", "receive", name, "--timeout", "soon").fails(2);
        nipc("mq", "receive", name, "--count", "0").fails(2);
        nipc("mq", "receive", name, "extra", "args").fails(2);
    }
}
