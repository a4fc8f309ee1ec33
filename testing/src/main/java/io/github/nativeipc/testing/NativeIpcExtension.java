package io.github.nativeipc.testing;

import io.github.nativeipc.posix.AnonymousPipe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link NativeIpcTest}. Before each test it reads which descriptors
 * are open; it hands the test an {@link IpcNames} (as a parameter of the test method, of
 * {@code @BeforeEach} or {@code @AfterEach} methods); after the test (and its {@code @AfterEach}
 * methods), whatever the outcome, it removes every object of those names
 * ({@link IpcNames#removeAll()}) and compares the descriptors, reporting what was left behind as
 * {@link NativeIpcTest#descriptors()} and {@link NativeIpcTest#objects()} say: as a report entry
 * (shown by the test report) and on standard output, and with an {@link AssertionError} under
 * {@link LeakPolicy#FAIL}.
 *
 * <p>Usable with {@code @ExtendWith(NativeIpcExtension.class)} too (then with the default
 * policies). Thread-safe as JUnit requires: state lives in each test's extension context.
 */
public final class NativeIpcExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(NativeIpcExtension.class);
    private static final String NAMES = "names";
    private static final String DESCRIPTORS = "descriptors";

    /**
     * The descriptors the library opens once for the JVM's life on first use of its channels (the
     * selector provider's), opened before the first snapshot so that they are not taken for a
     * leak of whichever test happens to come first.
     */
    private static final class LibraryWarmUp {
        static {
            try {
                AnonymousPipe.open().close();
            } catch (java.io.IOException | RuntimeException | LinkageError notHere) {
                // not a POSIX system: nothing of the library's to warm up
            }
        }

        static void ensure() {}
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        if (policy(context).descriptors() != LeakPolicy.IGNORE) {
            LibraryWarmUp.ensure();
            store.put(DESCRIPTORS, OpenDescriptors.settled());
        }
        names(context);
    }

    private static IpcNames names(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(NAMES, k -> new IpcNames(), IpcNames.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == IpcNames.class && context.getTestMethod().isPresent();
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return names(context);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        NativeIpcTest policy = policy(context);
        List<String> failures = new ArrayList<>();
        IpcNames names = store.remove(NAMES, IpcNames.class);
        if (names != null) {
            List<String> removed = names.removeAll();
            if (!removed.isEmpty() && policy.objects() != LeakPolicy.IGNORE) {
                String report = "left behind by " + context.getDisplayName() + ", removed: " + String.join(", ", removed);
                publish(context, "nipc.objects", report);
                if (policy.objects() == LeakPolicy.FAIL) {
                    failures.add(report);
                }
            }
        }
        OpenDescriptors before = store.remove(DESCRIPTORS, OpenDescriptors.class);
        if (before != null) {
            Map<Integer, String> leaked = OpenDescriptors.settled().openedSince(before);
            if (!leaked.isEmpty()) {
                String report = "descriptors opened by " + context.getDisplayName() + " and still open: " + leaked;
                publish(context, "nipc.descriptors", report);
                if (policy.descriptors() == LeakPolicy.FAIL) {
                    failures.add(report);
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join("; ", failures));
        }
    }

    private static void publish(ExtensionContext context, String key, String report) {
        System.out.println("[native-ipc] " + report);
        context.publishReportEntry(key, report);
    }

    @NativeIpcTest
    private static final class Defaults {}

    private static NativeIpcTest policy(ExtensionContext context) {
        return context.getTestClass()
                .flatMap(c -> AnnotationSupport.findAnnotation(c, NativeIpcTest.class))
                .orElseGet(() -> Defaults.class.getAnnotation(NativeIpcTest.class));
    }
}
