package io.gitmodel.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An open promotion request, as {@code git-model requests} lists it: what it asks, who asked,
 * who approved it, and what stands between it and a merge.
 *
 * @param name which version into which stage
 * @param ref the branch it was found on: {@code refs/heads/requests/...}, or a remote's copy
 *     {@code refs/remotes/<remote>/requests/...} when there is no local one
 * @param commit the promotion commit the approvals must name, 40 hex digits
 * @param tip the branch's tip: the promotion commit or its newest approval
 * @param base the stage head the request was made on (empty if the stage branch did not exist)
 * @param requester who made the promotion commit (its committer)
 * @param requestedBy who signed it, as approvals are told apart: a principal's name, else the key
 *     fingerprint, else empty (unsigned)
 * @param requestedAt when
 * @param reason why, as the request says
 * @param approvers who approved it, counted (principal names, or key fingerprints without principals)
 * @param notCounted approvals that do not count, each with the reason
 * @param approvalsNeeded how many approvals the stage needs
 * @param current whether the stage is still where the request was made; a request on an older
 *     stage head must be made again ({@code request --replace})
 * @param problems the rules merging it would break, besides missing approvals
 */
public record PromotionRequest(RequestName name, String ref, String commit, String tip, String base, Person requester,
        String requestedBy, Instant requestedAt, String reason, List<String> approvers, List<String> notCounted, int approvalsNeeded,
        boolean current, List<Finding> problems) {
    public PromotionRequest {
        Objects.requireNonNull(name, "name");
        requestedBy = requestedBy == null ? "" : requestedBy;
        approvers = List.copyOf(approvers);
        notCounted = List.copyOf(notCounted);
        problems = List.copyOf(problems);
    }

    /** How many more approvals it needs. */
    public int approvalsMissing() {
        return Math.max(0, approvalsNeeded - approvers.size());
    }

    /** Whether {@code merge} would apply it now: current, approved enough, breaking no rule. */
    public boolean mergeable() {
        return current && approvalsMissing() == 0 && problems.isEmpty();
    }
}
