package io.gitmodel.registry;

import io.gitmodel.registry.errors.InvalidArtifactException;
import io.gitmodel.registry.errors.InvalidValueException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.internal.capture.SourceCapture;
import io.gitmodel.registry.internal.format.ModelYaml;
import io.gitmodel.registry.internal.lfs.LfsObjectStore;
import io.gitmodel.registry.internal.store.RegistryStore;
import io.gitmodel.registry.internal.store.VersionPublisher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Registers a new version of a model: stores its artifacts in the content-addressed store, then
 * publishes one commit and one annotated tag {@code <name>@v<N>} atomically. The version number is
 * assigned by the registry. Everything is validated before anything is written; a failure leaves
 * no visible trace.
 *
 * <p>Lineage is captured automatically: the Git repository of the training code around
 * {@link RegistryConfig#sourceDirectory()} (override with {@link #source(SourceCode)}), and the
 * Java runtime, OS and architecture (add library versions with {@link #library(String, String)}).
 */
public final class RegisterCommand extends RegistryCommand<ModelVersion> {
    private final Registry registry;
    private final ModelName name;
    private final List<ArtifactSources.Request> artifacts = new ArrayList<>();
    private String description = "";
    private final Map<String, Double> metrics = new TreeMap<>();
    private final Map<String, Object> params = new TreeMap<>();
    private final Map<String, String> tags = new TreeMap<>();
    private final List<Dataset> datasets = new ArrayList<>();
    private final List<ModelRef> parents = new ArrayList<>();
    private final Map<String, String> libraries = new TreeMap<>();
    private Optional<SourceCode> source;
    private Environment environment;
    private Person createdBy;
    private byte[] modelCard;
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private ProgressListener progress = ProgressListener.NONE;

    RegisterCommand(Registry registry, ModelName name) {
        this.registry = registry;
        this.name = name;
    }

    /**
     * Adds an artifact: a file (stored under its file name) or a directory (every file in it,
     * recursively, under its path relative to the directory). Symbolic links are rejected.
     */
    public RegisterCommand artifact(Path source) {
        artifacts.add(new ArtifactSources.Request(null, Objects.requireNonNull(source, "source")));
        return this;
    }

    /** Adds a file at {@code path}, or a directory's files under {@code path/}. */
    public RegisterCommand artifact(String path, Path source) {
        ArtifactPath.of(path);
        artifacts.add(new ArtifactSources.Request(path, Objects.requireNonNull(source, "source")));
        return this;
    }

    public RegisterCommand description(String description) {
        this.description = MetadataRules.checkText("description", Objects.requireNonNull(description, "description"));
        return this;
    }

    /** Records a metric; it must be a finite number. */
    public RegisterCommand metric(String key, double value) {
        metrics.put(key, MetadataRules.checkMetric(key, value));
        return this;
    }

    public RegisterCommand metrics(Map<String, ? extends Number> values) {
        values.forEach((k, v) -> metrics.put(k, MetadataRules.checkMetric(k, v)));
        return this;
    }

    /** Records a parameter: a string, boolean, integer or finite floating-point number. */
    public RegisterCommand param(String key, Object value) {
        params.put(key, MetadataRules.checkParam(key, value));
        return this;
    }

    public RegisterCommand params(Map<String, ?> values) {
        values.forEach(this::param);
        return this;
    }

    public RegisterCommand tag(String key, String value) {
        tags.put(key, MetadataRules.checkTag(key, value));
        return this;
    }

    public RegisterCommand tags(Map<String, String> values) {
        values.forEach(this::tag);
        return this;
    }

    /** Records a data set by URI and content digest ({@code sha256:<hex>}, or null if unknown). */
    public RegisterCommand dataset(String uri, String digest) {
        datasets.add(new Dataset(uri, digest));
        return this;
    }

    public RegisterCommand dataset(Dataset dataset) {
        datasets.add(Objects.requireNonNull(dataset, "dataset"));
        return this;
    }

    /** Records a parent model version (a model this one was derived from); it must exist. */
    public RegisterCommand parent(String reference) {
        parents.add(ModelRef.parse(reference));
        return this;
    }

    /** Overrides the captured source code; {@code null} records none. */
    public RegisterCommand source(SourceCode source) {
        this.source = Optional.ofNullable(source);
        return this;
    }

    /** Records the version of a library the model was trained with. */
    public RegisterCommand library(String library, String version) {
        MetadataRules.checkKey("library", library);
        libraries.put(library, MetadataRules.checkText("version of library " + library, version));
        return this;
    }

    /** Overrides the captured environment. */
    public RegisterCommand environment(Environment environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
        return this;
    }

    /** Overrides who registers (default: Git's author identity). */
    public RegisterCommand createdBy(Person person) {
        Objects.requireNonNull(person, "person");
        if (!person.isIdentity()) {
            throw new InvalidValueException("created_by \"" + person + "\" is not a Git identity: it becomes the"
                    + " registration commit's author, so give a name and an email (which may be empty)");
        }
        this.createdBy = person;
        return this;
    }

    /** Replaces the model card {@code models/<name>/README.md}; otherwise the current one is carried forward. */
    public RegisterCommand modelCard(String markdown) {
        this.modelCard = MetadataRules.checkText("model card", markdown).getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /**
     * Adds a top-level key to model.yaml that git-model itself does not interpret. The value is plain
     * data: text, a boolean, a number, or lists and text-keyed maps of these (see
     * {@link MetadataRules#checkExtension}); anything else is refused before anything is written.
     */
    public RegisterCommand extension(String key, Object value) {
        Objects.requireNonNull(value, "value");
        MetadataRules.checkKey("extension", key);
        if (ModelYaml.isKnownKey(key)) {
            throw new InvalidValueException("extension key \"" + key + "\" is a model.yaml key of git-model itself");
        }
        extensions.put(key, MetadataRules.checkExtension(key, value));
        return this;
    }

    public RegisterCommand progress(ProgressListener listener) {
        this.progress = Objects.requireNonNull(listener, "listener");
        return this;
    }

    @Override
    public ModelVersion call() throws RegistryException {
        checkCallable();
        RegistryStore store = registry.store();
        RegistryConfig config = store.config();
        Person who = createdBy != null ? createdBy : store.identity();
        List<ModelRef> resolvedParents = new ArrayList<>();
        for (ModelRef parent : parents) {
            resolvedParents.add(registry.resolve(parent).ref());
        }
        store.reader().numbering().currentVersion(name, store.reader().head()); // a corrupt model.yaml fails before bytes are stored
        List<ArtifactSources.Source> sources = ArtifactSources.expand(artifacts);
        List<Artifact> stored = store(sources);
        Lineage lineage = new Lineage(datasets, capturedSource(config), resolvedParents, capturedEnvironment(), Map.of());
        Instant created = store.now();
        ModelVersion published = new VersionPublisher(store).publish(name, who, number -> new ModelVersion(name, number,
                VersionPublisher.NO_COMMIT, description, created, who, metrics, params, tags, lineage, stored, extensions),
                Optional.ofNullable(modelCard));
        store.afterWrite();
        return published;
    }

    private List<Artifact> store(List<ArtifactSources.Source> sources) throws RegistryException {
        LfsObjectStore store = registry.store().objects();
        List<Artifact> out = new ArrayList<>();
        for (ArtifactSources.Source s : sources) {
            String task = "storing " + s.path();
            try (InputStream in = Files.newInputStream(s.file(), LinkOption.NOFOLLOW_LINKS)) {
                progress.update(task, 0, s.size());
                LfsObjectStore.Stored result = store.insert(in, done -> progress.update(task, done, s.size()));
                if (result.size() != s.size()) {
                    throw new InvalidArtifactException(s.file(), "artifact " + s.file() + " changed while it was read ("
                            + s.size() + " bytes before, " + result.size() + " after); register it again when it is complete");
                }
                out.add(new Artifact(s.path(), result.oid(), result.size(), ArtifactSources.mediaType(s.path())));
            } catch (IOException e) {
                throw new RegistryIOException("cannot store artifact " + s.file(), e);
            }
        }
        return out;
    }

    private SourceCode capturedSource(RegistryConfig config) {
        if (source != null) {
            return source.orElse(null);
        }
        return config.captureSource() ? SourceCapture.capture(config.sourceDirectory()).orElse(null) : null;
    }

    private Environment capturedEnvironment() {
        Environment env = environment != null ? environment : Environment.current().withLibrary("git-model", Registry.libraryVersion());
        for (Map.Entry<String, String> e : libraries.entrySet()) {
            env = env.withLibrary(e.getKey(), e.getValue());
        }
        return env;
    }
}
