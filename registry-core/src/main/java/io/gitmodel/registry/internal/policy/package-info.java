/**
 * The registry's rules in one place: given a proposed stage change (or a whole recorded stage
 * history) and the policy in registry.yaml, {@link io.gitmodel.registry.internal.policy.PolicyEvaluator}
 * returns every violation as data. Every command that changes a stage asks it before writing;
 * verification and hooks ask it about changes already made. It reads state only through
 * {@link io.gitmodel.registry.internal.policy.StageState}, so it knows nothing of Git.
 */
package io.gitmodel.registry.internal.policy;
