package io.gitmodel.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds {@code bin/git-model} for the integration tests that run it as a real process, after
 * {@code package} built the jar. Run alone (e.g. from an IDE) the shaded jar may be missing or
 * older than the sources; then the launcher would start a Maven build of its own, which a test
 * must not do, and the test is skipped.
 */
final class LauncherSupport {
    private LauncherSupport() {
    }

    /** The checkout's root: the directory holding bin/git-model and registry-cli/; null if none. */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("bin/git-model")) && Files.isDirectory(dir.resolve("registry-cli"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        return null;
    }

    /** bin/git-model, or the test is skipped with the reason it cannot run. */
    static Path launcher() throws IOException {
        Path root = repositoryRoot();
        assumeTrue(root != null, "bin/git-model not found above " + Path.of("").toAbsolutePath());
        Path jar = root.resolve("registry-cli/target/git-model.jar");
        assumeTrue(Files.isRegularFile(jar), "the shaded jar " + jar + " is built by 'mvn package', after the unit tests");
        assumeTrue(jarIsFresh(root, jar), "the shaded jar " + jar + " is older than the sources; the launcher would rebuild it");
        assumeTrue(!System.getProperty("os.name").toLowerCase().startsWith("windows"), "bin/git-model is a bash script");
        assumeTrue(onPath("bash"), "bash is not installed");
        return root.resolve("bin/git-model");
    }

    /**
     * The examples' directory for the quickstart of bin/git-model, or the test is skipped: built
     * examples are older than their sources when the tests run alone, and examples/run would then
     * start a Maven build.
     */
    static Path builtExamples() throws IOException {
        Path root = launcher().getParent().getParent();
        Path classpath = root.resolve("examples/target/classpath.txt");
        assumeTrue(Files.isRegularFile(classpath), classpath + " is written by 'mvn package' of the examples");
        assumeTrue(newerThanAll(classpath, List.of(root.resolve("pom.xml"), root.resolve("registry-core/pom.xml"),
                root.resolve("examples/pom.xml"), root.resolve("registry-core/src/main"), root.resolve("examples/src/main"))),
                "the examples' build is older than their sources; examples/run would rebuild them");
        return root.resolve("examples");
    }

    /** The launcher rebuilds when any of these is newer than the jar (see bin/git-model). */
    private static boolean jarIsFresh(Path root, Path jar) throws IOException {
        return newerThanAll(jar, List.of(root.resolve("pom.xml"), root.resolve("registry-core/pom.xml"),
                root.resolve("registry-cli/pom.xml"), root.resolve("registry-core/src/main"), root.resolve("registry-cli/src/main")));
    }

    private static boolean newerThanAll(Path output, List<Path> inputs) throws IOException {
        FileTime built = Files.getLastModifiedTime(output);
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(input)) {
                if (walk.anyMatch(p -> {
                    try {
                        return Files.getLastModifiedTime(p).compareTo(built) > 0;
                    } catch (IOException e) {
                        return true;
                    }
                })) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
