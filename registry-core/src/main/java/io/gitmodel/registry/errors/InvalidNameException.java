package io.gitmodel.registry.errors;

/** A model, stage, metric, parameter or tag name that breaks the naming rules. */
public class InvalidNameException extends InvalidInputException {
    private static final long serialVersionUID = 1L;
    private final String name;

    public InvalidNameException(String name, String message) {
        super(message);
        this.name = name;
    }

    /** The rejected name, as given. */
    public String name() {
        return name;
    }
}
