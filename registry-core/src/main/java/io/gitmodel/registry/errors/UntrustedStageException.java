package io.gitmodel.registry.errors;

import java.util.List;

/**
 * A read that names a stage found that the stage commit it would answer from breaks the policy
 * (unsigned where signing is required, an unknown or revoked signer, a change the rules forbid):
 * reads fail closed. Nothing was read; {@code git-model verify} reports the whole registry.
 */
public class UntrustedStageException extends RegistryException {
    private static final long serialVersionUID = 1L;
    private final String stage;
    private final String commit;
    private final List<String> rules;

    /**
     * @param commit the stage commit at fault
     * @param rules the rules it breaks
     */
    public UntrustedStageException(String stage, String commit, List<String> rules, String message) {
        super(message);
        this.stage = stage;
        this.commit = commit;
        this.rules = List.copyOf(rules);
    }

    public String stage() {
        return stage;
    }

    public String commit() {
        return commit;
    }

    public List<String> rules() {
        return rules;
    }
}
