package io.gitmodel.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Person;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.RegistryConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExamplesTest {
    @TempDir
    Path tmp;

    @Test
    void trainingJobRegistersAndServingProgramPredicts() throws Exception {
        // git's settings come from an empty HOME, not the developer's ~/.gitconfig
        Path home = Files.createDirectories(tmp.resolve("home"));
        RegistryConfig config = RegistryConfig.builder().identity(new Person("Job", "job@example.com"))
                .environment(Map.of("HOME", home.toString(), "GIT_CONFIG_NOSYSTEM", "1")).captureSource(false).build();
        try (Registry registry = Registry.init(tmp.resolve("registry")).bare(true).config(config).call()) {
            ModelVersion v = TrainingJob.train(registry, "demand", Files.createDirectories(tmp.resolve("work")));
            assertEquals("demand@v1", v.ref().toString());
            assertEquals("Job <job@example.com>", v.createdBy().toString());
            assertEquals(1, v.artifacts().size());
            assertEquals(14.0, ServingProgram.predict(registry, "demand@latest", 4.0), 0.5, "the fit recovers y = 3x + 2");
            assertEquals("io.gitmodel.registry", Registry.class.getModule().getName(), "the library runs as a named module");
        }
    }
}
