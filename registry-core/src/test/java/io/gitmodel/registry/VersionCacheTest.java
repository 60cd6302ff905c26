package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Listing versions keeps parsed model.yaml documents in a derived cache under the git directory:
 * what it lists is the same with or without it, and a damaged or foreign cache is ignored and rebuilt.
 */
@IsolatedGit
class VersionCacheTest {
    @Test
    void listingIsTheSameFromTheCacheAndWithoutIt(TestEnv env) throws Exception {
        Path dir = env.dir().resolve("reg");
        Path w = Files.writeString(env.dir().resolve("w.bin"), "w");
        Path cache = dir.resolve("git-model/cache/versions/fraud.json");
        try (Registry r = Registry.init(dir).bare(true).signed(false).config(env.config()).call()) {
            r.register("fraud").artifact(w).metric("auc", 0.9).metric("loss", 1.0).param("lr", 0.01).param("epochs", 20L)
                    .param("warm", true).param("opt", "adam").tag("team", "risk").dataset("s3://d", "sha256:" + "a".repeat(64))
                    .library("torch", "2.5.0").extension("x-owner", java.util.Map.of("team", "risk", "ids", List.of(1L, 2L)))
                    .description("first\nsecond line").modelCard("# card").call();
            r.register("fraud").artifact("m/model.onnx", w).parent("fraud@v1").call();
            List<ModelVersion> parsed = r.versions("fraud");
            assertTrue(Files.isRegularFile(cache), "the first listing writes the cache");
            List<ModelVersion> cached = r.versions("fraud");
            assertEquals(parsed, cached, "the same versions, value for value");
            assertEquals(parsed.stream().map(ModelVersion::toYaml).toList(), cached.stream().map(ModelVersion::toYaml).toList());

            Files.writeString(cache, "{ not json");
            assertEquals(parsed, r.versions("fraud"), "a damaged cache is ignored");
            assertTrue(Files.readString(cache).startsWith("{\"format\":1,\"model\":\"fraud\""), "and written again");

            String foreign = Files.readString(cache).replace("\"version\":2", "\"version\":7");
            Files.writeString(cache, foreign);
            assertEquals(parsed, r.versions("fraud"), "an entry that does not hold the tagged version is not used");

            r.delete("fraud@v2").call();
            assertEquals(List.of(parsed.get(0)), r.versions("fraud"));
            assertTrue(!Files.readString(cache).contains(parsed.get(1).commit()), "a deleted version leaves the cache");
        }
        env.git().git(dir, "fsck", "--strict").ok();
    }

    @Test
    void verifyRemovesACacheThatDisagreesWithTheRegistry(TestEnv env) throws Exception {
        Path dir = env.dir().resolve("reg");
        Path w = Files.writeString(env.dir().resolve("w.bin"), "w");
        Path cache = dir.resolve("git-model/cache/versions/fraud.json");
        try (Registry r = Registry.init(dir).bare(true).signed(false).config(env.config()).call()) {
            r.register("fraud").artifact(w).metric("auc", 0.8).call();
            r.versions("fraud");
            Files.writeString(cache, Files.readString(cache).replace("0.8", "0.99"));
            assertEquals(0.99, r.versions("fraud").get(0).metrics().get("auc"), "a listing reads the cache it finds");
            assertEquals(List.of(), r.verify().call().findings(), "derived data is no violation of the registry");
            assertTrue(!Files.exists(cache), "verify read the registry itself and removed the cache that disagreed");
            assertEquals(0.8, r.versions("fraud").get(0).metrics().get("auc"));
        }
    }
}
