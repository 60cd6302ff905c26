package io.gitmodel.registry.errors;

/** A promotion request of that version into that stage is open already; nothing was changed. */
public class RequestExistsException extends RegistryException {
    private static final long serialVersionUID = 1L;
    private final String request;

    public RequestExistsException(String request, String message) {
        super(message);
        this.request = request;
    }

    /** The request: {@code requests/<stage>/<name>@v<N>}. */
    public String request() {
        return request;
    }
}
