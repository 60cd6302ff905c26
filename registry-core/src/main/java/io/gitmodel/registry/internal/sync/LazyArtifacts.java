package io.gitmodel.registry.internal.sync;

import io.gitmodel.registry.Artifact;
import io.gitmodel.registry.ProgressListener;
import io.gitmodel.registry.Remote;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.internal.store.RegistryStore;
import io.gitmodel.registry.internal.store.RemoteConfig;
import io.gitmodel.registry.internal.transport.ArtifactTransfer;
import java.util.Optional;

/**
 * Artifact bytes fetched on demand: after a metadata-only clone or pull, a read of an artifact
 * that is not in the local store downloads it from the remote the metadata came from
 * ({@code gitmodel.lazyRemote}), verified against its sha256 before it is stored.
 */
public final class LazyArtifacts {
    private LazyArtifacts() {
    }

    /** Makes sure the artifact's bytes are in the local store, if a lazy remote can provide them. */
    public static void fetchIfMissing(RegistryStore store, Artifact artifact, String what) throws RegistryException {
        if (store.objects().contains(artifact.oid(), artifact.size())) {
            return;
        }
        Optional<String> lazy = RemoteConfig.lazyRemote(store.repository());
        if (lazy.isEmpty()) {
            return;
        }
        Remote remote = RemoteConfig.get(store.repository(), lazy.get());
        new ArtifactTransfer(store.repository(), store.objects(), ProgressListener.NONE)
                .downloadOne(artifact, what, remote, store.config().environment());
    }
}
