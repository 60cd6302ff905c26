package io.gitmodel.registry.errors;

/** A model reference such as {@code fraud@v2} that cannot be parsed. */
public class InvalidReferenceException extends InvalidInputException {
    private static final long serialVersionUID = 1L;
    private final String reference;

    public InvalidReferenceException(String reference, String message) {
        super(message);
        this.reference = reference;
    }

    /** The rejected reference, as given. */
    public String reference() {
        return reference;
    }
}
