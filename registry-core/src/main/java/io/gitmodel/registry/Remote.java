package io.gitmodel.registry;

import io.gitmodel.registry.errors.InvalidNameException;
import java.util.Objects;

/**
 * A remote registry, as configured in the repository ({@code remote.<name>.url}).
 *
 * @param name e.g. {@code origin}
 * @param url a local path, a {@code file://} URL, or (later) an HTTP(S) URL; credentials are never shown
 */
public record Remote(String name, String url) {
    /** The URL without user or password, for display. */
    public String displayUrl() {
        return io.gitmodel.registry.internal.store.RemoteConfig.redact(url);
    }

    @Override
    public String toString() {
        return "Remote[" + name + ", " + displayUrl() + "]";
    }

    public Remote {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}") || name.endsWith(".lock")) {
            throw new InvalidNameException(name, "remote name \"" + ModelName.printable(name)
                    + "\" is invalid: 1-64 characters of letters, digits, '.', '_', '-', starting with a letter or digit");
        }
        if (url.isBlank()) {
            throw new io.gitmodel.registry.errors.InvalidValueException("the URL of remote " + name + " is empty");
        }
    }
}
