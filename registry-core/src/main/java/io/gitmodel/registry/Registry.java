package io.gitmodel.registry;

import io.gitmodel.registry.errors.ArtifactMissingException;
import io.gitmodel.registry.errors.ArtifactNotFoundException;
import io.gitmodel.registry.errors.RegistryConfigurationException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.errors.VersionNotFoundException;
import io.gitmodel.registry.internal.config.GitConfigLoader;
import io.gitmodel.registry.errors.StageNotFoundException;
import io.gitmodel.registry.internal.format.PolicyYaml;
import io.gitmodel.registry.internal.lfs.LfsObjectStore;
import io.gitmodel.registry.internal.sign.SignatureChecker;
import io.gitmodel.registry.internal.stage.StageFile;
import io.gitmodel.registry.internal.stage.StageReader;
import java.time.Instant;
import io.gitmodel.registry.internal.store.RegistryLayout;
import io.gitmodel.registry.internal.store.RegistryReader;
import io.gitmodel.registry.internal.store.RepositoryOpener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * A model registry stored in a Git repository: the entry point of the library.
 *
 * <p>Open one with {@link #open(Path)} (it owns the repository and {@link #close()} closes it),
 * create one with {@link #init(Path)}, or borrow an open JGit repository with
 * {@link #wrap(Repository, RegistryConfig)}. Write operations are single-use command objects
 * ({@link #register(String)}); reads are plain methods returning immutable values.
 *
 * <pre>{@code
 * try (Registry registry = Registry.open(Path.of("/srv/models"))) {
 *     ModelVersion v = registry.register("fraud")
 *             .artifact(Path.of("build/model.onnx"))
 *             .metric("auc", 0.94)
 *             .call();
 *     try (InputStream in = registry.openArtifact(v, "model.onnx")) { ... }
 * }
 * }</pre>
 *
 * <p>A {@code Registry} is thread-safe; the commands it hands out are not. Several registries,
 * threads or processes may write to one repository at once: every write is a compare-and-swap
 * of refs, retried on fresh state when another writer won the race.
 */
public final class Registry implements AutoCloseable {
    private final Repository repo;
    private final boolean owned;
    private final RegistryConfig config;
    private final RegistryReader reader;
    private final StageReader stages;
    private final LfsObjectStore store;
    private final Path directory;

    Registry(Repository repo, boolean owned, String branch, RegistryConfig config) {
        this.repo = repo;
        this.owned = owned;
        this.config = config;
        this.directory = RepositoryOpener.displayDirectory(repo);
        this.reader = new RegistryReader(repo, branch, directory);
        this.stages = new StageReader(repo, reader);
        this.store = new LfsObjectStore(repo.getDirectory().toPath());
    }

    /** Starts creating a registry in {@code directory} (new, or an existing Git repository). */
    public static InitCommand init(Path directory) {
        return new InitCommand(directory);
    }

    /** Starts cloning the registry at {@code url} (a local path or {@code file://} URL) into {@code directory}. */
    public static CloneCommand cloneFrom(String url, Path directory) {
        return new CloneCommand(url, directory);
    }

    /** Opens the registry in {@code directory} (a bare repository, a working tree or a directory inside one). */
    public static Registry open(Path directory) throws RegistryException {
        return open(directory, RegistryConfig.defaults());
    }

    /** Opens the registry in {@code directory} with a configuration. */
    public static Registry open(Path directory, RegistryConfig config) throws RegistryException {
        Repository repo = RepositoryOpener.open(directory);
        return checked(repo, true, config);
    }

    /** Uses an already open repository; the caller keeps ownership and closes it. */
    public static Registry wrap(Repository repository, RegistryConfig config) throws RegistryException {
        return checked(Objects.requireNonNull(repository, "repository"), false, config);
    }

    /** Opens a registry on a repository this library created or opened; the registry owns it. */
    static Registry wrapOwned(Repository repo, String branch, RegistryConfig config) throws RegistryException {
        Registry registry = new Registry(repo, true, branch, config);
        try {
            registry.reader.checkFormat();
            return registry;
        } catch (RegistryException | RuntimeException e) {
            registry.close();
            throw e;
        }
    }

    private static Registry checked(Repository repo, boolean owned, RegistryConfig config) throws RegistryException {
        if (owned) {
            return wrapOwned(repo, RepositoryOpener.branchOf(repo), config);
        }
        Registry registry = new Registry(repo, false, RepositoryOpener.branchOf(repo), config);
        registry.reader.checkFormat();
        return registry;
    }

    /** The directory shown to users: the working tree, or the Git directory of a bare registry. */
    public Path directory() {
        return directory;
    }

    /** The Git directory ({@code .git} or the bare repository). */
    public Path gitDirectory() {
        return repo.getDirectory().toPath();
    }

    /** The registry branch, e.g. {@code main}. */
    public String branch() {
        return reader.branch();
    }

    public RegistryConfig config() {
        return config;
    }

    /** Starts registering a new version of {@code model}. */
    public RegisterCommand register(String model) {
        return new RegisterCommand(this, ModelName.of(model));
    }

    /** Resolves a reference such as {@code fraud@v2} or {@code fraud@latest}. */
    public ModelVersion resolve(String reference) throws RegistryException {
        return resolve(ModelRef.parse(reference));
    }

    /** Resolves a reference to the version it names. */
    public ModelVersion resolve(ModelRef ref) throws RegistryException {
        ModelName name = ref.name();
        if (ref.selector() instanceof ModelRef.Exact exact) {
            return reader.read(name, exact.version());
        }
        if (ref.selector() instanceof ModelRef.Latest) {
            TreeMap<Integer, ObjectId> tags = reader.versionTags(name);
            if (tags.isEmpty()) {
                throw reader.notFound(name);
            }
            return reader.readAt(name, tags.lastKey(), tags.lastEntry().getValue());
        }
        ModelRef.Stage stage = (ModelRef.Stage) ref.selector();
        if (reader.versionTags(name).isEmpty()) {
            throw reader.notFound(name);
        }
        RegistryPolicy policy = policy();
        if (policy.stage(stage.stage()).isEmpty() && stages.head(stage.stage()) == null) {
            throw new StageNotFoundException(stage.stage(), "stage '" + stage.stage() + "' does not exist; stages: "
                    + String.join(", ", policy.stageNames()));
        }
        ObjectId commit = stage.at() == null ? stages.head(stage.stage()) : stages.commitAt(stage.stage(), stage.at());
        Optional<StageFile> held = stages.readAt(commit, stage.stage(), name);
        if (held.isEmpty() || held.get().versions().isEmpty()) {
            throw new VersionNotFoundException(ref.toString(), stage.stage() + " held no version of " + name
                    + (stage.at() == null ? " (nothing promoted there yet)" : " at " + stage.at()));
        }
        List<Integer> versions = held.get().versions();
        return reader.read(name, versions.get(versions.size() - 1));
    }

    /**
     * Who this registry acts as: the configured identity, else git's author identity
     * ({@code GIT_AUTHOR_NAME}/{@code GIT_AUTHOR_EMAIL}, {@code user.name}/{@code user.email}).
     *
     * @throws io.gitmodel.registry.errors.RegistryConfigurationException if none is configured
     */
    public Person identity() throws RegistryException {
        return io.gitmodel.registry.internal.config.IdentityResolver.resolve(config.identity(), config.environment(), gitConfig());
    }

    /** The rules of this registry, from registry.yaml on the registry branch. */
    public RegistryPolicy policy() throws RegistryException {
        return PolicyYaml.read(reader.checkFormat(), branch() + ":" + io.gitmodel.registry.internal.format.RegistryYaml.FILE);
    }

    /** Starts promoting {@code ref} (e.g. {@code fraud@v3}) to {@code stage}; set a reason, then call it. */
    public PromoteCommand promote(String ref, String stage) {
        return new PromoteCommand(this, ref, stage);
    }

    /** Starts removing a model (or, in a multi-valued stage, one version) from a stage. */
    public DemoteCommand demote(String modelOrRef, String stage) {
        return new DemoteCommand(this, modelOrRef, stage, "demote");
    }

    /** Starts rolling a single-slot stage back to the version it held before the current one. */
    public RollbackCommand rollback(String model, String stage) {
        return new RollbackCommand(this, model, stage);
    }

    /** Starts archiving a version (it is kept forever, with its artifacts). */
    public ArchiveCommand archive(String ref) {
        return new ArchiveCommand(this, ref);
    }

    /**
     * Starts deleting a version registered by mistake: only if it was never in any stage and never
     * published. Anything that was ever staged is archived instead.
     */
    public DeleteCommand delete(String ref) {
        return new DeleteCommand(this, ref);
    }

    /** The configured remotes. */
    public List<Remote> remotes() {
        return io.gitmodel.registry.internal.transport.Remotes.list(repo);
    }

    /** Adds a remote ({@code remote.<name>.url} in the repository config). */
    public Remote addRemote(String name, String url) throws RegistryException {
        Remote remote = new Remote(name, url);
        io.gitmodel.registry.internal.transport.Remotes.add(repo, remote);
        return remote;
    }

    /** Removes a remote. */
    public void removeRemote(String name) throws RegistryException {
        io.gitmodel.registry.internal.transport.Remotes.remove(repo, name);
    }

    /** Starts pushing to a remote. */
    public PushCommand push(String remote) {
        return new PushCommand(this, remote);
    }

    /** Starts pulling from a remote (fetch and integrate). */
    public PullCommand pull(String remote) {
        return new PullCommand(this, remote);
    }

    /** Starts taking a version out of the archive. */
    public DemoteCommand restore(String ref) {
        return new DemoteCommand(this, ref, RegistryPolicy.ARCHIVED, "restore");
    }

    /** Starts promoting several versions to one stage in a single commit, all or nothing. */
    public ReleaseCommand release(String stage, List<String> refs) {
        return new ReleaseCommand(this, stage, refs);
    }

    /**
     * What every stage holds of every model, now ({@code at == null}) or at an instant, by the
     * stage branches' history.
     */
    public List<StageAssignment> status(Instant at) throws RegistryException {
        List<StageAssignment> out = new ArrayList<>();
        for (String stage : stageNames()) {
            ObjectId commit = at == null ? stages.head(stage) : stages.commitAt(stage, at);
            for (ModelName model : stages.modelsAt(commit)) {
                Optional<StageFile> f = stages.readAt(commit, stage, model);
                if (f.isPresent() && !f.get().versions().isEmpty()) {
                    out.add(new StageAssignment(model, stage, f.get().versions()));
                }
            }
        }
        List<String> order = stageNames();
        out.sort(java.util.Comparator.comparing((StageAssignment a) -> a.model().value())
                .thenComparing(a -> order.indexOf(a.stage())));
        return out;
    }

    /**
     * A model's whole life in time order: registrations and every stage change on every stage,
     * with who, when, why and each stage commit's verified signature.
     */
    public List<ModelEvent> history(String model) throws RegistryException {
        ModelName name = ModelName.of(model);
        List<ModelEvent> events = new ArrayList<>();
        for (ModelVersion v : versions(model)) {
            events.add(registration(v));
        }
        SignatureChecker checker = signatureChecker();
        for (String stage : stageNames()) {
            events.addAll(stages.events(stage, name, checker::check));
        }
        events.sort(java.util.Comparator.comparing(ModelEvent::at)
                .thenComparing(e -> e.action().equals("register") ? 0 : 1));
        return events;
    }

    /** Every change of one stage, oldest first. */
    public List<ModelEvent> log(String stage) throws RegistryException {
        new ModelRef.Stage(stage, null);
        if (policy().stage(stage).isEmpty() && stages.head(stage) == null) {
            throw new StageNotFoundException(stage, "stage '" + stage + "' does not exist; stages: "
                    + String.join(", ", policy().stageNames()));
        }
        SignatureChecker checker = signatureChecker();
        return stages.events(stage, null, checker::check);
    }

    private static ModelEvent registration(ModelVersion v) {
        Person by = parsePerson(v.createdBy());
        return new ModelEvent("register", v.name(), v.version(), "", 0, v.description(), List.of(), by, v.created(),
                v.commit(), SignatureCheck.unsigned(), List.of());
    }

    private static Person parsePerson(String text) {
        int lt = text.lastIndexOf('<');
        if (lt > 0 && text.endsWith(">")) {
            return new Person(text.substring(0, lt).trim(), text.substring(lt + 1, text.length() - 1));
        }
        return new Person(text.isBlank() ? "unknown" : text, "");
    }

    /** Declared stages, then any stage branch that exists without being declared. */
    private List<String> stageNames() throws RegistryException {
        List<String> names = new ArrayList<>(policy().stageNames());
        try {
            for (org.eclipse.jgit.lib.Ref r : repo.getRefDatabase().getRefsByPrefix(StageReader.PREFIX)) {
                String stage = r.getName().substring(StageReader.PREFIX.length());
                if (!names.contains(stage)) {
                    names.add(stage);
                }
            }
        } catch (IOException e) {
            throw new RegistryIOException("cannot list the stage branches of " + directory, e);
        }
        return names;
    }

    SignatureChecker signatureChecker() throws RegistryException {
        return new SignatureChecker(repo, gitConfig(), config.environment(), new GitConfigLoader(config.environment()).home(),
                policy().allowedSigners());
    }

    StageReader stages() {
        return stages;
    }

    /** The names of all models, sorted. */
    public List<ModelName> models() throws RegistryException {
        return reader.models();
    }

    /** Every version of a model, oldest first. */
    public List<ModelVersion> versions(String model) throws RegistryException {
        ModelName name = ModelName.of(model);
        TreeMap<Integer, ObjectId> tags = reader.versionTags(name);
        if (tags.isEmpty()) {
            throw reader.notFound(name);
        }
        List<ModelVersion> out = new ArrayList<>(tags.size());
        for (Map.Entry<Integer, ObjectId> e : tags.entrySet()) {
            out.add(reader.readAt(name, e.getKey(), e.getValue()));
        }
        return out;
    }

    /**
     * Opens an artifact of a version for reading. The stream checks size and sha256 when it
     * reaches the end and throws {@link io.gitmodel.registry.errors.ArtifactIntegrityException}
     * on a mismatch; read it to the end before trusting the bytes.
     *
     * @throws ArtifactMissingException if the bytes are not in the local store
     */
    public InputStream openArtifact(ModelVersion version, String path) throws RegistryException {
        Artifact artifact = artifact(version, ArtifactPath.of(path));
        try {
            fetchIfMissing(version, artifact);
            return store.open(artifact.oid(), artifact.size(), version.ref() + ":" + artifact.path());
        } catch (IOException e) {
            throw new RegistryIOException("cannot open " + version.ref() + ":" + path, e);
        }
    }

    /** Starts exporting a version's artifacts to a directory. */
    public ExportCommand exportArtifacts(ModelVersion version, Path targetDirectory) {
        return new ExportCommand(this, version, targetDirectory);
    }

    static Artifact artifact(ModelVersion version, ArtifactPath path) throws ArtifactNotFoundException {
        Optional<Artifact> artifact = version.artifact(path);
        if (artifact.isEmpty()) {
            throw new ArtifactNotFoundException(version.ref().toString(), path.value(), version.ref() + " has no artifact "
                    + path + "; its artifacts are: " + (version.artifacts().isEmpty() ? "(none)"
                            : String.join(", ", version.artifacts().stream().map(a -> a.path().value()).toList())));
        }
        return artifact.get();
    }

    /**
     * After a metadata-only pull, fetches a missing artifact from the remote it came from
     * ({@code gitmodel.lazyRemote}), verified against its sha256.
     */
    void fetchIfMissing(ModelVersion version, Artifact artifact) throws RegistryException {
        if (store.contains(artifact.oid(), artifact.size())) {
            return;
        }
        String lazy = repo.getConfig().getString(RegistryLayout.CONFIG_SECTION, null,
                io.gitmodel.registry.internal.transport.Remotes.LAZY_REMOTE);
        if (lazy == null) {
            return;
        }
        Remote remote = io.gitmodel.registry.internal.transport.Remotes.get(repo, lazy);
        new io.gitmodel.registry.internal.transport.ArtifactTransfer(repo, store, ProgressListener.NONE)
                .downloadOne(artifact, version.ref() + ":" + artifact.path(), io.gitmodel.registry.internal.transport.Remotes.lfs(repo, remote, config.environment()), remote.name());
    }

    LfsObjectStore store() {
        return store;
    }

    RegistryReader reader() {
        return reader;
    }

    Repository repository() {
        return repo;
    }

    /** The Git configuration git itself would use for this repository. */
    Config gitConfig() throws RegistryException {
        try {
            return new GitConfigLoader(config.environment()).load(gitDirectory());
        } catch (IOException e) {
            throw new RegistryIOException("cannot read the Git configuration of " + directory, e);
        } catch (ConfigInvalidException e) {
            throw new RegistryConfigurationException("the Git configuration of " + directory + " is invalid: " + e.getMessage());
        }
    }

    static String branchRef(Registry r) {
        return RegistryLayout.branchRef(r.branch());
    }

    /** The version of this git-model library, e.g. {@code 0.1.0}. */
    public static String libraryVersion() {
        try (InputStream in = Registry.class.getResourceAsStream("version.properties")) {
            java.util.Properties p = new java.util.Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Closes the repository if this registry opened it. */
    @Override
    public void close() {
        if (owned) {
            repo.close();
        }
    }

    @Override
    public String toString() {
        return "Registry[" + directory + ", branch " + branch() + "]";
    }
}
