package io.gitmodel.registry.internal.sync;

import io.gitmodel.registry.ProgressListener;
import io.gitmodel.registry.Remote;
import io.gitmodel.registry.RegistryConfig;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.errors.TransportException;
import io.gitmodel.registry.internal.lfs.SharedFiles;
import io.gitmodel.registry.internal.store.RefUpdateHook;
import io.gitmodel.registry.internal.store.RegistryLayout;
import io.gitmodel.registry.internal.store.RegistryStore;
import io.gitmodel.registry.internal.store.RemoteConfig;
import io.gitmodel.registry.internal.transport.ArtifactTransfer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Clones a remote registry into a new directory: a new repository with the remote as
 * {@code origin}, then a pull (refs, artifacts unless metadata-only, integration). While it runs
 * the repository is marked {@code gitmodel.incompleteClone}, so a killed clone is finished by
 * running it again (artifacts already downloaded are kept); any other failure removes the new
 * directory, as {@code git clone} does.
 */
public final class Cloner {
    private final String url;
    private final Path directory;
    private final boolean bare;
    private final boolean metadataOnly;
    private final String branch;
    private final RegistryConfig config;
    private final ProgressListener progress;
    private final RefUpdateHook hook;

    public Cloner(String url, Path directory, boolean bare, boolean metadataOnly, String branch, RegistryConfig config,
            ProgressListener progress, RefUpdateHook hook) {
        this.hook = hook;
        this.url = url;
        this.directory = directory;
        this.bare = bare;
        this.metadataOnly = metadataOnly;
        this.branch = branch;
        this.config = config;
        this.progress = progress;
    }

    /** Clones; the caller owns the returned repository. */
    public Repository call() throws RegistryException {
        RemoteConfig.checkSupported(new Remote("origin", url));
        Instant started = Instant.now();
        Repository repo = interruptedClone();
        boolean resumed = repo != null;
        if (!resumed && Files.exists(directory) && !isEmptyDirectory()) {
            throw new TransportException(RemoteConfig.redact(url), "cannot clone into " + directory + ": it exists and is not empty");
        }
        try {
            Remote origin = new Remote("origin", url);
            if (!resumed) {
                repo = create(origin);
            }
            RegistryStore store = new RegistryStore(repo, branch, config, hook);
            Puller puller = new Puller(store, origin, progress, false);
            puller.fetchRefs();
            if (!puller.remoteHasBranch()) {
                throw new TransportException(origin.displayUrl(), origin.displayUrl() + " has no registry branch '" + branch
                        + "': it is empty or not a git-model registry. Create one with: git-model init --bare <dir>, or"
                        + " name its branch with --branch");
            }
            ArtifactTransfer.Moved moved = metadataOnly ? new ArtifactTransfer.Moved(0, 0) : puller.downloadArtifacts();
            StoredConfig stored = repo.getConfig();
            if (metadataOnly) {
                RemoteConfig.setLazy(stored, origin.name());
                stored.setBoolean(RegistryLayout.CONFIG_SECTION, null, RemoteConfig.METADATA_ONLY, true);
                stored.save();
            }
            puller.integrate(config.identity().orElse(RegistryStore.ANONYMOUS), moved);
            store.reader().checkFormat(); // a registry this version cannot read is not a finished clone
            stored.unset(RegistryLayout.CONFIG_SECTION, null, RegistryLayout.CONFIG_INCOMPLETE_CLONE);
            stored.save();
            if (resumed) {
                removePartialDownloads(repo.getDirectory().toPath().resolve("lfs").resolve("tmp"), started);
            }
            store.afterWrite();
            return repo;
        } catch (IOException e) {
            cleanUp(repo, resumed);
            throw new RegistryIOException("cannot clone " + RemoteConfig.redact(url) + " into " + directory, e);
        } catch (RegistryException | RuntimeException e) {
            cleanUp(repo, resumed);
            throw e;
        }
    }

    /** A new repository with {@code origin}, marked incomplete until the clone finishes. */
    private Repository create(Remote origin) throws IOException, RegistryException {
        Repository repo;
        try {
            repo = Git.init().setDirectory(directory.toFile()).setBare(bare).setInitialBranch(branch).call().getRepository();
        } catch (GitAPIException e) {
            throw new RegistryIOException("cannot create a Git repository in " + directory, e);
        }
        StoredConfig stored = repo.getConfig();
        if (!branch.equals(RegistryLayout.DEFAULT_BRANCH)) {
            stored.setString(RegistryLayout.CONFIG_SECTION, null, RegistryLayout.CONFIG_BRANCH, branch);
        }
        stored.setBoolean(RegistryLayout.CONFIG_SECTION, null, RegistryLayout.CONFIG_INCOMPLETE_CLONE, true);
        stored.save();
        RemoteConfig.add(repo, origin);
        return repo;
    }

    /** The temporary files of the killed run that this one finished: older than this run, unused. */
    private static void removePartialDownloads(Path tmp, Instant started) {
        try (Stream<Path> files = Files.isDirectory(tmp) ? Files.list(tmp) : Stream.empty()) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.getFileName().toString().startsWith("incoming-") && Files.getLastModifiedTime(f).toInstant().isBefore(started)) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException | UncheckedIOException ignore) {
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
            Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
            StoredConfig c = repo.getConfig();
            if (c.getBoolean(RegistryLayout.CONFIG_SECTION, null, RegistryLayout.CONFIG_INCOMPLETE_CLONE, false)
                    && url.equals(c.getString("remote", "origin", "url")) && repo.isBare() == bare) {
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
        SharedFiles.deleteTree(directory); // best effort, as git clone does; the error that caused it is what the user needs
    }
}
