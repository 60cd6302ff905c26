package io.gitmodel.registry;

import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.internal.store.RegistryStore;
import io.gitmodel.registry.internal.store.RemoteConfig;
import io.gitmodel.registry.internal.sync.Puller;
import java.util.List;
import java.util.Objects;

/**
 * Fetches a remote and integrates it (or, with {@link #fetchOnly(boolean)}, only fetches):
 * fast-forwards the registry and stage branches, takes the remote's version tags, renumbers
 * local versions that were never published when the remote took their numbers, and downloads
 * the artifacts (verified) before any ref moves. With {@link #metadataOnly(boolean)} no artifact
 * bytes are fetched; they are fetched on demand by {@link Registry#openArtifact} and exports.
 */
public final class PullCommand extends RegistryCommand<TransferResult> {
    private final Registry registry;
    private final String remote;
    private Boolean metadataOnly;
    private boolean fetchOnly;
    private boolean replayStageChanges;
    private ProgressListener progress = ProgressListener.NONE;

    PullCommand(Registry registry, String remote) {
        this.registry = registry;
        this.remote = Objects.requireNonNull(remote, "remote");
    }

    /**
     * Fetch every ref but no artifact bytes (true); missing artifacts are fetched when read. Or
     * fetch the artifacts of every version (false). Default: the repository's
     * {@code gitmodel.metadataOnly} (true in a metadata-only clone), else false.
     */
    public PullCommand metadataOnly(boolean metadataOnly) {
        this.metadataOnly = metadataOnly;
        return this;
    }

    /** Only fetch into {@code refs/remotes/<remote>/}; leave the local branches and tags alone. */
    public PullCommand fetchOnly(boolean fetchOnly) {
        this.fetchOnly = fetchOnly;
        return this;
    }

    /**
     * When a stage changed both here and on the remote (or local stage changes name versions the
     * pull renumbers), take the remote's stage history and make the local changes again on top
     * of it, each re-checked against the rules and signed with the local key, instead of failing.
     * The local history from before is kept under {@code refs/git-model/replaced/<time>/stages/<stage>}.
     */
    public PullCommand replayStageChanges(boolean replay) {
        this.replayStageChanges = replay;
        return this;
    }

    public PullCommand progress(ProgressListener listener) {
        this.progress = Objects.requireNonNull(listener, "listener");
        return this;
    }

    @Override
    public TransferResult call() throws RegistryException {
        checkCallable();
        RegistryStore store = registry.store();
        Puller puller = new Puller(store, RemoteConfig.get(store.repository(), remote), progress, replayStageChanges);
        TransferResult result = puller.pull(metadataOnly, fetchOnly);
        if (puller.replays().isEmpty()) {
            return result;
        }
        List<String> replayed = new StageReplayer(registry, remote).replay(puller.replays());
        return new TransferResult(result.remote(), result.refs(), result.objects(), result.bytes(), result.renumbered(), replayed);
    }
}
