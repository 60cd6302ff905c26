package io.gitmodel.registry;

import io.gitmodel.registry.errors.InvalidValueException;
import java.util.Objects;

/**
 * A person as Git records one: a name and an email address, {@code Name <email>}. Text written by
 * hand that is not in that form (a {@code created_by} of {@code ci-bot}) is kept as a name with no
 * email ({@code email() == null}), so that it reads and writes back exactly as it was.
 *
 * @param name the name; with an email, without '<' and '>'
 * @param email the email address, possibly empty ({@code Bot <>}), or null when the text named none
 */
public record Person(String name, String email) {

    public Person {
        Objects.requireNonNull(name, "name");
        boolean identity = email != null;
        if (name.isBlank() || name.chars().anyMatch(c -> c < 0x20 || identity && (c == '<' || c == '>'))) {
            throw new InvalidValueException("person name \"" + ModelName.printable(name) + "\" is invalid: must be non-empty"
                    + (identity ? " without '<', '>' or control characters" : " without control characters"));
        }
        if (identity && email.chars().anyMatch(c -> c < 0x20 || c == '<' || c == '>')) {
            throw new InvalidValueException("email \"" + ModelName.printable(email) + "\" is invalid: must not contain '<', '>' or control characters");
        }
    }

    /**
     * Parses {@code Name <email>} as Git writes an identity; any other text is a name alone.
     * {@code parse(text).toString()} gives {@code text} back.
     *
     * @throws io.gitmodel.registry.errors.InvalidValueException if it is blank or holds control characters
     */
    public static Person parse(String text) {
        Objects.requireNonNull(text, "text");
        // "Name <email>" ({@code ([^<>]*[^<> ]) <([^<>]*)>}) without a regular expression: listings parse 100,000
        int lt = text.indexOf('<');
        int gt = text.indexOf('>');
        if (lt >= 2 && lt == text.lastIndexOf('<') && gt == text.length() - 1 && text.charAt(lt - 1) == ' '
                && text.charAt(lt - 2) != ' ') {
            return new Person(text.substring(0, lt - 1), text.substring(lt + 1, gt));
        }
        return new Person(text, null);
    }

    /** Whether this is a Git identity (name and email), as a commit's author must be. */
    public boolean isIdentity() {
        return email != null;
    }

    /** {@code Name <email>}, as in a Git commit header, or the name alone when there is no email. */
    @Override
    public String toString() {
        return email == null ? name : name + " <" + email + ">";
    }
}
