package io.gitmodel.registry.errors;

import java.io.IOException;

/**
 * Thrown by artifact streams at end of stream when the bytes read do not match the artifact's
 * sha256 or size. An {@link IOException} because streams can only throw those; the details are
 * in {@link #corruption()}.
 */
public class ArtifactIntegrityException extends IOException {
    private static final long serialVersionUID = 1L;

    public ArtifactIntegrityException(CorruptArtifactException corruption) {
        super(corruption.getMessage(), corruption);
    }

    public CorruptArtifactException corruption() {
        return (CorruptArtifactException) getCause();
    }
}
