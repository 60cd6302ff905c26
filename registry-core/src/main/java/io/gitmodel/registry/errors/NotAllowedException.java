package io.gitmodel.registry.errors;

/**
 * The policy does not let this signer do this: change registry.yaml without being an admin, sign a
 * stage's changes without being one of its signers, approve without being one of its approvers.
 * Nothing was published.
 */
public class NotAllowedException extends RegistryException {
    private static final long serialVersionUID = 1L;
    private final String signer;
    private final String rule;

    /**
     * @param signer who signed (a principal, or a key fingerprint when no principal has the key), or empty if unsigned
     * @param rule the rule of registry.yaml, e.g. {@code admins} or {@code stages.production.signers}
     */
    public NotAllowedException(String signer, String rule, String message) {
        super(message);
        this.signer = signer == null ? "" : signer;
        this.rule = rule;
    }

    public String signer() {
        return signer;
    }

    public String rule() {
        return rule;
    }
}
