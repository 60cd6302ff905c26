package io.gitmodel.registry.errors;

import java.nio.file.Path;

/** The directory is not a Git repository, or the repository has no registry branch. */
public class NotARegistryException extends RegistryException {
    private static final long serialVersionUID = 1L;
    private final transient Path directory;

    public NotARegistryException(Path directory, String message) {
        super(message);
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }
}
