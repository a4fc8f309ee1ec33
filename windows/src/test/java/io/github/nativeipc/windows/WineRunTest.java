package io.github.nativeipc.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Runs every {@code *WindowsTest} class under Wine with a Windows JRE (one Windows JVM, started by
 * {@code src/test/wine/run-wine-tests.sh}) and reports each of their tests here, one dynamic test
 * per test case of the Console Launcher's XML report, with its real outcome: a failure under Wine
 * fails this build with the Windows test's own message, a skip under Wine is a skip here, and
 * Surefire's summary counts the Windows tests. If Wine cannot be installed on this machine the
 * whole factory is skipped with the reason (and fails under {@code CI=true}, where they must run);
 * nothing is ever counted as passed that did not run.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "on Windows the *WindowsTest classes run directly")
public class WineRunTest {
    private static final int SKIPPED = 77;

    /**
     * The run; another module's test class extends this one to run its own tests under Wine,
     * naming its module directory and class-name pattern in the system properties
     * {@code nipc.wine.module} and {@code nipc.wine.include} (defaults: this module, {@code .*WindowsTest}).
     */
    @TestFactory
    public Stream<DynamicNode> windowsTestsUnderWine() throws Exception {
        Path dir = Path.of(System.getProperty("nipc.wine.dir"));
        Path script = Path.of(System.getProperty("nipc.wine.script"));
        Path log = dir.resolve("wine-run.log");
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "run", dir.toString());
        String module = System.getProperty("nipc.wine.module");
        if (module != null) {
            pb.environment().put("NIPC_WINE_MODULE", module);
        }
        String include = System.getProperty("nipc.wine.include");
        if (include != null) {
            pb.environment().put("NIPC_WINE_INCLUDE", include);
        }
        Process p = pb
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("the Wine run took more than 20 minutes; its output is in " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        int status = p.exitValue();
        if (status == SKIPPED) {
            String reason = "Windows tests not run: " + Files.readString(dir.resolve("skipped.txt")).trim();
            if ("true".equals(System.getenv("CI"))) {
                fail(reason + " (CI=true: in CI the Windows tests must run; .ci/run installs Wine)");
            }
            Assumptions.abort(reason);
        }
        List<Path> reports = new ArrayList<>();
        Path reportDir = dir.resolve("reports");
        if (Files.isDirectory(reportDir)) {
            try (Stream<Path> s = Files.list(reportDir)) {
                s.filter(f -> f.getFileName().toString().endsWith(".xml")).forEach(reports::add);
            }
        }
        if (reports.isEmpty()) {
            fail("the Wine run wrote no report (exit status " + status + "); its output:\n" + output);
        }
        Map<String, List<DynamicNode>> byClass = new LinkedHashMap<>();
        int count = 0;
        int failed = 0;
        for (Path report : reports) {
            NodeList cases = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile())
                    .getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                Element c = (Element) cases.item(i);
                String className = c.getAttribute("classname");
                String simple = className.substring(className.lastIndexOf('.') + 1);
                byClass.computeIfAbsent(simple + " (under Wine)", k -> new ArrayList<>())
                        .add(DynamicTest.dynamicTest(c.getAttribute("name"), () -> replay(c)));
                count++;
                if (child(c, "failure") != null || child(c, "error") != null) {
                    failed++;
                }
            }
        }
        if (status != 0 && failed == 0) {
            fail("the Windows JVM exited with status " + status + " but its reports show no failure; its output:\n" + output);
        }
        assertTrue(count > 0, "the Wine run reported no test");
        System.out.println("Windows tests under Wine: " + count + " reported, " + failed + " failed");
        return byClass.entrySet().stream().map(e -> DynamicContainer.dynamicContainer(e.getKey(), e.getValue()));
    }

    /** The outcome a test case had under Wine, as this test's own. */
    private static void replay(Element testCase) {
        Element problem = child(testCase, "failure");
        if (problem == null) {
            problem = child(testCase, "error");
        }
        if (problem != null) {
            fail("under Wine: " + problem.getAttribute("message") + "\n" + problem.getTextContent());
        }
        Element skipped = child(testCase, "skipped");
        if (skipped != null) {
            Assumptions.abort("skipped under Wine: " + skipped.getAttribute("message") + " " + skipped.getTextContent());
        }
        assertEquals("testcase", testCase.getTagName());
    }

    private static Element child(Element e, String tag) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && ((Element) n).getTagName().equals(tag)) {
                return (Element) n;
            }
        }
        return null;
    }

    static {
        try {
            Files.createDirectories(Path.of(System.getProperty("nipc.wine.dir", "target/wine")));
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
