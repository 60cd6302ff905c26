package io.gitmodel.registry.errors;

/** The version has no artifact at that path. */
public class ArtifactNotFoundException extends RegistryException {
    private static final long serialVersionUID = 1L;
    private final String reference;
    private final String path;

    public ArtifactNotFoundException(String reference, String path, String message) {
        super(message);
        this.reference = reference;
        this.path = path;
    }

    /** The version, e.g. {@code fraud@v2}. */
    public String reference() {
        return reference;
    }

    /** The artifact path that was asked for. */
    public String path() {
        return path;
    }
}
