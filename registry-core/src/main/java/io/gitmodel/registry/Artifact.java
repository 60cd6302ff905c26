package io.gitmodel.registry;

import java.util.Objects;

/**
 * One artifact file of a model version: its path, the sha256 of its bytes (the Git LFS object
 * id), its size and its media type.
 */
public record Artifact(ArtifactPath path, Sha256 oid, long size, String mediaType) {
    public Artifact {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(oid, "oid");
        Objects.requireNonNull(mediaType, "mediaType");
        if (size < 0) {
            throw new IllegalArgumentException("size " + size + " of artifact " + path + " is negative");
        }
    }
}
