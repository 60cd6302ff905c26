package io.gitmodel.registry.errors;

/** An I/O or Git failure, wrapped with what the registry was doing at the time. */
public class RegistryIOException extends RegistryException {
    private static final long serialVersionUID = 1L;

    public RegistryIOException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
