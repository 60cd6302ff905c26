package io.gitmodel.registry;

import io.gitmodel.registry.errors.InvalidNameException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Someone the registry knows: a name (usually an email address, the principal of git's
 * allowed-signers file), the roles it has (for example {@code admin}, {@code ml-lead},
 * {@code risk}) and the keys it signs with.
 */
public record Principal(String name, List<String> roles, List<SigningKey> keys) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}");
    private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9_-]{0,39}");

    public Principal {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new InvalidNameException(name, "principal \"" + ModelName.printable(name) + "\" is invalid: 1-128 characters of"
                    + " A-Z, a-z, 0-9, '.', '_', '@', '+', '-', starting with a letter or digit (an email address is typical)");
        }
        roles = List.copyOf(roles);
        for (String role : roles) {
            checkRole(role);
        }
        keys = List.copyOf(keys);
    }

    /** Checks a role name: 1 to 40 characters of a-z, 0-9, '_', '-', starting with a letter. */
    public static String checkRole(String role) {
        if (role == null || !ROLE.matcher(role).matches()) {
            throw new InvalidNameException(role, "role \"" + (role == null ? "null" : ModelName.printable(role))
                    + "\" is invalid: must match [a-z][a-z0-9_-]* (at most 40 characters)");
        }
        return role;
    }

    /** Whether this principal is named in {@code who}, by name or by one of its roles. */
    public boolean isIn(List<String> who) {
        return who.contains(name) || roles.stream().anyMatch(who::contains);
    }
}
