package io.gitmodel.registry.errors;

/** An artifact path that is absolute, escapes the artifact root, or uses forbidden segments. */
public class UnsafePathException extends InvalidInputException {
    private static final long serialVersionUID = 1L;
    private final String path;

    public UnsafePathException(String path, String message) {
        super(message);
        this.path = path;
    }

    /** The rejected path, as given. */
    public String path() {
        return path;
    }
}
