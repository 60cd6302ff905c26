package io.gitmodel.registry.errors;

/** A stored metadata file (model.yaml, registry.yaml, a pointer) that cannot be read. */
public class CorruptMetadataException extends RegistryException {
    private static final long serialVersionUID = 1L;
    private final String file;

    public CorruptMetadataException(String file, String message) {
        super(message);
        this.file = file;
    }

    public CorruptMetadataException(String file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** The file, as {@code <revision>:<path>}, e.g. {@code fraud@v2:models/fraud/model.yaml}. */
    public String file() {
        return file;
    }
}
