package io.gitmodel.registry.errors;

/** A stage change that the registry's rules (registry.yaml) forbid; nothing was changed. */
public class StageRuleViolationException extends RegistryException {
    private static final long serialVersionUID = 1L;
    private final String stage;
    private final String rule;
    private final String model;
    private final int version;

    public StageRuleViolationException(String stage, String rule, String message) {
        this(stage, rule, null, 0, message);
    }

    /**
     * @param model the model the rule was broken for, or null
     * @param version the version concerned, 0 if none
     */
    public StageRuleViolationException(String stage, String rule, String model, int version, String message) {
        super(message);
        this.stage = stage;
        this.rule = rule;
        this.model = model;
        this.version = version;
    }

    /** The stage whose rule was broken. */
    public String stage() {
        return stage;
    }

    /** The rule, e.g. {@code requires: staging} or {@code metrics.auc >= 0.9}. */
    public String rule() {
        return rule;
    }

    /** The model the rule was broken for, or null if the rule concerns the stage alone. */
    public String model() {
        return model;
    }

    /** The version the rule was broken for, 0 if none. */
    public int version() {
        return version;
    }
}
