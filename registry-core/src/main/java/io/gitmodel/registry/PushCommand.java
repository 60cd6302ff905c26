package io.gitmodel.registry;

import io.gitmodel.registry.internal.store.RemoteConfig;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.internal.sync.Pusher;
import java.util.Objects;

/**
 * Pushes the registry to a remote: artifact objects first (verified), then the registry branch,
 * every version tag and every stage branch in one atomic push. Tags never move and stage history
 * is never rewritten: a push that would do either fails whole, with the command to resolve it.
 */
public final class PushCommand extends RegistryCommand<TransferResult> {
    private final Registry registry;
    private final String remote;
    private ProgressListener progress = ProgressListener.NONE;

    PushCommand(Registry registry, String remote) {
        this.registry = registry;
        this.remote = Objects.requireNonNull(remote, "remote");
    }

    public PushCommand progress(ProgressListener listener) {
        this.progress = Objects.requireNonNull(listener, "listener");
        return this;
    }

    @Override
    public TransferResult call() throws RegistryException {
        checkCallable();
        return Pusher.push(registry.store(), RemoteConfig.get(registry.store().repository(), remote), progress);
    }
}
