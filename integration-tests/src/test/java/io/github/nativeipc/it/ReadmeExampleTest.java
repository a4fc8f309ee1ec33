package io.github.nativeipc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's complete example test is the one the build runs, word for word. */
class ReadmeExampleTest {
    private static final Path MODULE = Path.of(System.getProperty("user.dir"));

    private static String block(String readme, String language, String firstLine) {
        Matcher m = Pattern.compile("```" + language + "\n(" + Pattern.quote(firstLine) + ".*?)```", Pattern.DOTALL).matcher(readme);
        if (!m.find()) {
            throw new AssertionError("README.md has no " + language + " block starting with " + firstLine);
        }
        return m.group(1);
    }

    @Test
    void theJavaExampleIsPriceFeedContainerIT() throws Exception {
        String readme = Files.readString(MODULE.resolveSibling("README.md"));
        String test = Files.readString(MODULE.resolve("src/test/java/io/github/nativeipc/it/containers/PriceFeedContainerIT.java"));
        assertEquals(test.substring(test.indexOf("import ")),
                block(readme, "java", "import static org.junit.jupiter.api.Assertions.assertEquals;"));
    }

    @Test
    void theCExampleIsFeedC() throws Exception {
        String readme = Files.readString(MODULE.resolveSibling("README.md"));
        String feed = Files.readString(MODULE.resolve("src/test/c/feed.c"));
        assertEquals(feed.substring(feed.indexOf("#include")), block(readme, "c", "#include <mqueue.h>"));
    }
}
