package io.gitmodel.registry.internal.transport;

import io.gitmodel.registry.Artifact;
import io.gitmodel.registry.Sha256;
import io.gitmodel.registry.errors.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Where a remote keeps artifact bytes: another repository's LFS store, or a Git LFS server. */
interface LfsRemote {
    /** Whether the remote has the object, with that size. */
    boolean has(Sha256 oid, long size) throws IOException;

    /** Of these artifacts, the ones the remote lacks (a server answers for many in one request). */
    default List<Artifact> missing(Collection<Artifact> artifacts) throws IOException, RegistryException {
        List<Artifact> missing = new ArrayList<>();
        for (Artifact a : artifacts) {
            if (!has(a.oid(), a.size())) {
                missing.add(a);
            }
        }
        return missing;
    }

    /** Announces the objects about to be opened, so a server can be asked about them together. */
    default void prepareDownloads(Collection<Artifact> artifacts) throws IOException, RegistryException {
    }

    /** Opens the object; the caller verifies what it reads. */
    InputStream open(Sha256 oid, long size) throws IOException, RegistryException;

    /** Stores an object on the remote; the remote verifies the bytes and stores nothing on a mismatch. */
    void upload(Sha256 oid, long size, InputStream in) throws IOException, RegistryException;
}
