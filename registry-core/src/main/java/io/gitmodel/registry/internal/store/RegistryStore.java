package io.gitmodel.registry.internal.store;

import io.gitmodel.registry.Person;
import io.gitmodel.registry.RegistryConfig;
import io.gitmodel.registry.RegistryPolicy;
import io.gitmodel.registry.errors.RegistryConfigurationException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.internal.config.GitConfigLoader;
import io.gitmodel.registry.internal.config.IdentityResolver;
import io.gitmodel.registry.internal.format.PolicyYaml;
import io.gitmodel.registry.internal.format.RegistryYaml;
import io.gitmodel.registry.internal.lfs.LfsObjectStore;
import io.gitmodel.registry.internal.sign.CommitVerifier;
import io.gitmodel.registry.internal.sign.SignatureChecker;
import io.gitmodel.registry.internal.sign.TeamVerifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open registry as the internals see it: the Git repository, the registry branch, the
 * content-addressed artifact store, the settings of the {@link RegistryConfig}, and the readers
 * over them. Every internal operation works on one of these; it holds no mutable state of its own,
 * so it is as thread-safe as the JGit repository.
 */
public final class RegistryStore {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryStore.class);
    /** Who pulls and clones when no identity is configured; only reflogs record it. */
    public static final Person ANONYMOUS = new Person("git-model", "git-model@localhost");

    private final Repository repo;
    private final String branch;
    private final Path directory;
    private final RegistryConfig config;
    private final RegistryReader reader;
    private final LfsObjectStore objects;
    private final RefUpdateHook hook;
    private final List<Runnable> afterRefsMoved = new java.util.concurrent.CopyOnWriteArrayList<>();

    public RegistryStore(Repository repo, String branch, RegistryConfig config, RefUpdateHook hook) {
        this.repo = repo;
        this.branch = branch;
        this.config = config;
        this.hook = hook;
        this.directory = RepositoryOpener.displayDirectory(repo);
        this.reader = new RegistryReader(repo, branch, directory);
        this.objects = new LfsObjectStore(repo.getDirectory().toPath());
    }

    public Repository repository() {
        return repo;
    }

    /** The registry branch, e.g. {@code main}. */
    public String branch() {
        return branch;
    }

    /** {@code refs/heads/<branch>}. */
    public String branchRef() {
        return RegistryLayout.branchRef(branch);
    }

    /** The directory shown to users: the working tree, or the Git directory of a bare registry. */
    public Path directory() {
        return directory;
    }

    public Path gitDirectory() {
        return repo.getDirectory().toPath();
    }

    public RegistryConfig config() {
        return config;
    }

    public RegistryReader reader() {
        return reader;
    }

    /** The artifact bytes, where Git LFS keeps them. */
    public LfsObjectStore objects() {
        return objects;
    }

    /** A compare-and-swap update of several refs, with the fault-injection hook in place. */
    public AtomicRefUpdate refUpdate() {
        return new AtomicRefUpdate(repo, hook);
    }

    /**
     * The Git configuration git itself would use for this repository: read again only when one of
     * its files changed (a stat each), since a write asks for it several times.
     */
    public Config gitConfig() throws RegistryException {
        GitConfigLoader.Loaded loaded = gitConfig;
        if (loaded != null && loaded.current()) {
            return loaded.config();
        }
        try {
            loaded = new GitConfigLoader(config.environment()).loadTracked(repo.getDirectory().toPath());
        } catch (IOException e) {
            throw new RegistryIOException("cannot read the Git configuration of " + directory, e);
        } catch (ConfigInvalidException e) {
            throw new RegistryConfigurationException("the Git configuration of " + directory + " is invalid: " + e.getMessage());
        }
        gitConfig = loaded;
        return loaded.config();
    }

    private volatile GitConfigLoader.Loaded gitConfig;

    /** The configuration git would use for the repository in {@code gitDir}. */
    public static Config loadGitConfig(RegistryConfig config, Path gitDir, Path shown) throws RegistryException {
        try {
            return new GitConfigLoader(config.environment()).load(gitDir);
        } catch (IOException e) {
            throw new RegistryIOException("cannot read the Git configuration of " + shown, e);
        } catch (ConfigInvalidException e) {
            throw new RegistryConfigurationException("the Git configuration of " + shown + " is invalid: " + e.getMessage());
        }
    }

    /** The home directory git uses ({@code $HOME} of the configured environment). */
    public Path home() {
        return new GitConfigLoader(config.environment()).home();
    }

    /**
     * The signer git would use ({@code user.signingKey}, {@code gpg.format}), or {@code key}
     * instead of the configured key; empty if signing is not configured.
     */
    public java.util.Optional<io.gitmodel.registry.internal.sign.CommitSigner> signer(String key) throws RegistryException {
        return io.gitmodel.registry.internal.sign.SigningSetup.signer(repo, gitConfig(), config.environment(), home(), key);
    }

    /** Who acts: the configured identity, else git's author identity. */
    public Person identity() throws RegistryException {
        return IdentityResolver.resolve(config.identity(), config.environment(), gitConfig());
    }

    /** Who acts, or {@link #ANONYMOUS} where no identity is configured and only a reflog records it. */
    public Person identityOrAnonymous() {
        try {
            return identity();
        } catch (RegistryException anonymous) {
            return ANONYMOUS;
        }
    }

    /** The rules in registry.yaml on the registry branch. */
    public RegistryPolicy policy() throws RegistryException {
        return PolicyYaml.read(reader.checkFormat(), branch + ":" + RegistryYaml.FILE);
    }

    /** Where the team's SSH keys are written for git and JGit: {@code <git-dir>/git-model/allowed_signers}. */
    public Path allowedSignersFile() {
        return gitDirectory().resolve("git-model").resolve("allowed_signers");
    }

    /**
     * Verifies commit signatures under {@code policy}: against its principals' keys when it
     * declares a team (and points this repository's {@code gpg.ssh.allowedSignersFile} at the
     * same keys, so plain git agrees), else with git's own signer configuration.
     */
    public CommitVerifier verifier(RegistryPolicy policy) throws RegistryException {
        if (!policy.declaresPrincipals()) {
            return CommitVerifier.of(new SignatureChecker(repo, gitConfig(), config.environment(), home(),
                    policy.allowedSigners()));
        }
        Path file = allowedSignersFile();
        try {
            TeamVerifier verifier = new TeamVerifier(repo, policy, file);
            pointGitAt(file);
            return verifier;
        } catch (IOException e) {
            throw new RegistryIOException("cannot write the allowed signers file " + file, e);
        }
    }

    /**
     * Verifies signatures under a policy the registry had before: as {@link #verifier}, but an
     * earlier team's keys go to a file of their own, and git keeps using the current team's.
     */
    public CommitVerifier formerVerifier(RegistryPolicy policy, ObjectId blob) throws RegistryException {
        if (!policy.declaresPrincipals()) {
            return verifier(policy);
        }
        Path file = gitDirectory().resolve("git-model").resolve("former").resolve(blob.name() + ".allowed_signers");
        try {
            return new TeamVerifier(repo, policy, file);
        } catch (IOException e) {
            throw new RegistryIOException("cannot write the allowed signers file " + file, e);
        }
    }

    /** Makes plain {@code git verify-commit} use the team's keys too (a local setting of this repository). */
    private void pointGitAt(Path file) {
        StoredConfig stored = repo.getConfig();
        if (file.toString().equals(stored.getString("gpg", "ssh", "allowedSignersFile"))) {
            return;
        }
        stored.setString("gpg", "ssh", "allowedSignersFile", file.toString());
        try {
            stored.save();
        } catch (IOException e) {
            LOG.warn("cannot point gpg.ssh.allowedSignersFile of {} at the team's keys ({}); git verify-commit will use"
                    + " your own settings", directory, e.getMessage());
        }
    }

    /** Now by the configured clock, truncated to whole seconds as Git records time. */
    public Instant now() {
        return config.clock().instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** A Git identity line for {@code who} at {@code at}, in UTC. */
    public static PersonIdent ident(Person who, Instant at) {
        return new PersonIdent(who.name(), who.email() == null ? "" : who.email(), at, ZoneOffset.UTC);
    }

    /** Runs {@code action} after every write that moved refs (the derived index follows them). */
    public void onRefsMoved(Runnable action) {
        afterRefsMoved.add(action);
    }

    /** After the registry branch moved: the checked-out working tree follows, and the repository is tidied. */
    public void afterWrite() throws RegistryException {
        afterRefsMoved.forEach(Runnable::run);
        WorkingTreeSync.afterUpdate(repo, branchRef(), objects, gitConfig());
        Housekeeping.afterWrite(repo);
    }

    /**
     * After a write that left the registry branch where it was (a stage change): only tidying.
     * The working tree and index are the user's; nothing they hold changed.
     */
    public void afterStageWrite() {
        afterRefsMoved.forEach(Runnable::run);
        Housekeeping.afterWrite(repo);
    }
}
