package io.gitmodel.registry;

import java.util.Objects;

/**
 * Something in the registry that breaks its policy, as verification reports it: where it is, which
 * rule, and what to do.
 *
 * @param ref the ref it was found on, e.g. {@code refs/heads/stages/production} or {@code refs/tags/fraud@v2}
 * @param commit the commit (or tag object) at fault, 40 hex digits, or empty when it is about a ref
 * @param model the model concerned, or null
 * @param version the version concerned, 0 if none
 * @param rule the rule broken, e.g. {@code signed}, {@code stages.production.signers}, {@code requires: staging}
 * @param message what is wrong and what to do, for people
 */
public record Finding(String ref, String commit, ModelName model, int version, String rule, String message) {
    public Finding {
        Objects.requireNonNull(ref, "ref");
        commit = commit == null ? "" : commit;
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    /** One line: {@code <ref> <commit12> [<model@vN>] <rule>: <message>}. */
    @Override
    public String toString() {
        return ref + (commit.isEmpty() ? "" : " " + commit.substring(0, Math.min(12, commit.length())))
                + (model == null ? "" : " " + model + (version > 0 ? "@v" + version : "")) + " [" + rule + "] " + message;
    }
}
