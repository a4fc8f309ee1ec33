package io.github.nativeipc.testing.containers;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test (or class) only where Testcontainers finds a Docker engine; elsewhere it
 * is skipped with the reason printed and shown in the report, never counted as passed.
 *
 * <p>The reason is the content of the file named by the system property
 * {@code nipc.docker.unavailable} when that file exists (a build step that tried to start an
 * engine and could not writes why there), otherwise what Testcontainers' discovery says.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(DockerCondition.class)
public @interface RequiresDocker {}
