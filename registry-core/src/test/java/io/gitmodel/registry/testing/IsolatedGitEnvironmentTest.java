package io.gitmodel.registry.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link IsolatedGitEnvironment}: what it injects, where, and that it cleans up after each test. */
@IsolatedGit
class IsolatedGitEnvironmentTest {
    /** The directories of the tests that have finished or are running; all but the running one must be gone. */
    private static final List<Path> DIRS = new CopyOnWriteArrayList<>();
    private static TestEnv classEnv;

    private final TestEnv constructed;
    private TestEnv beforeEach;

    IsolatedGitEnvironmentTest(TestEnv env) {
        this.constructed = env;
    }

    @BeforeAll
    static void beforeAll(TestEnv env) {
        classEnv = env;
    }

    @BeforeEach
    void setUp(TestEnv env) {
        beforeEach = env;
        for (Path earlier : DIRS) {
            assertFalse(Files.exists(earlier), "deleted after its test: " + earlier);
        }
        assertFalse(DIRS.contains(env.dir()), "a fresh directory per test");
        DIRS.add(env.dir());
    }

    @AfterEach
    void tearDown(TestEnv env) {
        assertSame(beforeEach, env);
        assertTrue(Files.isDirectory(env.dir()), "deleted only after the test's @AfterEach methods");
    }

    @AfterAll
    static void afterAll(TestEnv env) {
        assertSame(classEnv, env);
        assertTrue(Files.isDirectory(env.dir()));
        assertTrue(DIRS.size() >= 6, DIRS::toString);
        for (Path dir : DIRS) {
            assertFalse(Files.exists(dir), "deleted after its test: " + dir);
        }
    }

    @Test
    void theSameEnvironmentInTheConstructorBeforeEachAndTest(TestEnv env) {
        assertSame(constructed, env);
        assertSame(beforeEach, env);
        assertNotSame(classEnv, env, "@BeforeAll gets the class's own environment");
        assertNotEquals(classEnv.dir(), env.dir());
    }

    @Test
    void aFreshHomeWithATestIdentity(TestEnv env) throws Exception {
        assertEquals(env.dir().resolve("home"), env.home());
        assertTrue(Files.isDirectory(env.home()));
        assertNotEquals(Path.of(System.getProperty("user.home")), env.home());
        String gitconfig = Files.readString(env.home().resolve(".gitconfig"));
        assertTrue(gitconfig.contains("name = Ada Tester") && gitconfig.contains("email = ada@example.com"), gitconfig);
        assertTrue(gitconfig.contains("defaultBranch = main"), gitconfig);
        try (var files = Files.list(env.dir())) {
            assertEquals(List.of(env.home()), files.toList(), "nothing but HOME in a new test directory");
        }
    }

    @Test
    void theEnvironmentMapPointsGitAtThatHome(TestEnv env) {
        Map<String, String> e = env.env();
        assertEquals(env.home().toString(), e.get("HOME"));
        assertEquals("1", e.get("GIT_CONFIG_NOSYSTEM"));
        assertEquals(env.home().resolve(".config").toString(), e.get("XDG_CONFIG_HOME"));
        assertEquals("C", e.get("LANG"));
        assertEquals(System.getenv().getOrDefault("PATH", "/usr/bin:/bin"), e.get("PATH"));
        assertEquals(5, e.size(), e::toString);
        assertEquals(e, env.config().environment(), "the registry configuration reads Git configuration through it");
    }

    @Test
    void theRealGitReadsTheTestIdentity(TestEnv env) {
        Assumptions.assumeTrue(GitCli.hasGit(), "git is not installed");
        assertEquals("Ada Tester <ada@example.com>",
                env.git().git(env.dir(), "var", "GIT_AUTHOR_IDENT").ok().stdout().replaceAll(" \\d+ [+-]\\d{4}\\s*$", ""));
        String origin = env.git().git(env.dir(), "config", "--show-origin", "--get", "user.email").ok().stdout();
        assertTrue(origin.contains(env.home().resolve(".gitconfig").toString()), origin);
    }

    @Test
    void theClockTicksOneSecondPerReadingFromTheFixedStart(TestEnv env) {
        Clock clock = env.clock();
        assertEquals(ZoneOffset.UTC, clock.getZone());
        assertEquals(TestEnv.START, clock.instant());
        assertEquals(TestEnv.START.plusSeconds(1), clock.instant());
        assertEquals(TestEnv.START.plusSeconds(2), clock.instant());
        assertEquals(TestEnv.START.plusSeconds(3).toEpochMilli(), clock.millis());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void parameterizedTestsGetOneEachToo(int run, TestEnv env) throws Exception {
        assertSame(beforeEach, env);
        Path marker = env.home().resolve("marker");
        assertFalse(Files.exists(marker), "no trace of an earlier run");
        Files.writeString(marker, Integer.toString(run));
    }

    @Test
    void readOnlyDirectoriesAreDeletedToo(TestEnv env) throws Exception {
        // git makes its object files read-only; some tests also make directories read-only
        Path locked = Files.createDirectories(env.dir().resolve("locked/sub"));
        Files.writeString(locked.resolve("object"), "x");
        Files.setPosixFilePermissions(locked.resolve("object"), PosixFilePermissions.fromString("r--r--r--"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        Files.setPosixFilePermissions(locked.getParent(), PosixFilePermissions.fromString("r-xr-xr-x"));
    }
}
