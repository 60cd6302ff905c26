package io.gitmodel.registry.errors;

/** No model of that name has been registered. */
public class ModelNotFoundException extends RegistryException {
    private static final long serialVersionUID = 1L;
    private final String model;

    public ModelNotFoundException(String model, String message) {
        super(message);
        this.model = model;
    }

    public String model() {
        return model;
    }
}
