package io.github.nativeipc.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test (or class) only where every listed facility exists
 * ({@link IpcCapability#unsupportedReason()}); elsewhere it is skipped with the reason, such as
 * "POSIX message queues not supported on macOS", printed and shown in the test report. A skip is
 * never counted as a pass.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(IpcCapabilityCondition.class)
public @interface RequiresIpc {
    IpcCapability[] value();
}
