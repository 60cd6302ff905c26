package io.gitmodel.registry.internal.transport;

import io.gitmodel.registry.Sha256;
import io.gitmodel.registry.errors.RegistryException;
import java.io.IOException;
import java.io.InputStream;

/** Where a remote keeps artifact bytes: another repository's LFS store, or (later) a Git LFS server. */
public interface LfsRemote {
    /** Whether the remote has the object, with that size. */
    boolean has(Sha256 oid, long size) throws IOException;

    /** Opens the object; the caller verifies what it reads. */
    InputStream open(Sha256 oid, long size) throws IOException, RegistryException;

    /** Stores an object on the remote; the remote verifies the bytes and stores nothing on a mismatch. */
    void upload(Sha256 oid, long size, InputStream in) throws IOException, RegistryException;
}
