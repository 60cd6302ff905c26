package io.gitmodel.registry.errors;

/** No promotion request of that name: neither a request branch here nor a remote's copy. */
public class RequestNotFoundException extends RegistryException {
    private static final long serialVersionUID = 1L;
    private final String request;

    public RequestNotFoundException(String request, String message) {
        super(message);
        this.request = request;
    }

    /** The request, as named: {@code requests/<stage>/<name>@v<N>}. */
    public String request() {
        return request;
    }
}
