package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.errors.ArtifactNotFoundException;
import io.gitmodel.registry.errors.ModelNotFoundException;
import io.gitmodel.registry.errors.VersionNotFoundException;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.RepoState;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** References that name nothing: clear errors that say what exists, and no change to the registry. */
@IsolatedGit
class ResolveErrorsTest {
    Path tmp;
    TestEnv env;
    Registry registry;
    Path artifact;
    ModelVersion v1;
    ModelVersion v2;

    @BeforeEach
    void setUp(TestEnv env) throws Exception {
        this.env = env;
        tmp = env.dir();
        registry = Registry.init(tmp.resolve("reg")).bare(true).config(env.config()).call();
        artifact = Files.writeString(tmp.resolve("model.bin"), "weights");
        v1 = registry.register("fraud").artifact(artifact).call();
        v2 = registry.register("fraud").artifact(artifact).call();
    }

    @AfterEach
    void tearDown() {
        registry.close();
    }

    @Test
    void unknownModel() {
        for (String ref : List.of("nosuch@v1", "nosuch@latest", "nosuch@production", "nosuch@production~2026-03-14")) {
            ModelNotFoundException e = assertThrows(ModelNotFoundException.class, () -> registry.resolve(ref), ref);
            assertEquals("nosuch", e.model());
            assertTrue(e.getMessage().contains("model nosuch does not exist"), e.getMessage());
            assertTrue(e.getMessage().contains("models: fraud"), e.getMessage());
        }
        ModelNotFoundException versions = assertThrows(ModelNotFoundException.class, () -> registry.versions("nosuch"));
        assertEquals("nosuch", versions.model());
    }

    @Test
    void unknownModelInAnEmptyRegistrySaysItIsEmpty() throws Exception {
        try (Registry empty = Registry.init(tmp.resolve("empty")).bare(true).config(env.config()).call()) {
            ModelNotFoundException e = assertThrows(ModelNotFoundException.class, () -> empty.resolve("fraud@v1"));
            assertTrue(e.getMessage().contains("no models yet"), e.getMessage());
            assertEquals(List.of(), empty.models());
        }
    }

    @Test
    void unknownVersion() {
        VersionNotFoundException e = assertThrows(VersionNotFoundException.class, () -> registry.resolve("fraud@v9"));
        assertEquals("fraud@v9", e.reference());
        assertTrue(e.getMessage().contains("version 9 of model fraud does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("v1 to v2"), e.getMessage());
        VersionNotFoundException big = assertThrows(VersionNotFoundException.class, () -> registry.resolve("fraud@v999999999"));
        assertEquals("fraud@v999999999", big.reference());
    }

    @Test
    void emptyStage() {
        VersionNotFoundException e = assertThrows(VersionNotFoundException.class, () -> registry.resolve("fraud@production"));
        assertEquals("fraud@production", e.reference());
        assertTrue(e.getMessage().contains("production"), e.getMessage());
        assertTrue(e.getMessage().contains("no version of fraud"), e.getMessage());
        VersionNotFoundException past = assertThrows(VersionNotFoundException.class,
                () -> registry.resolve("fraud@production~2026-03-14T10:00Z"));
        assertEquals("fraud@production~2026-03-14T10:00:00Z", past.reference());
    }

    @Test
    void knownReferencesResolve() throws Exception {
        assertEquals(v1, registry.resolve("fraud@v1"));
        assertEquals(v2, registry.resolve("fraud@v2"));
        assertEquals(v2, registry.resolve("fraud@latest"));
        assertEquals(List.of(v1, v2), registry.versions("fraud"));
    }

    @Test
    void openArtifactThatTheVersionDoesNotHave() {
        ArtifactNotFoundException e = assertThrows(ArtifactNotFoundException.class, () -> registry.openArtifact(v1, "other.bin"));
        assertEquals("fraud@v1", e.reference());
        assertEquals("other.bin", e.path());
        assertTrue(e.getMessage().contains("fraud@v1 has no artifact other.bin"), e.getMessage());
        assertTrue(e.getMessage().contains("model.bin"), e.getMessage());
    }

    @Test
    void unknownParentModelChangesNothing() throws Exception {
        RepoState before = RepoState.capture(registry.gitDirectory());
        ModelNotFoundException e = assertThrows(ModelNotFoundException.class,
                () -> registry.register("child").artifact(artifact).parent("nosuch@v1").call());
        assertEquals("nosuch", e.model());
        RepoState.assertUnchanged(before, registry.gitDirectory());
        assertThrows(ModelNotFoundException.class, () -> registry.resolve("child@latest"));
    }

    @Test
    void unknownParentVersionChangesNothing() throws Exception {
        RepoState before = RepoState.capture(registry.gitDirectory());
        VersionNotFoundException e = assertThrows(VersionNotFoundException.class,
                () -> registry.register("fraud").artifact(artifact).parent("fraud@v3").call());
        assertEquals("fraud@v3", e.reference());
        assertThrows(VersionNotFoundException.class,
                () -> registry.register("child").artifact(artifact).parent("fraud@staging").call());
        RepoState.assertUnchanged(before, registry.gitDirectory());
        assertEquals(List.of(v1, v2), registry.versions("fraud"));
    }

    @Test
    void parentsAreRecordedAsExactReferences() throws Exception {
        ModelVersion child = registry.register("child").artifact(artifact).parent("fraud@latest").parent("fraud@v1").call();
        assertEquals(List.of(ModelRef.parse("fraud@v2"), ModelRef.parse("fraud@v1")), child.lineage().parents());
        assertEquals(child, registry.resolve("child@v1"));
    }
}
