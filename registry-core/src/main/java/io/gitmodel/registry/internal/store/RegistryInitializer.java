package io.gitmodel.registry.internal.store;

import io.gitmodel.registry.Person;
import io.gitmodel.registry.Principal;
import io.gitmodel.registry.RegistryPolicy;
import io.gitmodel.registry.SigningKey;
import io.gitmodel.registry.RegistryConfig;
import io.gitmodel.registry.errors.ConcurrentUpdateException;
import io.gitmodel.registry.errors.NotARegistryException;
import io.gitmodel.registry.errors.RegistryConfigurationException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.errors.SigningException;
import io.gitmodel.registry.internal.config.GitConfigLoader;
import io.gitmodel.registry.internal.config.IdentityResolver;
import io.gitmodel.registry.internal.format.RegistryYaml;
import io.gitmodel.registry.internal.lfs.LfsObjectStore;
import io.gitmodel.registry.internal.sign.CommitSigner;
import io.gitmodel.registry.internal.sign.SigningKeys;
import io.gitmodel.registry.internal.sign.SigningSetup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.util.FS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a registry. In a new or empty directory it creates a Git repository (bare, or with the
 * registry branch checked out). In an existing repository it only adds the registry branch: the
 * user's branches, HEAD, index and working tree are left alone. A directory that is already a
 * registry is opened as it is.
 */
public final class RegistryInitializer {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryInitializer.class);
    private static final Person FALLBACK = RegistryStore.ANONYMOUS;

    /** The repository (the caller owns it) and its registry branch. */
    public record Initialized(Repository repository, String branch) {
    }

    private final Path directory;
    private final boolean bare;
    private String branch;
    private final boolean branchChosen;
    private final boolean signed;
    private final RegistryConfig config;
    private final RefUpdateHook hook;

    private RegistryInitializer(Path directory, boolean bare, String branch, boolean branchChosen, boolean signed,
            RegistryConfig config, RefUpdateHook hook) {
        this.hook = hook;
        this.directory = directory;
        this.bare = bare;
        this.branch = branch;
        this.branchChosen = branchChosen;
        this.signed = signed;
        this.config = config;
    }

    /**
     * Creates (or opens) the registry; the caller owns the returned repository.
     *
     * @param branchChosen whether {@code branch} was chosen by the caller (else a {@code gitmodel.branch} already configured wins)
     */
    public static Initialized init(Path directory, boolean bare, String branch, boolean branchChosen, boolean signed,
            RegistryConfig config, RefUpdateHook hook) throws RegistryException {
        return new RegistryInitializer(directory, bare, branch, branchChosen, signed, config, hook).run();
    }

    private Initialized run() throws RegistryException {
        Repository repo = existingRepository();
        boolean created = repo == null;
        if (created) {
            repo = createRepository();
        }
        try {
            String configured = repo.getConfig().getString(RegistryLayout.CONFIG_SECTION, null, RegistryLayout.CONFIG_BRANCH);
            if (configured != null && !branchChosen) {
                branch = configured;
            }
            boolean empty = repo.getRefDatabase().getRefs().isEmpty();
            Ref existing = repo.exactRef(RegistryLayout.branchRef(branch));
            if (existing != null) {
                RegistryReader reader = new RegistryReader(repo, branch, directory);
                if (reader.readFile(existing.getObjectId(), RegistryYaml.FILE).isEmpty()) {
                    throw new NotARegistryException(directory, "branch '" + branch + "' already exists in " + directory
                            + " and is not a registry; choose another registry branch, e.g. git-model init --branch models");
                }
                LOG.info("{} is already a registry on branch {}", directory, branch);
            } else {
                createBranch(repo);
                if (empty && !created) {
                    // an empty repository's unborn HEAD may as well name the registry; git lfs fsck needs that
                    repo.updateRef(Constants.HEAD).link(RegistryLayout.branchRef(branch));
                }
            }
            if (!branch.equals(RegistryLayout.DEFAULT_BRANCH)) {
                StoredConfig stored = repo.getConfig();
                stored.setString(RegistryLayout.CONFIG_SECTION, null, RegistryLayout.CONFIG_BRANCH, branch);
                stored.save();
            }
            return new Initialized(repo, branch);
        } catch (IOException e) {
            repo.close();
            throw new RegistryIOException("cannot create a registry in " + directory, e);
        } catch (RegistryException | RuntimeException e) {
            repo.close();
            throw e;
        }
    }

    private Repository existingRepository() throws RegistryException {
        if (!Files.exists(directory)) {
            return null;
        }
        boolean isRepo = RepositoryCache.FileKey.isGitRepository(directory.toFile(), FS.DETECTED)
                || Files.exists(directory.resolve(Constants.DOT_GIT));
        return isRepo ? RepositoryOpener.open(directory) : null;
    }

    private Repository createRepository() throws RegistryException {
        try {
            Files.createDirectories(directory);
            Git git = Git.init().setDirectory(directory.toFile()).setBare(bare).setInitialBranch(branch).call();
            return git.getRepository();
        } catch (IOException | GitAPIException e) {
            throw new RegistryIOException("cannot create a Git repository in " + directory, e);
        }
    }

    private void createBranch(Repository repo) throws IOException, RegistryException {
        Person who;
        org.eclipse.jgit.lib.Config gitConfig;
        try {
            gitConfig = new GitConfigLoader(config.environment()).load(repo.getDirectory().toPath());
        } catch (org.eclipse.jgit.errors.ConfigInvalidException e) {
            throw new RegistryConfigurationException("the Git configuration of " + directory + " is invalid: " + e.getMessage());
        }
        try {
            who = IdentityResolver.resolve(config.identity(), config.environment(), gitConfig);
        } catch (RegistryConfigurationException e) {
            who = FALLBACK; // the first commit records no model, so an anonymous author does no harm
        }
        PersonIdent ident = RegistryStore.ident(who, config.clock().instant().truncatedTo(ChronoUnit.SECONDS));
        Optional<CommitSigner> signer = signed ? firstSigner(repo, gitConfig) : Optional.empty();
        Person acting = who;
        Optional<Principal> admin = signer.flatMap(s -> firstAdmin(acting, s));
        String policy = admin.isPresent() ? RegistryYaml.initial(signed, admin.get()) : RegistryYaml.initial(signed);
        ObjectId commit;
        try (ObjectInserter inserter = repo.newObjectInserter()) {
            ObjectId tree = new TreeEditor(repo, null)
                    .put(RegistryYaml.FILE, policy.getBytes(StandardCharsets.UTF_8), inserter)
                    .put(RegistryLayout.GITATTRIBUTES, RegistryLayout.GITATTRIBUTES_CONTENT.getBytes(StandardCharsets.UTF_8), inserter)
                    .write(inserter);
            commit = VersionPublisher.insertRootCommit(repo, inserter, tree, ident, admin.isPresent() ? signer.get() : null);
            inserter.flush();
        }
        String ref = RegistryLayout.branchRef(branch);
        AtomicRefUpdate.Outcome outcome = new AtomicRefUpdate(repo, hook).set(ref, null, commit)
                .execute(ident, "git-model: init registry");
        if (!outcome.applied()) {
            throw new ConcurrentUpdateException(ref, null, null, "another writer created branch " + branch + " in "
                    + directory + " at the same time; run init again to open it");
        }
        WorkingTreeSync.afterUpdate(repo, ref, new LfsObjectStore(repo.getDirectory().toPath()), gitConfig);
        LOG.info("created registry branch {} in {}{}", branch, directory, admin.map(a -> "; first admin " + a.name()).orElse(""));
    }

    /** The signing key git is configured with, if any (a registry can be made without one). */
    private Optional<CommitSigner> firstSigner(Repository repo, org.eclipse.jgit.lib.Config gitConfig) {
        try {
            return SigningSetup.signer(repo, gitConfig, config.environment(), new GitConfigLoader(config.environment()).home(), null);
        } catch (SigningException e) {
            LOG.warn("no first admin recorded: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The initializing user as the registry's first admin: its email as the principal, its signing
     * key's public half as the key. Without a usable key or email, no team is declared yet (add
     * one later with git-model signers add).
     */
    private static Optional<Principal> firstAdmin(Person who, CommitSigner signer) {
        try {
            SigningKey key = SigningKeys.parse(signer.publicKey(), null, null);
            return Optional.of(new Principal(who.email(), List.of(RegistryPolicy.ADMIN), List.of(key)));
        } catch (SigningException | RuntimeException e) {
            LOG.warn("no first admin recorded ({}); add one with: git-model signers add <email> <public-key-file> --role admin",
                    e.getMessage());
            return Optional.empty();
        }
    }
}
