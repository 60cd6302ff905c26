package io.gitmodel.registry;

import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.internal.store.Housekeeping;
import io.gitmodel.registry.internal.store.RegistryLayout;
import io.gitmodel.registry.internal.store.WorkingTreeSync;
import io.gitmodel.registry.internal.transport.ArtifactTransfer;
import io.gitmodel.registry.internal.transport.Puller;
import io.gitmodel.registry.internal.transport.Remotes;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.StoredConfig;

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
        Remote r = Remotes.get(registry.repository(), remote);
        Puller puller = new Puller(registry.repository(), registry.reader(), registry.store(), r, progress,
                registry.config().environment()).replay(replayStageChanges);
        puller.fetchRefs();
        boolean lazy = metadataOnly != null ? metadataOnly
                : registry.repository().getConfig().getBoolean(RegistryLayout.CONFIG_SECTION, null, Remotes.METADATA_ONLY, false);
        ArtifactTransfer.Moved moved = lazy ? new ArtifactTransfer.Moved(0, 0) : puller.downloadArtifacts();
        if (lazy) {
            rememberLazyRemote(r.name());
        }
        if (fetchOnly) {
            return new TransferResult(r.name(), java.util.List.of(), moved.objects(), moved.bytes(), java.util.List.of());
        }
        Person who = identityOrFallback();
        TransferResult result = puller.integrate(new PersonIdent(who.name(), who.email(), registry.config().clock().instant(),
                ZoneOffset.UTC), moved.objects(), moved.bytes());
        WorkingTreeSync.afterUpdate(registry.repository(), RegistryLayout.branchRef(registry.branch()), registry.store(),
                registry.gitConfig());
        Housekeeping.afterWrite(registry.repository());
        if (puller.replays().isEmpty()) {
            return result;
        }
        List<String> replayed = new StageReplayer(registry, r.name()).replay(puller.replays());
        return new TransferResult(result.remote(), result.refs(), result.objects(), result.bytes(), result.renumbered(), replayed);
    }

    private Person identityOrFallback() {
        try {
            return registry.identity();
        } catch (RegistryException anonymous) {
            return new Person("git-model", "git-model@localhost"); // only the reflog records who pulled
        }
    }

    private void rememberLazyRemote(String name) throws RegistryIOException {
        StoredConfig config = registry.repository().getConfig();
        config.setString(RegistryLayout.CONFIG_SECTION, null, Remotes.LAZY_REMOTE, name);
        try {
            config.save();
        } catch (IOException e) {
            throw new RegistryIOException("cannot write the repository configuration", e);
        }
    }
}
