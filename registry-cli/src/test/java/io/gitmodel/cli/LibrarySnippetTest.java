package io.gitmodel.cli;

import static io.gitmodel.cli.CliTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gitmodel.cli.CliTestSupport.Cli;
import io.gitmodel.cli.Processes.Output;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * README's "Using the library": the Maven coordinates are the library's, and the Java example a
 * training job would copy is {@link TrainingJob} below, line for line: it compiles, and it runs in a
 * JVM of its own against a registry made by {@code git-model init}.
 */
@IsolatedGit
class LibrarySnippetTest {

    /** The README's example, verbatim (only its class is nested here). */
    static class TrainingJob {
        public static void main(String[] args) throws Exception {
            Path registryDir = Path.of(args[0]);    // a registry made with `git-model init`
            Path weights = Path.of(args[1]);        // what training wrote
            try (Registry registry = Registry.open(registryDir)) {
                ModelVersion v = registry.register("fraud")
                        .artifact(weights)
                        .metric("auc", 0.94)
                        .param("lr", 0.01)
                        .call();
                System.out.println(v.ref());        // fraud@v1, then fraud@v2, ...
            }
        }
    }

    private static Path repositoryFile(String name) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve(name))) {
            dir = dir.getParent();
        }
        assumeTrue(dir != null, name + " not found above " + Path.of("").toAbsolutePath());
        return dir.resolve(name);
    }

    /** The README's section from its heading to the next heading of the same or a higher level. */
    private static String section(String readme, String heading) {
        int start = readme.indexOf("\n" + heading + "\n");
        assertTrue(start >= 0, "README has a section '" + heading + "'");
        int end = readme.indexOf("\n## ", start + 1);
        int sub = readme.indexOf("\n### ", start + 1);
        return readme.substring(start, Math.min(end < 0 ? readme.length() : end, sub < 0 ? readme.length() : sub));
    }

    private static String block(String section, String language) {
        int start = section.indexOf("```" + language + "\n");
        assertTrue(start >= 0, "a ```" + language + " block in " + section);
        start += language.length() + 4;
        return section.substring(start, section.indexOf("```", start));
    }

    @Test
    void theReadmeNamesTheLibrarysCoordinates() throws IOException {
        String library = section(Files.readString(repositoryFile("README.md")), "### Using the library");
        String xml = block(library, "xml").replaceAll("\\s+", "");
        String version = Registry.libraryVersion();
        assertEquals("<dependency><groupId>io.gitmodel</groupId><artifactId>registry-core</artifactId><version>" + version
                + "</version></dependency>", xml);
        assertTrue(library.contains("`io.gitmodel:registry-core:" + version + "`"), library);
        assertTrue(library.contains("mvn -B install -pl registry-core -am"), library);
        String corePom = Files.readString(repositoryFile("registry-core/pom.xml"));
        assertTrue(corePom.contains("<artifactId>registry-core</artifactId>") && corePom.contains("<groupId>io.gitmodel</groupId>"));
    }

    @Test
    void theReadmeExampleIsThisCodeAndItRuns(TestEnv env) throws IOException {
        String library = section(Files.readString(repositoryFile("README.md")), "### Using the library");
        Path source = Path.of("src/test/java/io/gitmodel/cli/LibrarySnippetTest.java");
        assumeTrue(Files.isRegularFile(source), "run from registry-cli (Maven does): " + source + " not found");
        Set<String> here = Files.readAllLines(source).stream().map(String::strip).collect(Collectors.toSet());
        for (String line : block(library, "java").lines().map(String::strip).toList()) {
            if (line.isEmpty() || line.equals("}") || line.startsWith("public class ")) {
                continue;
            }
            assertTrue(here.contains(line), () -> "README's example line is not in " + source + ": " + line);
        }

        Cli cli = new Cli(env);
        Path registry = cli.init("models");
        Path weights = write(cli.work.resolve("weights.bin"), "trained weights");
        List<String> java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TrainingJob.class.getName(), registry.toString(), weights.toString());
        Output first = Processes.run(cli.work, env.env(), env.dir(), java);
        assertEquals(0, first.exit(), first::toString);
        assertEquals("fraud@v1", first.out().strip(), first::toString);
        Output second = Processes.run(cli.work, env.env(), env.dir(), java);
        assertEquals("fraud@v2", second.out().strip(), second::toString);
        var shown = cli.showJson(registry, "fraud");
        assertEquals("fraud@v2", shown.get("ref"));
        assertEquals(0.94, ((Number) CliTestSupport.asMap(shown.get("metrics")).get("auc")).doubleValue());
    }
}
