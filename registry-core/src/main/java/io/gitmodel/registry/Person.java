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

    /**
     * Parses {@code Name <email>} as Git writes an identity; text without an {@code <email>} part
     * is a name alone (a file written by hand).
     *
     * @throws io.gitmodel.registry.errors.InvalidValueException if it is blank or the name holds '<', '>' or control characters
     */
    public static Person parse(String text) {
        Objects.requireNonNull(text, "text");
        int lt = text.lastIndexOf('<');
        if (lt > 0 && text.endsWith(">")) {
            return new Person(text.substring(0, lt).strip(), text.substring(lt + 1, text.length() - 1));
        }
        return new Person(text.strip(), "");
    }

    /** {@code Name <email>}, as in a Git commit header, or the name alone when there is no email. */
    @Override
    public String toString() {
        return email.isEmpty() ? name : name + " <" + email + ">";
    }
}
