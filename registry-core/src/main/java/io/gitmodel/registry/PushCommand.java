package io.gitmodel.registry;

import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RequestNotFoundException;
import io.gitmodel.registry.internal.store.Refs;
import io.gitmodel.registry.internal.store.RemoteConfig;
import io.gitmodel.registry.internal.sync.Pusher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Pushes the registry to a remote: artifact objects first (verified), then the registry branch,
 * every version tag and every stage branch in one atomic push. Tags never move and stage history
 * is never rewritten: a push that would do either fails whole, with the command to resolve it.
 */
public final class PushCommand extends RegistryCommand<TransferResult> {
    private final Registry registry;
    private final String remote;
    private ProgressListener progress = ProgressListener.NONE;
    private final List<Pusher.Extra> requests = new ArrayList<>();

    PushCommand(Registry registry, String remote) {
        this.registry = registry;
        this.remote = Objects.requireNonNull(remote, "remote");
    }

    public PushCommand progress(ProgressListener listener) {
        this.progress = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Pushes a promotion request branch too, as it is here, so the team can review it as a pull
     * request. With {@code replace}, a request made again replaces the remote's copy (and the
     * approvals on it); otherwise a remote copy with commits this one lacks makes the push fail.
     */
    public PushCommand request(RequestName request, boolean replace) throws RegistryException {
        ObjectId tip = Refs.get(registry.store().repository(), request.ref());
        if (tip == null) {
            throw new RequestNotFoundException(request.toString(), "no request branch "
                    + request + " here to push; make it with git-model request");
        }
        requests.add(new Pusher.Extra(request.ref(), tip, replace));
        return this;
    }

    /** Deletes a request branch on the remote (once merged), as a forge deletes a merged pull request's branch. */
    public PushCommand deleteRequest(RequestName request) {
        requests.add(new Pusher.Extra(request.ref(), null, false));
        return this;
    }

    @Override
    public TransferResult call() throws RegistryException {
        checkCallable();
        return Pusher.push(registry.store(), RemoteConfig.get(registry.store().repository(), remote), progress,
                requests);
    }
}
