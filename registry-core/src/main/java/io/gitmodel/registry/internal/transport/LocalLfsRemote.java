package io.gitmodel.registry.internal.transport;

import io.gitmodel.registry.Sha256;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.internal.lfs.LfsObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** The LFS store of a repository on this machine (a local path or {@code file://} remote). */
final class LocalLfsRemote implements LfsRemote {
    private final LfsObjectStore store;

    LocalLfsRemote(Path gitDir) {
        this.store = new LfsObjectStore(gitDir);
    }

    @Override
    public boolean has(Sha256 oid, long size) {
        return store.contains(oid, size);
    }

    @Override
    public InputStream open(Sha256 oid, long size) throws IOException, RegistryException {
        return store.open(oid, size, "remote object " + oid.hex());
    }

    @Override
    public void upload(Sha256 oid, long size, InputStream in) throws IOException, RegistryException {
        store.insertVerified(in, oid, size, done -> { });
    }
}
