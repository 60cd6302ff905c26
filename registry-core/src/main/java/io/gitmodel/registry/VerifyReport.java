package io.gitmodel.registry;

import java.util.List;

/**
 * What {@code verify} found: every violation of the policy over the registry's whole history, and
 * how much was checked.
 *
 * @param findings the violations, one per rule broken per commit or ref; empty if all is well
 * @param stageCommits stage-branch commits judged
 * @param policyChanges changes of registry.yaml checked
 * @param versions version tags checked
 * @param artifacts artifact files checked against their sha256 (0 when artifacts were skipped)
 * @param artifactBytes bytes hashed (each stored object once)
 */
public record VerifyReport(List<Finding> findings, int stageCommits, int policyChanges, int versions, int artifacts,
        long artifactBytes) {
    public VerifyReport {
        findings = List.copyOf(findings);
    }

    /** Whether nothing breaks the policy. */
    public boolean ok() {
        return findings.isEmpty();
    }
}
