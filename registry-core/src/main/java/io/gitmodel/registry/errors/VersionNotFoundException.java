package io.gitmodel.registry.errors;

/** The model exists but the reference names no version of it (unknown number, empty stage). */
public class VersionNotFoundException extends RegistryException {
    private static final long serialVersionUID = 1L;
    private final String reference;

    public VersionNotFoundException(String reference, String message) {
        super(message);
        this.reference = reference;
    }

    /** The reference that did not resolve, e.g. {@code fraud@v9}. */
    public String reference() {
        return reference;
    }
}
