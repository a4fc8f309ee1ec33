package io.github.nativeipc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeipc.posix.AnonymousPipe;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenDescriptorsTest {

    @Test
    void aPipeOpenedSinceShowsAsTwoPipeDescriptorsAndClosingItShowsAsClosed() throws Exception {
        AnonymousPipe.open().close();   // first use: what the library opens once for the JVM's life
        OpenDescriptors before = OpenDescriptors.settled();
        try (AnonymousPipe pipe = AnonymousPipe.open()) {
            OpenDescriptors during = OpenDescriptors.now();
            Map<Integer, String> opened = during.openedSince(before);
            assertEquals(2, opened.size(), opened.toString());
            assertTrue(opened.values().stream().allMatch(t -> t.startsWith("pipe:[")), opened.toString());
            assertEquals(Map.of(), during.closedSince(before));
            pipe.close();
            assertEquals(List.copyOf(opened.keySet()), List.copyOf(OpenDescriptors.now().closedSince(during).keySet()));
        }
        assertEquals(Map.of(), OpenDescriptors.now().openedSince(before));
    }
}
