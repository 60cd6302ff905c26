package io.gitmodel.registry.errors;

/** A metric, parameter, tag, dataset or other metadata value that breaks a rule (NaN, wrong type, too long). */
public class InvalidValueException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public InvalidValueException(String message) {
        super(message);
    }
}
