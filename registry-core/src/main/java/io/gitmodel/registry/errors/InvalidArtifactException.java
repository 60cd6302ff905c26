package io.gitmodel.registry.errors;

import java.nio.file.Path;

/**
 * An artifact source that cannot be registered: missing, a symbolic link, not a regular file,
 * changed while it was read, or a second artifact with the same path.
 */
public class InvalidArtifactException extends RegistryException {
    private static final long serialVersionUID = 1L;
    private final transient Path source;

    public InvalidArtifactException(Path source, String message) {
        super(message);
        this.source = source;
    }

    /** The file or directory on disk that was rejected. */
    public Path source() {
        return source;
    }
}
