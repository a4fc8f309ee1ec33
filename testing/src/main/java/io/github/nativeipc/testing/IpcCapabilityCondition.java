package io.github.nativeipc.testing;

import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Evaluates {@link RequiresIpc}: disabled, with the first missing facility's reason, where one is
 * missing. Thread-safe (stateless; the probes are cached by {@link IpcCapability}).
 */
public final class IpcCapabilityCondition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<AnnotatedElement> element = context.getElement();
        Optional<RequiresIpc> required = element.flatMap(e -> AnnotationSupport.findAnnotation(e, RequiresIpc.class));
        if (required.isEmpty()) {
            return ConditionEvaluationResult.enabled("no @RequiresIpc");
        }
        for (IpcCapability c : required.get().value()) {
            Optional<String> reason = c.unsupportedReason();
            if (reason.isPresent()) {
                System.out.println("[native-ipc] skipped " + context.getDisplayName() + ": " + reason.get());
                return ConditionEvaluationResult.disabled(reason.get());
            }
        }
        return ConditionEvaluationResult.enabled("has every facility it requires");
    }
}
