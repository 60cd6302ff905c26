package io.gitmodel.registry.errors;

/**
 * Root of the checked exceptions thrown by registry operations.
 *
 * <p>Subclasses carry the data a caller needs to react (the model, the ref, the file) as
 * fields, not only in the message. Invalid <em>input</em> is reported separately through
 * {@link InvalidInputException}, an unchecked exception, so that value types can validate in
 * their constructors.
 */
public abstract class RegistryException extends Exception {
    private static final long serialVersionUID = 1L;

    protected RegistryException(String message) {
        super(message);
    }

    protected RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
