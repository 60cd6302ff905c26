package io.gitmodel.registry.errors;

/** The stage is not declared in registry.yaml. */
public class StageNotFoundException extends RegistryException {
    private static final long serialVersionUID = 1L;
    private final String stage;

    public StageNotFoundException(String stage, String message) {
        super(message);
        this.stage = stage;
    }

    public String stage() {
        return stage;
    }
}
