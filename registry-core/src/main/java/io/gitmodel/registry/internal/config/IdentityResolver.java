package io.gitmodel.registry.internal.config;

import io.gitmodel.registry.Person;
import io.gitmodel.registry.errors.RegistryConfigurationException;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Config;

/** Works out who is acting, the way git does for an author: environment, then configuration. */
public final class IdentityResolver {
    private IdentityResolver() {
    }

    public static Person resolve(Optional<Person> override, Map<String, String> env, Config config)
            throws RegistryConfigurationException {
        if (override.isPresent()) {
            return override.get();
        }
        String name = firstNonEmpty(env.get("GIT_AUTHOR_NAME"), config.getString("author", null, "name"),
                config.getString("user", null, "name"));
        String email = firstNonEmpty(env.get("GIT_AUTHOR_EMAIL"), config.getString("author", null, "email"),
                config.getString("user", null, "email"), env.get("EMAIL"));
        if (name == null || email == null) {
            throw new RegistryConfigurationException("who is registering? No identity is configured: run"
                    + " git config --global user.name \"Your Name\" and git config --global user.email you@example.com,"
                    + " or set GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL, or pass an identity to the registry");
        }
        return new Person(name, email);
    }

    private static String firstNonEmpty(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }
}
