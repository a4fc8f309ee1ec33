package io.github.nativeipc.it.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nativeipc.posix.MessageQueueAttributes;
import io.github.nativeipc.posix.PosixMessageQueue;
import io.github.nativeipc.testing.IpcCapability;
import io.github.nativeipc.testing.IpcNames;
import io.github.nativeipc.testing.LeakPolicy;
import io.github.nativeipc.testing.NativeIpcTest;
import io.github.nativeipc.testing.RequiresIpc;
import io.github.nativeipc.testing.containers.CPeerContainer;
import io.github.nativeipc.testing.containers.IpcContainers;
import io.github.nativeipc.testing.containers.RequiresDocker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@RequiresDocker
@RequiresIpc(IpcCapability.POSIX_MESSAGE_QUEUES)
@NativeIpcTest(descriptors = LeakPolicy.REPORT)   // the Docker client keeps connections open between tests
class PriceFeedContainerIT {
    @Test
    void theCFeedAnswersEveryQuoteRequest(IpcNames names) throws Exception {
        String requests = names.messageQueue("requests");   // removed after the test, pass or fail
        String quotes = names.messageQueue("quotes");
        try (PosixMessageQueue out = PosixMessageQueue.create(requests, MessageQueueAttributes.of(8, 128));
             PosixMessageQueue in = PosixMessageQueue.create(quotes, MessageQueueAttributes.of(8, 128));
             CPeerContainer feed = IpcContainers.shareHostIpc(
                     CPeerContainer.fromSource(Path.of("src/test/c/feed.c"), "local/debian:bookworm")
                             .withArguments(requests, quotes, "1"))) {
            feed.start();
            out.send("EURUSD".getBytes(StandardCharsets.UTF_8), 0);
            ByteBuffer quote = ByteBuffer.allocateDirect(128);
            in.receive(quote, Duration.ofSeconds(10));
            quote.flip();
            assertEquals("EURUSD 1.0842", StandardCharsets.UTF_8.decode(quote).toString());
            assertEquals(List.of("served 1"), feed.awaitSuccess(Duration.ofSeconds(10)));
        }
    }
}
