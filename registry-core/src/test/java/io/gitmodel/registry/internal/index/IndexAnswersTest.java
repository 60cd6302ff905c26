package io.gitmodel.registry.internal.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The index does answer (a document changed behind its back, checksums and all, is what a read
 * returns), and verify, which reads every version from Git, finds the difference and removes it.
 */
@IsolatedGit
class IndexAnswersTest {
    @Test
    void readsComeFromTheIndexAndVerifyRemovesOneThatLies(TestEnv env) throws Exception {
        Path dir = env.dir().resolve("reg");
        Path w = Files.writeString(env.dir().resolve("w.bin"), "w");
        Path index = dir.resolve("git-model/index");
        try (Registry r = Registry.init(dir).bare(true).signed(false).config(env.config()).call()) {
            r.register("fraud").artifact(w).metric("auc", 0.8).call();
            assertEquals(0.8, r.resolve("fraud@v1").metrics().get("auc"));
        }
        IndexFile file = IndexFile.open(index.resolve(IndexFile.NAME));
        IndexData data = file.toData();
        ModelEntry entry = data.models().get("fraud");
        VersionEntry v1 = entry.versions().get(1);
        assertTrue(v1.hasDoc(), "the registration stored its document");
        ModelVersion real;
        DocStore.Reader docs = new DocStore(index.resolve(DocStore.NAME)).reader();
        real = io.gitmodel.registry.internal.format.ModelYaml.fromMap(io.gitmodel.registry.internal.format.Json.readObject(
                new String(docs.read(v1), java.nio.charset.StandardCharsets.UTF_8), "doc"), "doc", v1.commit().name());
        ModelVersion lie = new ModelVersion(real.name(), real.version(), real.commit(), real.description(), real.created(),
                real.createdBy(), Map.of("auc", 0.99), real.params(), real.tags(), real.lineage(), real.artifacts(), real.extensions());
        byte[] doc = IndexStore.encode(lie);
        long offset = new DocStore(index.resolve(DocStore.NAME)).append(doc)[0];
        TreeMap<Integer, VersionEntry> versions = new TreeMap<>(entry.versions());
        versions.put(1, new VersionEntry(1, v1.commit(), offset, doc.length, DocStore.crc(doc)));
        TreeMap<String, ModelEntry> models = new TreeMap<>(data.models());
        models.put("fraud", entry.withVersions(versions));
        Files.write(index.resolve(IndexFile.NAME), IndexFile.encode(new IndexData(data.key(), data.policyBlob(),
                data.declaredStages(), data.policyCommits(), data.docsGeneration(), models)));

        try (Registry r = Registry.open(dir, env.config())) {
            assertEquals(0.99, r.resolve("fraud@v1").metrics().get("auc"), "resolve answered from the index");
            assertEquals(0.99, r.versions("fraud").get(0).metrics().get("auc"), "and so did the listing");
            assertEquals(List.of(), r.verify().call().findings(), "derived data is no violation of the registry");
            assertTrue(Files.notExists(index.resolve(IndexFile.NAME)), "verify removed the index that disagreed");
            assertEquals(0.8, r.resolve("fraud@v1").metrics().get("auc"), "rebuilt from Git");
        }
    }
}
