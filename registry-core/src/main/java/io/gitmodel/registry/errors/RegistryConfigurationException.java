package io.gitmodel.registry.errors;

/** Missing or invalid configuration, such as no committer identity; the message says how to fix it. */
public class RegistryConfigurationException extends RegistryException {
    private static final long serialVersionUID = 1L;

    public RegistryConfigurationException(String message) {
        super(message);
    }
}
