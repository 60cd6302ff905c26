package io.gitmodel.registry.internal.policy;

import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.SigningException;
import io.gitmodel.registry.errors.StageNotFoundException;
import io.gitmodel.registry.errors.StageRuleViolationException;
import java.util.List;

/** Turns the violations of a proposed change into the exception a caller of the library sees. */
public final class Violations {
    private Violations() {
    }

    /**
     * Throws for the first violation, if there is one: {@link StageNotFoundException} for an
     * undeclared stage, {@link SigningException} for a missing signature, otherwise
     * {@link StageRuleViolationException} naming the rule, model and version.
     *
     * @param howToSign what to do about a missing signing key, appended to that message
     */
    public static void throwFirst(List<Violation> violations, String howToSign) throws RegistryException {
        if (violations.isEmpty()) {
            return;
        }
        Violation v = violations.get(0);
        switch (v.rule()) {
            case DECLARED -> throw new StageNotFoundException(v.stage().value(), v.message());
            case SIGNED -> throw new SigningException(v.message() + " and no signing key is configured: " + howToSign);
            default -> throw new StageRuleViolationException(v.stage().value(), v.detail(),
                    v.model() == null ? null : v.model().value(), v.version(), v.message());
        }
    }
}
