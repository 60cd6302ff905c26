package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.errors.InvalidArtifactException;
import io.gitmodel.registry.errors.InvalidValueException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A directory of hand-kept versions becomes versions, in order, once; bad input registers nothing. */
@IsolatedGit
class ImportDirectoryTest {
    private TestEnv env;
    private Registry r;
    private Path bucket;

    @BeforeEach
    void setUp(TestEnv env) throws Exception {
        this.env = env;
        r = Registry.init(env.dir().resolve("reg")).bare(true).signed(false).config(env.config()).call();
        bucket = Files.createDirectories(env.dir().resolve("bucket"));
    }

    private Path version(String name, String weights) throws Exception {
        Path dir = Files.createDirectories(bucket.resolve(name));
        Files.writeString(dir.resolve("model.bin"), weights);
        return dir;
    }

    @Test
    void eachSubdirectoryBecomesAVersionInNaturalOrder() throws Exception {
        version("v10", "ten");
        Path v2 = version("v2", "two");
        version("v1", "one");
        Files.writeString(v2.resolve("metrics.json"), "{\"auc\": 0.91, \"loss\": 1}");
        Files.writeString(v2.resolve("params.json"), "{\"lr\": 0.01, \"epochs\": 20, \"opt\": \"adam\"}");
        Files.writeString(v2.resolve("tags.json"), "{\"team\": \"risk\"}");
        Files.writeString(v2.resolve("README.md"), "# fraud v2\n");
        Files.createDirectories(v2.resolve("tokenizer"));
        Files.writeString(v2.resolve("tokenizer/vocab.txt"), "a\nb\n");
        Files.writeString(v2.resolve(".DS_Store"), "junk");
        Files.createDirectories(bucket.resolve(".git"));
        List<String> tasks = new ArrayList<>();

        ImportDirectoryCommand.Result result = r.importDirectory(bucket, "fraud")
                .progress((task, done, total) -> tasks.add(task)).call();

        assertEquals(List.of("fraud@v1", "fraud@v2", "fraud@v3"), result.imported().stream().map(v -> v.ref().toString()).toList());
        assertEquals(List.of("v1", "v2", "v10"), result.imported().stream().map(v -> v.tags().get("imported_from")).toList());
        ModelVersion two = r.resolve("fraud@v2");
        assertEquals(Map.of("auc", 0.91, "loss", 1.0), two.metrics());
        assertEquals(Map.of("lr", 0.01, "epochs", 20L, "opt", "adam"), two.params());
        assertEquals("risk", two.tags().get("team"));
        assertEquals(List.of("model.bin", "tokenizer/vocab.txt"), two.artifacts().stream().map(a -> a.path().toString()).toList(),
                "metadata files and hidden files are no artifacts");
        assertEquals("# fraud v2\n", r.modelCard(two).orElseThrow());
        assertEquals("two", new String(r.openArtifact(two, "model.bin").readAllBytes()));
        assertTrue(tasks.contains("importing 1/3 v1") && tasks.contains("importing 3/3 v10"), tasks.toString());
        env.git().git(env.dir().resolve("reg"), "fsck", "--strict").ok();
    }

    @Test
    void runningItAgainImportsOnlyWhatIsNew() throws Exception {
        version("2024-01", "a");
        version("2024-02", "b");
        assertEquals(2, r.importDirectory(bucket, "churn").call().imported().size());
        ImportDirectoryCommand.Result again = r.importDirectory(bucket, "churn").call();
        assertEquals(List.of(), again.imported());
        assertEquals(List.of("2024-01", "2024-02"), again.skipped());
        version("2024-03", "c");
        ImportDirectoryCommand.Result third = r.importDirectory(bucket, "churn").call();
        assertEquals(List.of("churn@v3"), third.imported().stream().map(v -> v.ref().toString()).toList());
        assertEquals(3, r.versions("churn").size());
    }

    @Test
    void badInputRegistersNothing() throws Exception {
        version("v1", "one");
        Files.createDirectories(bucket.resolve("v2"));
        refused(InvalidArtifactException.class, "holds no artifact file");
        Files.writeString(bucket.resolve("v2/model.bin"), "two");
        Files.writeString(bucket.resolve("v2/metrics.json"), "{\"auc\": \"high\"}");
        refused(InvalidValueException.class, "metric \"auc\" must be a number, got the text \"high\"");
        Files.writeString(bucket.resolve("v2/metrics.json"), "{\"auc\": ");
        refused(io.gitmodel.registry.errors.CorruptMetadataException.class, "not valid JSON");
        assertThrows(InvalidArtifactException.class, () -> r.importDirectory(bucket.resolve("v1/model.bin"), "fraud").call());
        assertThrows(InvalidArtifactException.class, () -> r.importDirectory(Files.createDirectories(env.dir().resolve("empty")),
                "fraud").call());
        assertEquals(List.of(), r.models(), "nothing was registered");
    }

    private void refused(Class<? extends Exception> type, String message) {
        Exception e = assertThrows(Exception.class, () -> r.importDirectory(bucket, "fraud").call());
        assertTrue(type.isInstance(e) && e.getMessage().contains(message) && e.getMessage().contains("v2"),
                e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    @Test
    void naturalOrderComparesNumbersAsNumbers() {
        List<String> names = new ArrayList<>(List.of("v10", "v9", "v1", "run-2", "run-10", "2024-11", "2024-02"));
        names.sort(ImportDirectoryCommand::natural);
        assertEquals(List.of("2024-02", "2024-11", "run-2", "run-10", "v1", "v9", "v10"), names);
    }

    @org.junit.jupiter.api.AfterEach
    void close() throws RegistryException {
        r.close();
    }
}
