package io.gitmodel.registry;

import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.errors.TransportException;
import io.gitmodel.registry.internal.lfs.LfsObjectStore;
import io.gitmodel.registry.internal.store.RegistryLayout;
import io.gitmodel.registry.internal.store.RegistryReader;
import io.gitmodel.registry.internal.store.WorkingTreeSync;
import io.gitmodel.registry.internal.transport.ArtifactTransfer;
import io.gitmodel.registry.internal.transport.Puller;
import io.gitmodel.registry.internal.transport.Remotes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;

/**
 * Clones a remote registry into a new directory: its registry branch, version tags and stage
 * branches, and (unless metadata-only) every artifact, verified. On failure the new directory is
 * removed, as {@code git clone} does.
 */
public final class CloneCommand extends RegistryCommand<Registry> {
    private final String url;
    private final Path directory;
    private boolean bare;
    private boolean metadataOnly;
    private String branch = RegistryLayout.DEFAULT_BRANCH;
    private RegistryConfig config = RegistryConfig.defaults();
    private ProgressListener progress = ProgressListener.NONE;

    CloneCommand(String url, Path directory) {
        this.url = Objects.requireNonNull(url, "url");
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
    }

    public CloneCommand bare(boolean bare) {
        this.bare = bare;
        return this;
    }

    /** Fetch every ref but no artifact bytes; they are fetched from the remote when read. */
    public CloneCommand metadataOnly(boolean metadataOnly) {
        this.metadataOnly = metadataOnly;
        return this;
    }

    /** The remote's registry branch (default {@code main}). */
    public CloneCommand branch(String branch) {
        this.branch = Objects.requireNonNull(branch, "branch");
        return this;
    }

    public CloneCommand config(RegistryConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        return this;
    }

    public CloneCommand progress(ProgressListener listener) {
        this.progress = Objects.requireNonNull(listener, "listener");
        return this;
    }

    @Override
    public Registry call() throws RegistryException {
        checkCallable();
        Remotes.checkSupported(new Remote("origin", url));
        java.time.Instant started = java.time.Instant.now();
        Repository repo = interruptedClone();
        boolean resumed = repo != null;
        if (!resumed && Files.exists(directory) && !isEmptyDirectory()) {
            throw new TransportException(io.gitmodel.registry.internal.transport.Credentials.redact(url), "cannot clone into "
                    + directory + ": it exists and is not empty");
        }
        try {
            Remote origin = new Remote("origin", url);
            if (!resumed) {
                repo = Git.init().setDirectory(directory.toFile()).setBare(bare).setInitialBranch(branch).call().getRepository();
                StoredConfig stored = repo.getConfig();
                if (!branch.equals(RegistryLayout.DEFAULT_BRANCH)) {
                    stored.setString(RegistryLayout.CONFIG_SECTION, null, RegistryLayout.CONFIG_BRANCH, branch);
                }
                // until the clone is complete: a killed clone is finished by running it again
                stored.setBoolean(RegistryLayout.CONFIG_SECTION, null, RegistryLayout.CONFIG_INCOMPLETE_CLONE, true);
                stored.save();
                Remotes.add(repo, origin);
            }
            StoredConfig stored = repo.getConfig();
            RegistryReader reader = new RegistryReader(repo, branch, directory);
            LfsObjectStore store = new LfsObjectStore(repo.getDirectory().toPath());
            Puller puller = new Puller(repo, reader, store, origin, progress, config.environment());
            puller.fetchRefs();
            if (repo.exactRef(Constants.R_REMOTES + origin.name() + "/" + branch) == null) {
                throw new TransportException(origin.displayUrl(), origin.displayUrl() + " has no registry branch '" + branch
                        + "': it is empty or not a git-model registry. Create one with: git-model init --bare <dir>, or"
                        + " name its branch with --branch");
            }
            ArtifactTransfer.Moved moved = metadataOnly ? new ArtifactTransfer.Moved(0, 0) : puller.downloadArtifacts();
            if (metadataOnly) {
                stored.setString(RegistryLayout.CONFIG_SECTION, null, Remotes.LAZY_REMOTE, origin.name());
                stored.setBoolean(RegistryLayout.CONFIG_SECTION, null, Remotes.METADATA_ONLY, true);
                stored.save();
            }
            Person who = config.identity().orElse(new Person("git-model", "git-model@localhost"));
            puller.integrate(new PersonIdent(who.name(), who.email(), config.clock().instant(), ZoneOffset.UTC), moved.objects(),
                    moved.bytes());
            stored.unset(RegistryLayout.CONFIG_SECTION, null, RegistryLayout.CONFIG_INCOMPLETE_CLONE);
            stored.save();
            if (resumed) {
                removePartialDownloads(repo.getDirectory().toPath().resolve("lfs").resolve("tmp"), started);
            }
            Registry registry = Registry.wrapOwned(repo, branch, config);
            WorkingTreeSync.afterUpdate(repo, RegistryLayout.branchRef(branch), store, registry.gitConfig());
            return registry;
        } catch (GitAPIException | IOException e) {
            cleanUp(repo, resumed);
            throw new RegistryIOException("cannot clone " + io.gitmodel.registry.internal.transport.Credentials.redact(url)
                    + " into " + directory, e);
        } catch (RegistryException | RuntimeException e) {
            cleanUp(repo, resumed);
            throw e;
        }
    }

    /** The temporary files of the killed run that this one finished: older than this run, unused. */
    private static void removePartialDownloads(Path tmp, java.time.Instant started) {
        try (Stream<Path> files = Files.isDirectory(tmp) ? Files.list(tmp) : Stream.empty()) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.getFileName().toString().startsWith("incoming-")
                        && Files.getLastModifiedTime(f).toInstant().isBefore(started)) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException | java.io.UncheckedIOException ignore) {
            // housekeeping removes them a day later anyway
        }
    }

    /**
     * The repository a clone of the same URL into the same directory left when it was killed, to
     * finish (artifacts already downloaded are kept), or null.
     */
    private Repository interruptedClone() {
        Path gitDir = Files.isDirectory(directory.resolve(".git")) ? directory.resolve(".git") : directory;
        if (!Files.isRegularFile(gitDir.resolve("config")) || !Files.isDirectory(gitDir.resolve("objects"))) {
            return null;
        }
        try {
            Repository repo = new org.eclipse.jgit.storage.file.FileRepositoryBuilder().setGitDir(gitDir.toFile())
                    .setMustExist(true).build();
            StoredConfig c = repo.getConfig();
            if (c.getBoolean(RegistryLayout.CONFIG_SECTION, null, RegistryLayout.CONFIG_INCOMPLETE_CLONE, false) && url.equals(c.getString("remote", "origin", "url"))
                    && repo.isBare() == bare) {
                return repo;
            }
            repo.close();
        } catch (IOException | IllegalArgumentException notARepository) {
            // not one of ours: refused as a non-empty directory
        }
        return null;
    }

    private boolean isEmptyDirectory() {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private void cleanUp(Repository repo, boolean resumed) {
        if (repo != null) {
            repo.close();
        }
        if (resumed) {
            return; // a directory an earlier run made: keep what it has, the next run goes on from there
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException ignore) {
            // best effort, as git clone does; the error that caused it is what the user needs
        }
    }
}
