package io.gitmodel.registry.errors;

/**
 * A compare-and-swap ref update lost against another writer and could not be retried.
 * Nothing was published by this call.
 */
public class ConcurrentUpdateException extends RegistryException {
    private static final long serialVersionUID = 1L;
    private final String ref;
    private final String expected;
    private final String actual;

    public ConcurrentUpdateException(String ref, String expected, String actual, String message) {
        super(message);
        this.ref = ref;
        this.expected = expected;
        this.actual = actual;
    }

    /** The Git ref that moved, e.g. {@code refs/heads/main}. */
    public String ref() {
        return ref;
    }

    /** The object id this writer expected the ref to hold, or {@code null} for "must not exist". */
    public String expected() {
        return expected;
    }

    /** The object id the ref held when the update was refused, or {@code null} if unknown. */
    public String actual() {
        return actual;
    }
}
