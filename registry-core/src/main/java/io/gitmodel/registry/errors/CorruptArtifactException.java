package io.gitmodel.registry.errors;

/** Artifact bytes whose sha256 or size does not match the pointer that names them. */
public class CorruptArtifactException extends RegistryException {
    private static final long serialVersionUID = 1L;
    private final String expectedOid;
    private final String actualOid;

    public CorruptArtifactException(String expectedOid, String actualOid, String message) {
        super(message);
        this.expectedOid = expectedOid;
        this.actualOid = actualOid;
    }

    public String expectedOid() {
        return expectedOid;
    }

    /** The sha256 of the bytes actually read, or {@code null} when the size alone was wrong. */
    public String actualOid() {
        return actualOid;
    }
}
