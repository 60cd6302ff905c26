package io.gitmodel.registry;

import io.gitmodel.registry.errors.InvalidValueException;
import java.util.Objects;

/** A person as Git records one: a name and an email address. */
public record Person(String name, String email) {
    public Person {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        if (name.isBlank() || name.chars().anyMatch(c -> c < 0x20 || c == '<' || c == '>')) {
            throw new InvalidValueException("person name \"" + ModelName.printable(name)
                    + "\" is invalid: must be non-empty without '<', '>' or control characters");
        }
        if (email.chars().anyMatch(c -> c < 0x20 || c == '<' || c == '>')) {
            throw new InvalidValueException("email \"" + ModelName.printable(email) + "\" is invalid: must not contain '<', '>' or control characters");
        }
    }

    /** {@code Name <email>}, as in a Git commit header. */
    @Override
    public String toString() {
        return name + " <" + email + ">";
    }
}
