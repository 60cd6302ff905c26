package io.gitmodel.registry.errors;

import java.nio.file.Path;

/** The directory to write into holds files already, and replacing them was not asked for; nothing was written. */
public class TargetExistsException extends RegistryException {
    private static final long serialVersionUID = 1L;
    private final transient Path target;

    public TargetExistsException(Path target, String message) {
        super(message);
        this.target = target;
    }

    /** The directory. */
    public Path target() {
        return target;
    }
}
