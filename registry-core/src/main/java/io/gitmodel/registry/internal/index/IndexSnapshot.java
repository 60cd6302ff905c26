package io.gitmodel.registry.internal.index;

import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.StageName;
import io.gitmodel.registry.errors.CorruptMetadataException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.internal.format.Json;
import io.gitmodel.registry.internal.format.ModelYaml;
import io.gitmodel.registry.internal.store.RegistryReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;

/**
 * One index, current for the refs when it was obtained: the answers of one read. Versions whose
 * document is not stored yet (or does not read back) are read from Git and stored for next time.
 * An index found damaged is removed and {@link Unusable} thrown: the caller reads Git instead.
 */
public final class IndexSnapshot {
    /** The index turned out damaged in the middle of a read; it was removed. Read Git instead. */
    public static final class Unusable extends RuntimeException {
        Unusable(String message) {
            super(message, null, false, false);
        }
    }

    private final IndexFile file;
    private final IndexStore store;
    private final RegistryIndex index;
    private final RegistryReader reader;

    IndexSnapshot(IndexFile file, IndexStore store, RegistryIndex index, RegistryReader reader) {
        this.file = file;
        this.store = store;
        this.index = index;
        this.reader = reader;
    }

    /** The registry branch tip this index answers for. */
    public ObjectId registryTip() {
        return file.key().registry();
    }

    /** The id of registry.yaml at the registry tip. */
    public ObjectId policyBlob() {
        return file.policyBlob();
    }

    /** The stages registry.yaml declares, in its order. */
    public List<StageName> declaredStages() {
        return file.declaredStages().stream().map(StageName::of).toList();
    }

    /** The stages that have a branch, sorted by name. */
    public List<StageName> stageBranches() {
        return file.key().stages().keySet().stream().map(StageName::of).toList();
    }

    /** The stage branch's tip, or null if the stage has no branch. */
    public ObjectId stageTip(StageName stage) {
        return file.key().stages().get(stage.value());
    }

    /** The models that have at least one version, sorted. */
    public List<ModelName> models() throws RegistryException {
        List<ModelName> out = new ArrayList<>();
        try {
            for (String name : file.modelNames(true)) {
                out.add(new ModelName(name));
            }
        } catch (IndexFile.Corrupt e) {
            throw corrupt(e);
        }
        return out;
    }

    /** The model's highest version number, if it has versions. */
    public OptionalInt latest(ModelName model) throws RegistryException {
        ModelEntry e = entry(model);
        return e == null || e.versions().isEmpty() ? OptionalInt.empty() : OptionalInt.of(e.versions().lastKey());
    }

    /** What the stage holds of the model now (empty: nothing). */
    public List<Integer> held(StageName stage, ModelName model) throws RegistryException {
        ModelEntry e = entry(model);
        return e == null ? List.of() : e.held().getOrDefault(stage.value(), List.of());
    }

    /** Every stage's holdings: stage to model to versions held, models sorted. */
    public Map<StageName, Map<ModelName, List<Integer>>> holdings() throws RegistryException {
        Map<StageName, Map<ModelName, List<Integer>>> out = new LinkedHashMap<>();
        for (StageName stage : stageBranches()) {
            out.put(stage, new TreeMap<>());
        }
        try {
            for (Map.Entry<String, Map<String, List<Integer>>> e : file.heldByModel().entrySet()) {
                for (Map.Entry<String, List<Integer>> h : e.getValue().entrySet()) {
                    out.get(StageName.of(h.getKey())).put(new ModelName(e.getKey()), h.getValue());
                }
            }
        } catch (IndexFile.Corrupt e) {
            throw corrupt(e);
        }
        return out;
    }

    /** The version, or empty if the index does not have it (then Git has the last word). */
    public Optional<ModelVersion> version(ModelName model, int number) throws RegistryException {
        ModelEntry e = entry(model);
        VersionEntry v = e == null ? null : e.versions().get(number);
        if (v == null) {
            return Optional.empty();
        }
        ModelVersion stored = decode(model, v);
        if (stored != null) {
            return Optional.of(stored);
        }
        ModelVersion read = reader.readAt(model, number, v.commit());
        index.storeDocs(file, model, Map.of(number, read));
        return Optional.of(read);
    }

    /** The version as its stored document says, without reading Git: empty if it is not stored. */
    public Optional<ModelVersion> storedVersion(ModelName model, int number) throws RegistryException {
        ModelEntry e = entry(model);
        VersionEntry v = e == null ? null : e.versions().get(number);
        return v == null ? Optional.empty() : Optional.ofNullable(decode(model, v));
    }

    /** Every version of the model, oldest first, or empty if the index has none. */
    public Optional<List<ModelVersion>> versions(ModelName model) throws RegistryException {
        ModelEntry e = entry(model);
        if (e == null || e.versions().isEmpty()) {
            return Optional.empty();
        }
        TreeMap<Integer, ModelVersion> out = new TreeMap<>();
        Map<Integer, ObjectId> missing = new TreeMap<>();
        for (VersionEntry v : e.versions().values()) {
            ModelVersion stored = decode(model, v);
            if (stored != null) {
                out.put(v.number(), stored);
            } else {
                missing.put(v.number(), v.commit());
            }
        }
        if (!missing.isEmpty()) {
            Map<Integer, ModelVersion> read = new TreeMap<>();
            for (ModelVersion m : reader.readAll(model, missing)) {
                read.put(m.version(), m);
            }
            out.putAll(read);
            index.storeDocs(file, model, read);
        }
        return Optional.of(List.copyOf(out.values()));
    }

    private ModelEntry entry(ModelName model) throws RegistryException {
        try {
            return file.model(model.value());
        } catch (IndexFile.Corrupt e) {
            throw corrupt(e);
        }
    }

    /** The stored document as a version, or null when it is not stored or does not read back as that version. */
    private ModelVersion decode(ModelName model, VersionEntry v) {
        try {
            byte[] doc = store.doc(file, v);
            if (doc == null) {
                return null;
            }
            String what = "registry index document of " + model + "@v" + v.number();
            ModelVersion m = ModelYaml.fromMap(Json.readObject(new String(doc, StandardCharsets.UTF_8), what), what,
                    v.commit().name());
            return m.name().equals(model) && m.version() == v.number() ? m : null;
        } catch (IOException | CorruptMetadataException | RuntimeException e) {
            return null;
        }
    }

    private Unusable corrupt(IndexFile.Corrupt e) {
        index.drop();
        return new Unusable("the registry index in " + index.directory() + " is damaged (" + e.getMessage()
                + "); it was removed and is built again from Git on the next read");
    }
}
