package io.github.nativeipc.testing.containers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Evaluates {@link RequiresDocker}. Thread-safe. */
public final class DockerCondition implements ExecutionCondition {
    /** The system property naming a file that holds why no engine could be started. */
    public static final String UNAVAILABLE_PROPERTY = "nipc.docker.unavailable";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String reason = unavailableReason();
        if (reason == null) {
            return ConditionEvaluationResult.enabled("a Docker engine answers");
        }
        System.out.println("[native-ipc] skipped " + context.getDisplayName() + ": " + reason);
        return ConditionEvaluationResult.disabled(reason);
    }

    /** Why no engine is available, or null if one is. */
    static String unavailableReason() {
        String file = System.getProperty(UNAVAILABLE_PROPERTY);
        if (file != null && Files.exists(Path.of(file))) {
            try {
                return "no Docker engine: " + Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                return "no Docker engine (and " + file + " is unreadable: " + e.getMessage() + ")";
            }
        }
        if (!IpcContainers.dockerAvailable()) {
            return "no Docker engine: Testcontainers found none (DOCKER_HOST=" + System.getenv("DOCKER_HOST") + ")";
        }
        return null;
    }
}
