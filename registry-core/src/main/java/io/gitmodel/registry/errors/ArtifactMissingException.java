package io.gitmodel.registry.errors;

/** The registry knows the artifact but its bytes are not in the local object store. */
public class ArtifactMissingException extends RegistryException {
    private static final long serialVersionUID = 1L;
    private final String oid;

    public ArtifactMissingException(String oid, String message) {
        super(message);
        this.oid = oid;
    }

    public String oid() {
        return oid;
    }
}
