package io.gitmodel.registry.errors;

/**
 * Input rejected before anything was changed: a name, a reference, a path or a value that
 * breaks a rule of the registry format. The message names the value and the rule.
 */
public class InvalidInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
