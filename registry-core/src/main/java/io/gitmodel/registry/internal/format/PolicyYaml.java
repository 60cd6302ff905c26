package io.gitmodel.registry.internal.format;

import io.gitmodel.registry.RegistryPolicy;
import io.gitmodel.registry.StageRules;
import io.gitmodel.registry.errors.CorruptMetadataException;
import io.gitmodel.registry.StageName;
import io.gitmodel.registry.internal.policy.Gate;
import io.gitmodel.registry.internal.policy.expr.ExpressionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules part of registry.yaml:
 * <pre>
 * signing:
 *   required: true            # default for every stage
 *   allowed_signers: []       # without principals: names, emails or fingerprints; empty = any verified signature
 * principals: {…}             # the team: see {@link PrincipalsYaml}
 * admins: [admin]             # roles or principals who may change registry.yaml
 * stages:
 *   production:
 *     description: serving live traffic
 *     requires: staging       # must have been in staging first
 *     gates: ["metrics.auc >= 0.90"]
 *     approvals: 0
 *     signed: true            # overrides signing.required
 *     multi_valued: false
 *     signers: [ml-lead]      # roles or principals who may sign its changes; empty = every principal
 *     approvers: [risk]       # roles or principals who may approve requests into it; empty = every principal
 *     forge_merges: false     # an approved request may be merged by an unsigned merge commit
 * </pre>
 */
public final class PolicyYaml {
    private PolicyYaml() {
    }

    public static RegistryPolicy read(Map<String, Object> doc, String file) throws CorruptMetadataException {
        Fields root = new Fields(doc, file);
        Fields signing = new Fields(root.map("signing"), file + " (signing)");
        boolean required = !signing.has("required") || signing.optionalBoolean("required");
        List<String> allowed = signing.listOfStrings("allowed_signers");
        List<StageRules> stages = new ArrayList<>();
        Map<String, Object> declared = root.map(Keys.STAGES);
        for (Map.Entry<String, Object> e : declared.entrySet()) {
            String where = file + " (stage " + e.getKey() + ")";
            StageName name;
            try {
                name = StageName.of(e.getKey());
            } catch (IllegalArgumentException bad) {
                throw new CorruptMetadataException(file, where + ": " + bad.getMessage());
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> body = e.getValue() == null ? new LinkedHashMap<>()
                    : e.getValue() instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
            if (body == null) {
                throw new CorruptMetadataException(file, where + " must be a mapping");
            }
            Fields s = new Fields(body, where);
            String requiredName = s.nullableString("requires");
            if (requiredName != null && !declared.containsKey(requiredName)) {
                throw new CorruptMetadataException(file, where + ": requires unknown stage '" + requiredName + "'");
            }
            StageName requires = requiredName == null ? null : StageName.of(requiredName);
            List<String> gates = s.listOfStrings("gates");
            for (String g : gates) {
                try {
                    Gate.parse(g);
                } catch (ExpressionException bad) {
                    // one line: the column names the place (the caret lines of the message need a terminal of their own)
                    throw new CorruptMetadataException(file, where + ": " + bad.summary());
                }
            }
            int approvals = s.has("approvals") ? s.requiredInt("approvals") : 0;
            boolean signed = s.has("signed") ? s.optionalBoolean("signed") : required;
            List<String> signers = s.listOfStrings("signers");
            List<String> approvers = s.listOfStrings("approvers");
            stages.add(new StageRules(name, s.optionalString("description"), requires, s.optionalBoolean("multi_valued"),
                    gates, approvals, signed, signers, approvers, s.optionalBoolean("forge_merges")));
        }
        return new RegistryPolicy(stages, allowed, PrincipalsYaml.read(root, file), root.listOfStrings(PrincipalsYaml.ADMINS));
    }
}
