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
    /** The documents this read uses, looked up on first need. */
    private volatile DocStore.Reader docs;
    /** From how many documents a read decodes them in parallel (JSON and the checks of every value). */
    private static final int PARALLEL_FROM = 2_000;
    /** Versions this read took from Git, by model and number: stored in one write when the read ends. */
    private final Map<String, Map<Integer, ModelVersion>> pending = new TreeMap<>();

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

    /** The commits that changed registry.yaml on the registry branch's first-parent line, oldest first. */
    public List<ObjectId> policyCommits() {
        return file.policyCommits();
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
        pending.computeIfAbsent(model.value(), k -> new TreeMap<>()).put(number, read);
        return Optional.of(read);
    }

    /** The version as its stored document says, without reading Git: empty if it is not stored. */
    public Optional<ModelVersion> storedVersion(ModelName model, int number) throws RegistryException {
        ModelEntry e = entry(model);
        VersionEntry v = e == null ? null : e.versions().get(number);
        return v == null ? Optional.empty() : Optional.ofNullable(decode(model, v));
    }

    private ModelVersion fromGit(ModelName model, VersionEntry v) throws RegistryException {
        ModelVersion read = reader.readAt(model, v.number(), v.commit());
        pending.computeIfAbsent(model.value(), k -> new TreeMap<>()).put(v.number(), read);
        return read;
    }

    /**
     * A version as the index stores it: the members of its document that filters name most
     * ({@link ModelYaml.Summary#MEMBERS}) parsed as plain data, and the whole version built from the
     * document (or read from Git if the document does not hold it) only when asked for.
     */
    public final class Stored {
        private final ModelName model;
        private final VersionEntry entry;
        private final Map<String, Object> document;
        private ModelVersion version;

        private Stored(ModelName model, VersionEntry entry, Map<String, Object> document, ModelVersion version) {
            this.model = model;
            this.entry = entry;
            this.document = document;
            this.version = version;
        }

        public ModelName model() {
            return model;
        }

        public int number() {
            return entry.number();
        }

        /** The summary members of the document as plain data (the index's, or the version's read from Git). */
        public Map<String, Object> document() {
            return document;
        }

        /** The version, checked and built from the document, else read from Git (and stored when the read ends). */
        public synchronized ModelVersion version() throws RegistryException {
            if (version == null) {
                version = decode(model, entry);
                if (version == null) {
                    version = fromGit(model, entry);
                }
            }
            return version;
        }
    }

    /**
     * The stored versions of each model (all, or only the newest), in the order of {@code models},
     * their documents parsed but not built into versions (in parallel when there are many); empty if
     * the index lacks one of the models.
     */
    public Optional<List<Stored>> storedOf(List<ModelName> models, boolean latestOnly) throws RegistryException {
        return storedOf(models, latestOnly, ModelYaml.Summary.MEMBERS);
    }

    /** As {@link #storedOf(List, boolean)}, parsing the document members {@code members}. */
    public Optional<List<Stored>> storedOf(List<ModelName> models, boolean latestOnly, java.util.Set<String> members)
            throws RegistryException {
        List<ModelName> owners = new ArrayList<>();
        List<VersionEntry> wanted = new ArrayList<>();
        for (ModelName m : models) {
            ModelEntry e = entry(m);
            if (e == null || e.versions().isEmpty()) {
                return Optional.empty();
            }
            for (VersionEntry v : latestOnly ? List.of(e.versions().get(e.versions().lastKey())) : e.versions().values()) {
                owners.add(m);
                wanted.add(v);
            }
        }
        Stored[] out = new Stored[wanted.size()];
        java.util.stream.IntStream range = java.util.stream.IntStream.range(0, out.length);
        (out.length >= PARALLEL_FROM ? range.parallel() : range)
                .forEach(i -> out[i] = new Stored(owners.get(i), wanted.get(i), members(owners.get(i), wanted.get(i), members), null));
        for (int i = 0; i < out.length; i++) {
            if (out[i].document == null) { // not stored yet: from Git now, stored when the read ends
                ModelVersion v = fromGit(owners.get(i), wanted.get(i));
                out[i] = new Stored(owners.get(i), wanted.get(i), ModelYaml.toMap(v), v);
            }
        }
        return Optional.of(List.of(out));
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
            pending.computeIfAbsent(model.value(), k -> new TreeMap<>()).putAll(read);
        }
        return Optional.of(List.copyOf(out.values()));
    }

    /** Stores the documents this read had to take from Git, so the next read finds them (best effort). */
    public void storeWhatWasRead() {
        if (!pending.isEmpty()) {
            index.storeDocs(file, pending);
            pending.clear();
        }
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
        Map<String, Object> doc = parse(model, v);
        return doc == null ? null : build(model, v, doc);
    }

    /** A stored document's bytes, through the reader this read looked up once (not once per document). */
    private byte[] bytes(VersionEntry v) throws IOException {
        DocStore.Reader reader = docs;
        if (reader == null) {
            reader = store.docs(file);
            if (reader == null) {
                return null;
            }
            docs = reader;
        }
        return reader.read(v);
    }

    /** The stored document as plain data, or null when it is not stored or does not read back. */
    private Map<String, Object> parse(ModelName model, VersionEntry v) {
        try {
            byte[] doc = bytes(v);
            return doc == null ? null : Json.readObject(new String(doc, StandardCharsets.UTF_8), what(model, v));
        } catch (IOException | CorruptMetadataException | RuntimeException e) {
            return null;
        }
    }

    /** Some members of the stored document, or null when it is not stored or does not read back. */
    private Map<String, Object> members(ModelName model, VersionEntry v, java.util.Set<String> members) {
        try {
            byte[] doc = bytes(v);
            return doc == null ? null : Json.readMembers(doc, members, what(model, v));
        } catch (IOException | CorruptMetadataException | RuntimeException e) {
            return null;
        }
    }

    /** The version built (and checked) from its document, or null if the document does not hold that version. */
    private static ModelVersion build(ModelName model, VersionEntry v, Map<String, Object> doc) {
        try {
            ModelVersion m = ModelYaml.fromMap(doc, what(model, v), v.commit().name());
            return m.name().equals(model) && m.version() == v.number() ? m : null;
        } catch (CorruptMetadataException | RuntimeException e) {
            return null;
        }
    }

    private static String what(ModelName model, VersionEntry v) {
        return "registry index document of " + model + "@v" + v.number();
    }

    private Unusable corrupt(IndexFile.Corrupt e) {
        index.drop();
        return new Unusable("the registry index in " + index.directory() + " is damaged (" + e.getMessage()
                + "); it was removed and is built again from Git on the next read");
    }
}
