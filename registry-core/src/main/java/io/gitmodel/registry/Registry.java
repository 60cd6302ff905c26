package io.gitmodel.registry;

import io.gitmodel.registry.errors.ArtifactMissingException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.internal.query.RegistryQueries;
import io.gitmodel.registry.internal.index.RegistryIndex;
import io.gitmodel.registry.internal.store.RegistryStore;
import io.gitmodel.registry.internal.store.RemoteConfig;
import io.gitmodel.registry.internal.store.RepositoryOpener;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
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
public final class Registry extends RegistryReads implements AutoCloseable {
    private final Repository repo;
    private final boolean owned;
    private final RegistryStore store;
    private final RegistryQueries queries;
    private final RegistryIndex index;

    Registry(Repository repo, boolean owned, String branch, RegistryConfig config) {
        this.repo = repo;
        this.owned = owned;
        this.store = new RegistryStore(repo, branch, config, config.refUpdateHook());
        this.index = new RegistryIndex(repo, branch, store.reader());
        store.onRefsMoved(index::refresh);
        this.queries = new RegistryQueries(store, index);
    }

    /** Starts creating a registry in {@code directory} (new, or an existing Git repository). */
    public static InitCommand init(Path directory) {
        return new InitCommand(directory);
    }

    /** Starts cloning the registry at {@code url} (a local path, {@code file://} or {@code http(s)://} URL) into {@code directory}. */
    public static CloneCommand cloneFrom(String url, Path directory) {
        return new CloneCommand(url, directory);
    }

    /**
     * Starts judging a push into the registry in {@code gitDirectory} before it is accepted (what
     * a pre-receive hook does); give it the pushed ref updates.
     */
    public static VerifyPushCommand verifyPush(Path gitDirectory) {
        return new VerifyPushCommand(gitDirectory);
    }

    /** Starts installing the pre-receive hook that verifies every push into the shared registry in {@code repository}. */
    public static InstallHookCommand installHook(Path repository) {
        return new InstallHookCommand(repository);
    }

    /** Opens the registry in {@code directory} (a bare repository, a working tree or a directory inside one). */
    public static Registry open(Path directory) throws RegistryException {
        return open(directory, RegistryConfig.defaults());
    }

    /** Opens the registry in {@code directory} with a configuration. */
    public static Registry open(Path directory, RegistryConfig config) throws RegistryException {
        Repository repo = RepositoryOpener.open(directory);
        return wrapOwned(repo, RepositoryOpener.branchOf(repo), config);
    }

    /** Uses an already open repository; the caller keeps ownership and closes it. */
    public static Registry wrap(Repository repository, RegistryConfig config) throws RegistryException {
        Objects.requireNonNull(repository, "repository");
        Registry registry = new Registry(repository, false, RepositoryOpener.branchOf(repository), config);
        registry.checkFormat();
        return registry;
    }

    /** Opens a registry on a repository this library created or opened; the registry owns it. */
    static Registry wrapOwned(Repository repo, String branch, RegistryConfig config) throws RegistryException {
        Registry registry = new Registry(repo, true, branch, config);
        try {
            registry.checkFormat();
            return registry;
        } catch (RegistryException | RuntimeException e) {
            registry.close();
            throw e;
        }
    }

    /**
     * Refuses a repository that is no registry this version can read. A current index was built
     * from a registry.yaml that passed this check, so with one nothing needs reading from Git.
     */
    private void checkFormat() throws RegistryException {
        if (index.current().isEmpty()) {
            store.reader().checkFormat();
        }
    }

    RegistryIndex index() {
        return index;
    }

    /** The directory shown to users: the working tree, or the Git directory of a bare registry. */
    public Path directory() {
        return store.directory();
    }

    /** The Git directory ({@code .git} or the bare repository). */
    public Path gitDirectory() {
        return store.gitDirectory();
    }

    /** The registry branch, e.g. {@code main}. */
    public String branch() {
        return store.branch();
    }

    public RegistryConfig config() {
        return store.config();
    }

    /** Starts importing a directory of hand-kept versions of {@code model}, one per subdirectory. */
    public ImportDirectoryCommand importDirectory(Path source, String model) {
        return new ImportDirectoryCommand(this, source, ModelName.of(model));
    }

    /** Starts importing a registry made by GTO (its Git tags and artifacts.yaml) from the repository in {@code source}. */
    public ImportGtoCommand importGto(Path source) {
        return new ImportGtoCommand(this, source);
    }

    /** Starts registering a new version of {@code model}. */
    public RegisterCommand register(String model) {
        return new RegisterCommand(this, ModelName.of(model));
    }

    /** Resolves a reference such as {@code fraud@v2}, {@code fraud@latest} or {@code fraud@production}. */
    @Override
    public ModelVersion resolve(String reference) throws RegistryException {
        return resolve(ModelRef.parse(reference));
    }

    /** Resolves a reference to the version it names. */
    public ModelVersion resolve(ModelRef ref) throws RegistryException {
        return queries.resolve(ref);
    }

    /**
     * Who this registry acts as: the configured identity, else git's author identity
     * ({@code GIT_AUTHOR_NAME}/{@code GIT_AUTHOR_EMAIL}, {@code user.name}/{@code user.email}).
     *
     * @throws io.gitmodel.registry.errors.RegistryConfigurationException if none is configured
     */
    public Person identity() throws RegistryException {
        return store.identity();
    }

    /** The rules of this registry, from registry.yaml on the registry branch. */
    public RegistryPolicy policy() throws RegistryException {
        return store.policy();
    }

    /** Starts promoting {@code ref} (e.g. {@code fraud@v3}) to {@code stage}; set a reason, then call it. */
    public PromoteCommand promote(String ref, String stage) {
        return new PromoteCommand(this, ref, StageName.of(stage));
    }

    /**
     * Starts requesting the promotion of {@code ref} to {@code stage}: the signed promotion commit
     * goes on the request branch {@code requests/<stage>/<name>@v<N>}, for review, and the stage
     * does not change until the request is approved and merged.
     */
    public RequestCommand request(String ref, String stage) {
        return new RequestCommand(this, ref, StageName.of(stage));
    }

    /** Starts approving a request, named {@code requests/production/fraud@v2} or {@code fraud@v2:production}. */
    public ApproveCommand approve(String request) {
        return new ApproveCommand(this, RequestName.parse(request));
    }

    /** Starts merging an approved request into its stage. */
    public MergeCommand merge(String request) {
        return new MergeCommand(this, RequestName.parse(request));
    }

    /**
     * The open promotion requests, here and fetched from remotes, each with the approvals that
     * count, those missing and the rules that would stop its merge.
     */
    public List<PromotionRequest> requests() throws RegistryException {
        return queries.requests().list();
    }

    /**
     * Starts verifying the whole registry over its whole history against its policy: one
     * {@link Finding} per violation.
     */
    public VerifyCommand verify() {
        return new VerifyCommand(this);
    }

    /** Starts removing a model (or, in a multi-valued stage, one version) from a stage. */
    public DemoteCommand demote(String modelOrRef, String stage) {
        return new DemoteCommand(this, modelOrRef, StageName.of(stage), EventAction.DEMOTE);
    }

    /** Starts rolling a single-slot stage back to the version it held before the current one. */
    public RollbackCommand rollback(String model, String stage) {
        return new RollbackCommand(this, model, StageName.of(stage));
    }

    /** Starts archiving a version (it is kept forever, with its artifacts). */
    public ArchiveCommand archive(String ref) {
        return new ArchiveCommand(this, ref);
    }

    /** Starts taking a version out of the archive. */
    public DemoteCommand restore(String ref) {
        return new DemoteCommand(this, ref, StageName.ARCHIVED, EventAction.RESTORE);
    }

    /** Starts promoting several versions to one stage in a single commit, all or nothing. */
    public ReleaseCommand release(String stage, List<String> refs) {
        return new ReleaseCommand(this, StageName.of(stage), refs);
    }

    /**
     * Starts deleting a version registered by mistake: only if it was never in any stage and never
     * published. Anything that was ever staged is archived instead.
     */
    public DeleteCommand delete(String ref) {
        return new DeleteCommand(this, ref);
    }

    /**
     * Starts adding a principal (or a key or roles to one already named) to registry.yaml, from a
     * public key file: an SSH {@code .pub} file or an armoured OpenPGP public key.
     */
    public AddSignerCommand addSigner(String principal, Path publicKeyFile) {
        return new AddSignerCommand(this, principal, publicKeyFile);
    }

    /** Starts revoking every key of a principal: what they signed before still verifies, nothing after. */
    public RemoveSignerCommand removeSigner(String principal) {
        return new RemoveSignerCommand(this, principal);
    }

    /**
     * Starts replacing registry.yaml with {@code registryYaml} (the whole document), signed, by an
     * admin once the team is declared. Read {@link #policy()} or the file on the registry branch,
     * change it, and set it.
     */
    public SetPolicyCommand setPolicy(String registryYaml) {
        return new SetPolicyCommand(this, registryYaml);
    }

    /** The text of registry.yaml on the registry branch, as committed (to edit it and {@link #setPolicy} it). */
    public String policyText() throws RegistryException {
        return queries.policyText();
    }

    /** The principals registry.yaml names, with their roles and keys. */
    public List<Principal> signers() throws RegistryException {
        return store.policy().principals();
    }

    /** The configured remotes. */
    public List<Remote> remotes() {
        return RemoteConfig.list(repo);
    }

    /** Adds a remote ({@code remote.<name>.url} in the repository config). */
    public Remote addRemote(String name, String url) throws RegistryException {
        Remote remote = new Remote(name, url);
        RemoteConfig.add(repo, remote);
        return remote;
    }

    /** Removes a remote. */
    public void removeRemote(String name) throws RegistryException {
        RemoteConfig.remove(repo, name);
    }

    /** Starts pushing to a remote. */
    public PushCommand push(String remote) {
        return new PushCommand(this, remote);
    }

    /** Starts pulling from a remote (fetch and integrate). */
    public PullCommand pull(String remote) {
        return new PullCommand(this, remote);
    }

    /**
     * Opens an artifact of a version for reading. The stream checks size and sha256 when it
     * reaches the end and throws {@link io.gitmodel.registry.errors.ArtifactIntegrityException}
     * on a mismatch; read it to the end before trusting the bytes.
     *
     * @throws ArtifactMissingException if the bytes are not in the local store
     */
    public InputStream openArtifact(ModelVersion version, String path) throws RegistryException {
        return ArtifactAccess.open(store, version, path);
    }

    /** Starts exporting a version's artifacts to a directory. */
    public ExportCommand exportArtifacts(ModelVersion version, Path targetDirectory) {
        return new ExportCommand(this, version, targetDirectory);
    }

    /** The internals this registry works on, for the commands it hands out. */
    RegistryStore store() {
        return store;
    }

    @Override
    RegistryQueries queries() {
        return queries;
    }

    /** The Git repository (tests in this package look at it directly). */
    Repository repository() {
        return repo;
    }

    /**
     * Makes JGit's process-wide settings read git's configuration as git does in environment
     * {@code env} ({@code HOME}, {@code PATH}, {@code GIT_CONFIG_NOSYSTEM}, {@code GIT_CONFIG_SYSTEM}):
     * user files under {@code $HOME} rather than the JVM's {@code user.home}, and git's system-wide
     * file found without running git in every process (JGit would run {@code git --version} and
     * {@code git config --system} in each one; the answer is remembered per git binary in the user's
     * cache directory). For a program that acts as git does, such as the git-model command line:
     * call it once at start-up, before opening registries. It changes JGit's global state; it also
     * keeps JGit from registering its pack-cache statistics as a JMX bean (starting the platform
     * MBean server costs a short-lived process tens of milliseconds).
     */
    public static void adoptGitEnvironment(java.util.Map<String, String> env) {
        io.gitmodel.registry.internal.config.JGitEnvironment.adopt(env);
    }

    /** The version of this git-model library, e.g. {@code 0.1.0}. */
    public static String libraryVersion() {
        return io.gitmodel.registry.internal.config.LibraryVersion.get();
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
        return "Registry[" + directory() + ", branch " + branch() + "]";
    }
}
