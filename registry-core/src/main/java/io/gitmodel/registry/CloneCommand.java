package io.gitmodel.registry;

import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.internal.store.RegistryLayout;
import io.gitmodel.registry.internal.sync.Cloner;
import java.nio.file.Path;
import java.util.Objects;
import org.eclipse.jgit.lib.Repository;

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
        Repository repo = new Cloner(url, directory, bare, metadataOnly, branch, config, progress, config.refUpdateHook()).call();
        return Registry.wrapOwned(repo, branch, config);
    }
}
