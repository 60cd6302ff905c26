package io.gitmodel.registry;

import io.gitmodel.registry.errors.ArtifactNotFoundException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.internal.store.RegistryStore;
import io.gitmodel.registry.internal.sync.LazyArtifacts;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Reading a version's artifacts: finding one by path, and opening its bytes (fetched on demand where a clone lacks them). */
final class ArtifactAccess {
    private ArtifactAccess() {
    }

    /** A stream that checks size and sha256 at its end. */
    static InputStream open(RegistryStore store, ModelVersion version, String path) throws RegistryException {
        Artifact artifact = find(version, ArtifactPath.of(path));
        String what = version.ref() + ":" + artifact.path();
        LazyArtifacts.fetchIfMissing(store, artifact, what);
        try {
            return store.objects().open(artifact.oid(), artifact.size(), what);
        } catch (IOException e) {
            throw new RegistryIOException("cannot open " + version.ref() + ":" + path, e);
        }
    }

    static Artifact find(ModelVersion version, ArtifactPath path) throws ArtifactNotFoundException {
        Optional<Artifact> artifact = version.artifact(path);
        if (artifact.isEmpty()) {
            throw new ArtifactNotFoundException(version.ref().toString(), path.value(), version.ref() + " has no artifact "
                    + path + "; its artifacts are: " + (version.artifacts().isEmpty() ? "(none)"
                            : String.join(", ", version.artifacts().stream().map(a -> a.path().value()).toList())));
        }
        return artifact.get();
    }
}
