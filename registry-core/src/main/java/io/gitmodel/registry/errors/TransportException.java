package io.gitmodel.registry.errors;

/**
 * A push, fetch, pull or clone failed: the remote is unreachable or not a registry, refused the
 * update (a version tag would move, stage history would be rewritten), or sent bad data. The
 * local registry is unchanged; the message says what to do.
 */
public class TransportException extends RegistryException {
    private static final long serialVersionUID = 1L;
    private final String remote;

    public TransportException(String remote, String message) {
        super(message);
        this.remote = remote;
    }

    public TransportException(String remote, String message, Throwable cause) {
        super(message, cause);
        this.remote = remote;
    }

    /** The remote's name or URL. */
    public String remote() {
        return remote;
    }
}
