package io.gitmodel.registry.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class with {@link IsolatedGitEnvironment}: every test gets its own {@link TestEnv}
 * (own HOME, no system Git configuration, fixed clock) in a fresh temporary directory, injected
 * as a {@code TestEnv} parameter of constructors, test methods and lifecycle methods.
 *
 * <pre>{@code
 * @IsolatedGit
 * class FooTest {
 *     TestEnv env;
 *
 *     @BeforeEach
 *     void setUp(TestEnv env) {
 *         this.env = env;
 *     }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(IsolatedGitEnvironment.class)
public @interface IsolatedGit {
}
