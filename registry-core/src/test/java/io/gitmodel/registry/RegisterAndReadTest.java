package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@IsolatedGit
class RegisterAndReadTest {
    Path tmp;
    TestEnv env;

    @BeforeEach
    void setUp(TestEnv env) throws Exception {
        this.env = env;
        tmp = env.dir();
    }

    @Test
    void registersAndReadsBackAVersion() throws Exception {
        Path model = Files.writeString(tmp.resolve("model.bin"), "weights");
        try (Registry registry = Registry.init(tmp.resolve("reg")).bare(true).config(env.config()).call()) {
            ModelVersion v1 = registry.register("fraud").artifact(model).metric("auc", 0.9).param("lr", 0.01)
                    .tag("team", "risk").description("first").call();
            ModelVersion v2 = registry.register("fraud").artifact(model).metric("auc", 0.95).call();
            assertEquals(1, v1.version());
            assertEquals(2, v2.version());
            assertEquals(v2, registry.resolve("fraud@latest"));
            assertEquals(v1, registry.resolve("fraud@v1"));
            assertEquals(List.of(ModelName.of("fraud")), registry.models());
            try (InputStream in = registry.openArtifact(v1, "model.bin")) {
                assertArrayEquals("weights".getBytes(), in.readAllBytes());
            }
            assertEquals("Ada Tester <ada@example.com>", v1.createdBy().toString());
            assertTrue(v1.lineage().environment().runtime().startsWith("Java"));
        }
    }
}
