package io.gitmodel.cli;

import io.gitmodel.registry.Principal;
import io.gitmodel.registry.RegistryPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * Who a rule of registry.yaml lets act: a rule is a list of roles or principal names (a stage's
 * signers or approvers, the admins), matched as the library matches them ({@link Principal#isIn}).
 * Only principals with a trusted (unrevoked) key count: the others can no longer sign anything.
 */
final class Who {
    private Who() {
    }

    /** Whether the principal still has a key that is not revoked. */
    static boolean trusted(Principal p) {
        return p.keys().stream().anyMatch(k -> k.revoked() == null);
    }

    /**
     * The principals with a trusted key the rule names, in registry.yaml's order; an empty rule
     * names everyone when {@code emptyMeansAnyone} (a stage's signers and approvers).
     */
    static List<String> principalsIn(RegistryPolicy policy, List<String> rule, boolean emptyMeansAnyone) {
        List<String> out = new ArrayList<>();
        for (Principal p : policy.principals()) {
            if (trusted(p) && (rule.isEmpty() ? emptyMeansAnyone : p.isIn(rule))) {
                out.add(p.name());
            }
        }
        return out;
    }

    /** The principals with a trusted key one entry of a rule (a role or a principal's name) stands for. */
    static List<String> principalsOf(RegistryPolicy policy, String entry) {
        return principalsIn(policy, List.of(entry), false);
    }
}
