package io.gitmodel.registry.internal.verify;

import io.gitmodel.registry.Finding;
import io.gitmodel.registry.internal.format.RegistryYaml;
import java.util.List;

/**
 * Reports every change of registry.yaml that is not in force: unreadable, or not signed by an
 * admin of the policy it replaced (a team member making themselves admin, an outsider adding a key).
 */
final class PolicyAudit {
    private final PolicyHistory policies;
    private final String branchRef;
    int changes;

    PolicyAudit(PolicyHistory policies, String branchRef) {
        this.policies = policies;
        this.branchRef = branchRef;
    }

    void check(List<Finding> out) {
        for (PolicyHistory.Change c : policies.changes()) {
            changes++;
            if (!c.inForce()) {
                out.add(new Finding(branchRef, c.commit().name(), null, 0, c.policy() == null ? RegistryYaml.FILE : "admins",
                        "commit " + c.commit().abbreviate(12).name() + " changed " + RegistryYaml.FILE + ", but " + c.refusal()
                                + "; an admin restores the policy with a signed commit (git-model policy set)"));
            }
        }
    }
}
