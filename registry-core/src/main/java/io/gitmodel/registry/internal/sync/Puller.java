package io.gitmodel.registry.internal.sync;

import io.gitmodel.registry.Person;
import io.gitmodel.registry.ProgressListener;
import io.gitmodel.registry.Remote;
import io.gitmodel.registry.TransferResult;
import io.gitmodel.registry.errors.ConcurrentUpdateException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.errors.TransportException;
import io.gitmodel.registry.internal.format.RegistryYaml;
import io.gitmodel.registry.internal.stage.StageIntegrator;
import io.gitmodel.registry.internal.store.AtomicRefUpdate;
import io.gitmodel.registry.internal.store.Refs;
import io.gitmodel.registry.internal.store.RegistryLayout;
import io.gitmodel.registry.internal.store.RegistryStore;
import io.gitmodel.registry.internal.store.RemoteConfig;
import io.gitmodel.registry.internal.store.Renumberer;
import io.gitmodel.registry.internal.transport.ArtifactTransfer;
import io.gitmodel.registry.internal.transport.RefFetcher;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Fetches a remote registry and integrates it, in this order: the remote's refs are fetched into
 * remote-tracking refs; artifact bytes are downloaded and verified (unless metadata-only); then
 * the registry branch is fast-forwarded, or the local unpublished registrations are renumbered on
 * top of the remote's ({@link Renumberer}); the remote's version tags are taken; the stage
 * branches are integrated ({@link StageIntegrator}); and every local ref moves in ONE atomic
 * update, or none does. Local stage changes to make again are returned, not made: they go through
 * the ordinary commands afterwards.
 */
public final class Puller {
    private final RegistryStore store;
    private final Remote remote;
    private final ProgressListener progress;
    private final boolean replay;
    private List<StageIntegrator.ReplayEvent> replays = List.of();

    /** @param replay plan diverged stage changes to be made again instead of refusing the pull */
    public Puller(RegistryStore store, Remote remote, ProgressListener progress, boolean replay) {
        this.store = store;
        this.remote = remote;
        this.progress = progress;
        this.replay = replay;
    }

    /** The local stage changes to make again after {@link #integrate}, oldest first. */
    public List<StageIntegrator.ReplayEvent> replays() {
        return replays;
    }

    /**
     * A whole pull: fetch, download (unless metadata-only), integrate, then the checked-out
     * working tree follows. Stage changes to make again are left in {@link #replays()}.
     *
     * @param metadataOnly fetch no artifact bytes (they are fetched when read); null: the repository's setting
     * @param fetchOnly only fetch into the remote-tracking refs; leave local branches and tags alone
     */
    public TransferResult pull(Boolean metadataOnly, boolean fetchOnly) throws RegistryException {
        fetchRefs();
        boolean lazy = metadataOnly != null ? metadataOnly : RemoteConfig.metadataOnly(store.repository());
        ArtifactTransfer.Moved moved = lazy ? new ArtifactTransfer.Moved(0, 0) : downloadArtifacts();
        if (lazy) {
            RemoteConfig.rememberLazy(store.repository(), remote.name());
        }
        if (fetchOnly) {
            return new TransferResult(remote.name(), List.of(), moved.objects(), moved.bytes(), List.of());
        }
        TransferResult result = integrate(store.identityOrAnonymous(), moved);
        store.afterWrite();
        return result;
    }

    /** Fetches the remote's refs; checks that a non-empty remote is a registry. */
    public void fetchRefs() throws RegistryException {
        RefFetcher.fetch(store.repository(), remote, store.config().environment());
        ObjectId remoteTip = Refs.get(store.repository(), remoteBranchRef());
        if (remoteTip != null && store.reader().readFile(remoteTip, RegistryYaml.FILE).isEmpty()) {
            throw new TransportException(remote.name(), remote.name() + " (" + RemoteConfig.redact(remote.url()) + ") is not a"
                    + " git-model registry: its branch " + store.branch() + " has no " + RegistryYaml.FILE);
        }
    }

    /** Whether the remote has the registry branch (an empty remote has none). */
    public boolean remoteHasBranch() throws RegistryException {
        return Refs.get(store.repository(), remoteBranchRef()) != null;
    }

    /** Downloads the artifacts of every version the remote has, verified. */
    public ArtifactTransfer.Moved downloadArtifacts() throws RegistryException {
        ArtifactTransfer transfer = new ArtifactTransfer(store.repository(), store.objects(), progress);
        return transfer.download(transfer.artifactsOfTags(RegistryLayout.remoteTagPrefix(remote.name()), store.reader()).values(),
                remote, store.config().environment());
    }

    /** Integrates the fetched refs into the local registry in one atomic update. */
    public TransferResult integrate(Person who, ArtifactTransfer.Moved moved) throws RegistryException {
        ObjectId remoteTip = Refs.get(store.repository(), remoteBranchRef());
        if (remoteTip == null) {
            return new TransferResult(remote.name(), List.of(), moved.objects(), moved.bytes(), List.of());
        }
        AtomicRefUpdate updates = store.refUpdate();
        List<String> changed = new ArrayList<>();
        Renumberer.Result rebased = integrateBranch(remoteTip, updates, changed);
        integrateTags(rebased, updates, changed);
        StageIntegrator.Plan stages = new StageIntegrator(store.repository(), remote.name(), replay, store.now())
                .plan(rebased.renumbered());
        for (StageIntegrator.RefMove m : stages.moves()) {
            updates.set(m.ref(), m.expected(), m.target());
            if (m.reported()) {
                changed.add(m.ref());
            }
        }
        if (!updates.isEmpty()) {
            AtomicRefUpdate.Outcome outcome = updates.execute(RegistryStore.ident(who, store.now()), "git-model: pull " + remote.name());
            if (!outcome.applied()) {
                throw new ConcurrentUpdateException(outcome.failedRef(), outcome.expected(), outcome.actualName(), "the local"
                        + " registry changed during the pull (" + outcome.failedRef() + "); nothing was changed, run the pull again");
            }
        }
        replays = stages.replays();
        return new TransferResult(remote.name(), changed, moved.objects(), moved.bytes(), rebased.renumbered());
    }

    /** The registry branch: taken, fast-forwarded, or the local registrations renumbered on top. */
    private Renumberer.Result integrateBranch(ObjectId remoteTip, AtomicRefUpdate updates, List<String> changed)
            throws RegistryException {
        String branchRef = store.branchRef();
        ObjectId localTip = Refs.get(store.repository(), branchRef);
        Renumberer.Result none = new Renumberer.Result(remoteTip, Map.of(), Set.of(), List.of());
        try {
            if (localTip == null) {
                set(updates, changed, branchRef, null, remoteTip);
            } else if (!localTip.equals(remoteTip) && !Refs.isAncestor(store.repository(), remoteTip, localTip)) {
                if (Refs.isAncestor(store.repository(), localTip, remoteTip)) {
                    set(updates, changed, branchRef, localTip, remoteTip);
                } else {
                    Renumberer.Result rebased = new Renumberer(store.repository(), store.reader(), remote.name())
                            .rebase(localTip, remoteTip);
                    set(updates, changed, branchRef, localTip, rebased.tip());
                    return rebased;
                }
            }
        } catch (IOException e) {
            throw new RegistryIOException("cannot integrate " + remote.name() + " into the local registry", e);
        }
        return none;
    }

    /**
     * Version tags: the remote's new ones are taken; one that differs here is refused unless it is
     * a number a local version gave up by being renumbered; the rebased versions get their new tags.
     */
    private void integrateTags(Renumberer.Result rebased, AtomicRefUpdate updates, List<String> changed)
            throws RegistryException {
        String prefix = RegistryLayout.remoteTagPrefix(remote.name());
        Map<String, ObjectId> targets = new LinkedHashMap<>(rebased.tags());
        for (Map.Entry<String, ObjectId> theirs : Refs.under(store.repository(), prefix).entrySet()) {
            String name = theirs.getKey();
            ObjectId mine = Refs.get(store.repository(), Constants.R_TAGS + name);
            if (rebased.givenUp().contains(name) || mine == null) {
                targets.put(name, theirs.getValue()); // a number our renumbered version gave up, or a new one
            } else if (!mine.equals(theirs.getValue())) {
                throw new TransportException(remote.name(), "tag " + name + " differs here and on " + remote.name()
                        + ", and it is not an unpublished version that can be renumbered; nothing was changed."
                        + " Inspect it with: git show " + name + " " + prefix + name);
            }
        }
        for (String name : rebased.givenUp()) {
            targets.putIfAbsent(name, ObjectId.zeroId());
        }
        for (Map.Entry<String, ObjectId> t : targets.entrySet()) {
            ObjectId current = Refs.get(store.repository(), Constants.R_TAGS + t.getKey());
            if (!t.getValue().equals(current == null ? ObjectId.zeroId() : current)) {
                set(updates, changed, Constants.R_TAGS + t.getKey(), current, t.getValue());
            }
        }
    }

    private static void set(AtomicRefUpdate updates, List<String> changed, String ref, ObjectId expected, ObjectId target) {
        updates.set(ref, expected, target);
        changed.add(ref);
    }

    private String remoteBranchRef() {
        return RegistryLayout.remoteBranchRef(remote.name(), store.branch());
    }
}
