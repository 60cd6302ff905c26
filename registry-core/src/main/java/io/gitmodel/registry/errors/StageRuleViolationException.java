package io.gitmodel.registry.errors;

/** A stage change that the registry's rules (registry.yaml) forbid; nothing was changed. */
public class StageRuleViolationException extends RegistryException {
    private static final long serialVersionUID = 1L;
    private final String stage;
    private final String rule;

    public StageRuleViolationException(String stage, String rule, String message) {
        super(message);
        this.stage = stage;
        this.rule = rule;
    }

    /** The stage whose rule was broken. */
    public String stage() {
        return stage;
    }

    /** The rule, e.g. {@code requires: staging} or {@code metrics.auc >= 0.9}. */
    public String rule() {
        return rule;
    }
}
