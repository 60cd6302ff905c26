package io.gitmodel.registry.errors;

/** The registry was written in a format this version of git-model does not understand. */
public class UnsupportedFormatException extends RegistryException {
    private static final long serialVersionUID = 1L;
    private final int found;
    private final int supported;

    public UnsupportedFormatException(int found, int supported, String message) {
        super(message);
        this.found = found;
        this.supported = supported;
    }

    public int found() {
        return found;
    }

    public int supported() {
        return supported;
    }
}
