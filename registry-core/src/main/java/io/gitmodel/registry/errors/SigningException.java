package io.gitmodel.registry.errors;

/** A stage commit could not be signed: no key configured, the key is unusable, or the signing program failed. */
public class SigningException extends RegistryException {
    private static final long serialVersionUID = 1L;

    public SigningException(String message) {
        super(message);
    }

    public SigningException(String message, Throwable cause) {
        super(message, cause);
    }
}
