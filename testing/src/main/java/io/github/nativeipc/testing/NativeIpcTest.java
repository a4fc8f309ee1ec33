package io.github.nativeipc.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class with {@link NativeIpcExtension}: an {@link IpcNames} parameter gives each test
 * unique names, everything those names (and the test's directory) hold is removed after the test
 * even when it fails, and leaked descriptors or objects are reported as chosen here.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(NativeIpcExtension.class)
public @interface NativeIpcTest {
    /**
     * Descriptors this JVM opened during the test and had not closed at its end (after garbage
     * collection). {@link LeakPolicy#FAIL} by default. A test whose libraries keep connections
     * open across tests (a Docker client's pool, say) should choose {@link LeakPolicy#REPORT}.
     * Class-path jars the JVM opens while loading classes are not counted, and the library's own
     * once-per-JVM descriptors are opened before the first test; other code that opens something
     * for the JVM's life on first use may need a warm-up in {@code @BeforeAll}.
     */
    LeakPolicy descriptors() default LeakPolicy.FAIL;

    /**
     * IPC objects with the test's names still present when it ended, which the extension then
     * removed. {@link LeakPolicy#REPORT} by default: cleaning up is the extension's job; choose
     * {@link LeakPolicy#FAIL} to check that the code under test removes what it creates.
     */
    LeakPolicy objects() default LeakPolicy.REPORT;
}
