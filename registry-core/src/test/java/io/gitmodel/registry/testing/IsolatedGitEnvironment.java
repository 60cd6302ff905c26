package io.gitmodel.registry.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives tests an isolated user environment, a {@link TestEnv}: its own
 * HOME with a .gitconfig naming a test user, {@code GIT_CONFIG_NOSYSTEM=1}, {@code XDG_CONFIG_HOME}
 * inside that HOME, {@code LANG=C}, the inherited PATH, and a clock that starts at
 * {@link TestEnv#START} and ticks one second per reading.
 *
 * <p>Why: Git settings decide what a test sees (the identity that authors, tags and signs,
 * {@code init.defaultBranch}, signing keys, credential helpers). The library reads them through the
 * environment it is given ({@code RegistryConfig.environment}, see GitConfigLoader: JGit alone would
 * take the JVM's {@code user.home} instead of {@code $HOME}), and the real {@code git} that tests
 * run for cross-checks reads {@code $HOME}, {@code $XDG_CONFIG_HOME} and the system config. Both
 * must see the same test HOME, never the developer's or CI machine's ~/.gitconfig or
 * /etc/gitconfig (and a test's keys and settings must not end up there). The fixed clock makes
 * commit and tag dates, and so their ids and order, reproducible.
 *
 * <p>Each test gets a fresh temporary directory ({@link TestEnv#dir()}, HOME is its {@code home}
 * subdirectory); the same {@code TestEnv} is injected into the test's constructor, its
 * {@code @BeforeEach}/{@code @AfterEach} methods and the test method, and the directory is deleted
 * after the test. A {@code TestEnv} parameter of a {@code @BeforeAll}/{@code @AfterAll} method is
 * a separate one for the whole class, deleted after its last test (useful for a template built
 * once and copied by each test; with {@code @TestInstance(PER_CLASS)} the constructor gets that
 * one too). Use it through {@link IsolatedGit}.
 */
public final class IsolatedGitEnvironment implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(IsolatedGitEnvironment.class);

    /** Constructor parameters are resolved in the test method's context, so they get the test's own environment. */
    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestEnv.class;
    }

    @Override
    public TestEnv resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        // keyed by the context's id: a store lookup also sees the parent contexts' values, and a
        // test must not get the class's environment
        return extensionContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(extensionContext.getUniqueId(), id -> Isolated.create(), Isolated.class).env();
    }

    /** One environment and its directory, deleted when JUnit closes the context's store. */
    private record Isolated(TestEnv env) implements AutoCloseable {
        static Isolated create() {
            try {
                return new Isolated(new TestEnv(Files.createTempDirectory("git-model-test-")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            deleteRecursively(env.dir());
        }
    }

    /** Deletes a directory tree, making read-only directories writable where that is what stands in the way. */
    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                p.getParent().toFile().setWritable(true);
                p.toFile().setWritable(true);
                Files.deleteIfExists(p);
            }
        }
    }
}
