package io.gitmodel.registry.internal.policy;

import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.StageName;
import java.util.Objects;

/**
 * One broken rule.
 *
 * @param rule the kind of rule
 * @param detail the rule as registry.yaml states it ({@code requires: staging}, {@code metrics.auc >= 0.9})
 *     or a short name ({@code archived}, {@code already held})
 * @param stage the stage whose rule it is
 * @param model the model concerned, or null if the violation is about the stage alone
 * @param version the version concerned, 0 if none
 * @param message what is wrong and what to do, for people
 */
public record Violation(Rule rule, String detail, StageName stage, ModelName model, int version, String message) {
    public Violation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(message, "message");
    }
}
