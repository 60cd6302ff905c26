package io.gitmodel.examples;

import io.gitmodel.registry.Person;
import io.gitmodel.registry.RegistryConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A registry configuration for the example tests: git's settings from an empty HOME, not the developer's. */
final class TestConfig {
    private TestConfig() {
    }

    static RegistryConfig isolated(Path tmp) throws IOException {
        Path home = Files.createDirectories(tmp.resolve("home"));
        return RegistryConfig.builder().identity(new Person("Job", "job@example.com"))
                .environment(Map.of("HOME", home.toString(), "GIT_CONFIG_NOSYSTEM", "1")).captureSource(false).build();
    }
}
