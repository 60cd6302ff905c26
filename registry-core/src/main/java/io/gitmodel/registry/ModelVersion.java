package io.gitmodel.registry;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One registered version of a model, as recorded in its {@code model.yaml}, plus the commit
 * that registered it. Immutable.
 *
 * @param name the model
 * @param version the version number, from 1
 * @param commit the id of the registration commit (40 hex digits)
 * @param description free text, possibly empty
 * @param created when the version was registered (UTC)
 * @param createdBy who registered it
 * @param metrics metric name to finite value
 * @param params parameter name to a {@link String}, {@link Boolean}, {@link Long} or {@link Double}
 * @param tags tag name to value
 * @param lineage data sets, source code, parents, environment
 * @param artifacts the artifact files, sorted by path
 * @param extensions top-level keys of model.yaml this version of git-model does not know, kept on round trip
 */
public record ModelVersion(ModelName name, int version, String commit, String description, Instant created,
        Person createdBy, Map<String, Double> metrics, Map<String, Object> params, Map<String, String> tags,
        Lineage lineage, List<Artifact> artifacts, Map<String, Object> extensions) {

    public ModelVersion {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(lineage, "lineage");
        description = description == null ? "" : description;
        if (version < 1) {
            throw new IllegalArgumentException("version " + version + " of " + name + " is invalid: versions start at 1");
        }
        metrics = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(metrics, "metrics")));
        params = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(params, "params")));
        tags = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(tags, "tags")));
        MetadataRules.checkAll(metrics, params, tags);
        artifacts = List.copyOf(artifacts.stream().sorted((a, b) -> a.path().compareTo(b.path())).toList());
        extensions = Values.immutableTree(new LinkedHashMap<>(Objects.requireNonNull(extensions, "extensions")));
    }

    /** The exact reference of this version, e.g. {@code fraud@v3}. */
    public ModelRef ref() {
        return ModelRef.of(name, version);
    }

    /** The artifact at {@code path}, if this version has one. */
    public Optional<Artifact> artifact(ArtifactPath path) {
        return artifacts.stream().filter(a -> a.path().equals(path)).findFirst();
    }

    /**
     * This version as the ordered document of its model.yaml, plus {@code ref} and {@code commit}
     * first: the shape of {@code git-model show --json}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("ref", ref().toString());
        map.put("commit", commit);
        map.putAll(io.gitmodel.registry.internal.format.ModelYaml.toMap(this));
        return Collections.unmodifiableMap(map);
    }

    /** The text of this version's model.yaml. */
    public String toYaml() {
        return io.gitmodel.registry.internal.format.ModelYaml.write(this);
    }

    /** Total size of all artifacts, in bytes. */
    public long totalArtifactSize() {
        return artifacts.stream().mapToLong(Artifact::size).sum();
    }
}
