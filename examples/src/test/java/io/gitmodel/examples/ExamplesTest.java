package io.gitmodel.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.RegistryConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExamplesTest {
    @TempDir
    Path tmp;

    @Test
    void trainingJobRegistersAndServingProgramPredicts() throws Exception {
        RegistryConfig config = TestConfig.isolated(tmp);
        try (Registry registry = Registry.init(tmp.resolve("registry")).bare(true).config(config).call()) {
            ModelVersion v = TrainingJob.train(registry, "demand", Files.createDirectories(tmp.resolve("work")));
            assertEquals("demand@v1", v.ref().toString());
            assertEquals("Job <job@example.com>", v.createdBy().toString());
            assertEquals(1, v.artifacts().size());
            assertEquals(14.0, ServingProgram.predict(registry, "demand@latest", 4.0), 0.5, "the fit recovers y = 3x + 2");
            assertEquals("io.gitmodel.registry", Registry.class.getModule().getName(), "the library runs as a named module");
        }
    }

    @Test
    void tribuoJobRegistersTwoVersionsThatDiffAndCompareMeaningfully() throws Exception {
        RegistryConfig config = TestConfig.isolated(tmp);
        try (Registry registry = Registry.init(tmp.resolve("registry")).bare(true).config(config).call()) {
            TribuoTrainingJob.Settings quick = new TribuoTrainingJob.Settings("fraud", 1, 0.01, 1L, 5_000,
                    Files.createDirectories(tmp.resolve("run1")));
            TribuoTrainingJob.Settings tuned = new TribuoTrainingJob.Settings("fraud", 15, 0.5, 1L, 5_000,
                    Files.createDirectories(tmp.resolve("run2")));
            ModelVersion v1 = TribuoTrainingJob.train(registry, quick);
            ModelVersion v2 = TribuoTrainingJob.train(registry, tuned);

            assertEquals(java.util.List.of("model.onnx", "model.tribuo"), v2.artifacts().stream().map(a -> a.path().toString())
                    .sorted().toList());
            assertTrue(v2.metrics().get("auc") > 0.75, "the model learns the signal: " + v2.metrics());
            assertTrue(v2.metrics().get("auc") > v1.metrics().get("auc"), "more epochs, a better model: " + v1.metrics() + " vs "
                    + v2.metrics());
            assertEquals(v1.lineage().datasets(), v2.lineage().datasets(), "the same data set, by digest");
            assertTrue(v2.lineage().environment().libraries().containsKey("tribuo"));
            assertTrue(registry.modelCard(v2).orElseThrow().contains("| auc |"));

            io.gitmodel.registry.VersionDiff diff = registry.diff("fraud@v1", "fraud@v2");
            String changes = diff.toString();
            assertTrue(changes.contains("epochs") && changes.contains("learning_rate") && changes.contains("auc"), changes);
            io.gitmodel.registry.Comparison compared = registry.compare(java.util.List.of("fraud@v1", "fraud@v2")).call();
            assertTrue(compared.toString().contains("auc"), compared.toString());

            try (java.io.InputStream in = registry.openArtifact(v2, "model.tribuo")) {
                org.tribuo.Model<?> model = org.tribuo.Model.deserializeFromStream(in);
                assertEquals(java.util.Set.of("fraud", "legit"), model.getOutputIDInfo().getDomain().stream()
                        .map(Object::toString).collect(java.util.stream.Collectors.toSet()));
            }
        }
    }

    @Test
    void tribuoJobTakesTheCommandLinesOptionsOnAnOpenRegistry() throws Exception {
        RegistryConfig config = TestConfig.isolated(tmp);
        try (Registry registry = Registry.init(tmp.resolve("registry")).bare(true).config(config).call()) {
            ModelVersion v = TribuoTrainingJob.train(registry, "--name", "cards", "--epochs", "3", "--learning-rate", "0.1");
            assertEquals("cards@v1", v.ref().toString());
            assertEquals(3L, v.params().get("epochs"));
            assertEquals(0.1, v.params().get("learning_rate"));

            for (String[] bad : java.util.List.of(new String[] {"--epochs", "many"}, new String[] {"--depth", "3"},
                    new String[] {"--epochs"}, new String[] {"--epochs", "0"}, new String[] {"--learning-rate", "-1"},
                    new String[] {"--learning-rate", "NaN"})) {
                IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> TribuoTrainingJob.train(registry, bad));
                assertTrue(e.getMessage().contains(bad[0]), e.getMessage());
            }
            assertEquals(java.util.List.of("cards@v1"), registry.versions("cards").stream().map(x -> x.ref().toString()).toList(),
                    "bad options register nothing");
        }
    }

    @Test
    void servingProgramsOptionsHaveDefaultsAndRefuseWhatTheyDoNotKnow() {
        java.util.Map<String, String> defaults = OnnxServingProgram.options(new String[] {"models"});
        assertEquals("fraud", defaults.get("--model"));
        assertEquals("production", defaults.get("--stage"));
        assertEquals("8080", defaults.get("--port"));
        assertEquals("9090", OnnxServingProgram.options(new String[] {"models", "--port", "9090", "--remote", "origin"}).get("--port"));
        for (String[] bad : java.util.List.of(new String[] {}, new String[] {"models", "--prot", "1"},
                new String[] {"models", "--port"}, new String[] {"models", "--pull-every", "5s"},
                new String[] {"models", "--pull-every", "0"}, new String[] {"models", "--port", "70000"})) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> OnnxServingProgram.options(bad));
            assertTrue(e.getMessage().startsWith(bad.length == 0 ? "no registry" : bad.length == 3 && bad[1].equals("--prot")
                    ? "unknown option --prot" : "option "), e.getMessage());
        }
    }
}
