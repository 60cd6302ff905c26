package io.gitmodel.registry.testing;

import static io.gitmodel.registry.testing.HandClone.approvalMessage;
import static io.gitmodel.registry.testing.HandClone.stageFile;
import static io.gitmodel.registry.testing.HandClone.stageMessage;

import io.gitmodel.registry.Registry;
import java.util.List;
import java.util.Map;

/**
 * The attacks on a {@link GovernedRegistry} that verification and the pre-receive hook must
 * reject, each made by someone with push access using the real git CLI and real keys. The
 * legitimate steps around them (a request, honest approvals) are made with git-model. Each
 * returns the commit at fault and the result of the decisive {@code git push}.
 */
public final class Attacks {
    private final GovernedRegistry g;

    public Attacks(GovernedRegistry g) {
        this.g = g;
    }

    /**
     * @param commit the commit at fault (the one a finding names), or null when the fault is a ref
     * @param push the decisive push: accepted without a hook, rejected with one
     */
    public record Attempt(String commit, GitCli.Result push) {
    }

    public Attempt unsignedPromotion() throws Exception {
        HandClone c = g.clone(g.dan);
        String forged = c.commit("stages/staging", Map.of("fraud.yaml", stageFile("fraud", "staging", 3, "promote", "dan")),
                stageMessage("promote", "staging", "fraud", 3, 0), false);
        return new Attempt(forged, c.push("stages/staging"));
    }

    public Attempt keyOutsidePolicy() throws Exception {
        HandClone c = g.clone(g.mallory);
        String forged = c.commit("stages/staging", Map.of("fraud.yaml", stageFile("fraud", "staging", 3, "promote", "mallory")),
                stageMessage("promote", "staging", "fraud", 3, 0), true);
        return new Attempt(forged, c.push("stages/staging"));
    }

    /** mallory commits as bo (author and committer), signed with her own key. */
    public Attempt claimedIdentity() throws Exception {
        HandClone c = g.clone(g.mallory);
        String forged = c.commit("stages/staging", Map.of("fraud.yaml", stageFile("fraud", "staging", 3, "promote", "bo")),
                stageMessage("promote", "staging", "fraud", 3, 0), true, Map.of("GIT_AUTHOR_NAME", "bo", "GIT_AUTHOR_EMAIL",
                        "bo@example.com", "GIT_COMMITTER_NAME", "bo", "GIT_COMMITTER_EMAIL", "bo@example.com"));
        return new Attempt(forged, c.push("stages/staging"));
    }

    /** bo requests fraud@v2 into production and approves it himself; cy approves; dan merges. */
    public Attempt selfApproval() throws Exception {
        String change = request(g.bo, "fraud@v2");
        HandClone bo = g.clone(g.bo);
        bo.commit("requests/production/fraud@v2", Map.of(), approvalMessage(change, "production"), true);
        bo.push("requests/production/fraud@v2").ok();
        g.approve("fraud@v2:production", g.cy);
        return mergeByHand("requests/production/fraud@v2");
    }

    /** cy approves twice; no one else does. */
    public Attempt sameApproverTwice() throws Exception {
        String change = request(g.dan, "fraud@v2");
        g.approve("fraud@v2:production", g.cy);
        HandClone cy = g.clone(g.cy);
        cy.commit("requests/production/fraud@v2", Map.of(), approvalMessage(change, "production"), true);
        cy.push("requests/production/fraud@v2").ok();
        return mergeByHand("requests/production/fraud@v2");
    }

    /** bo and cy sign approvals naming a commit other than the request's promotion. */
    public Attempt approvalOfAnotherCommit() throws Exception {
        request(g.dan, "fraud@v2");
        String other = g.git("rev-parse", "stages/production").ok().stdout().trim();
        for (Team.Member reviewer : List.of(g.bo, g.cy)) {
            HandClone c = g.clone(reviewer);
            c.commit("requests/production/fraud@v2", Map.of(), approvalMessage(other, "production"), true);
            c.push("requests/production/fraud@v2").ok();
        }
        return mergeByHand("requests/production/fraud@v2");
    }

    /** bo and cy approve a request for fraud@v2; dan copies their approvals onto his own request for fraud@v3. */
    public Attempt copiedApprovals() throws Exception {
        request(g.dan, "fraud@v2");
        g.approve("fraud@v2:production", g.bo, g.cy);
        HandClone dan = g.clone(g.dan);
        dan.git("checkout", "-q", "-B", "requests/production/fraud@v3", "origin/stages/production").ok();
        dan.commit("requests/production/fraud@v3", Map.of("fraud.yaml", stageFile("fraud", "production", 3, "promote", "dan")),
                stageMessage("promote", "production", "fraud", 3, 1), true);
        String tip = dan.git("rev-parse", "origin/requests/production/fraud@v2").ok().stdout().trim();
        dan.git("-c", "commit.gpgsign=false", "cherry-pick", "--allow-empty", tip + "~1", tip).ok();
        dan.push("requests/production/fraud@v3").ok();
        return mergeByHand("requests/production/fraud@v3");
    }

    /** After bo and cy approved fraud@v2, dan changes the request so that production gets v3. */
    public Attempt requestChangedAfterApproval() throws Exception {
        request(g.dan, "fraud@v2");
        g.approve("fraud@v2:production", g.bo, g.cy);
        HandClone dan = g.clone(g.dan);
        dan.commit("requests/production/fraud@v2", Map.of("fraud.yaml", stageFile("fraud", "production", 3, "promote", "dan")),
                stageMessage("promote", "production", "fraud", 3, 2), true);
        dan.push("requests/production/fraud@v2").ok();
        return mergeByHand("requests/production/fraud@v2");
    }

    /** mallory moves the tag fraud@v1 to the commit that registered v2. */
    public Attempt movedTag() {
        HandClone c = g.clone(g.mallory);
        String later = c.git("rev-parse", "fraud@v2^{commit}").ok().stdout().trim();
        c.git("-c", "tag.gpgsign=false", "tag", "-f", "-a", "fraud@v1", "-m", "moved", later).ok();
        return new Attempt(later, c.push("--force", "refs/tags/fraud@v1"));
    }

    /** mallory deletes the tag of fraud@v2, which is in staging. */
    public Attempt deletedTag() {
        return new Attempt(null, g.clone(g.mallory).push(":refs/tags/fraud@v2"));
    }

    /** mallory force-pushes stages/staging one change back. */
    public Attempt forcePushedStageHistory() {
        HandClone c = g.clone(g.mallory);
        return new Attempt(null, c.push("--force", "origin/stages/staging~1:refs/heads/stages/staging"));
    }

    /** dan relaxes production to no approvals in registry.yaml, then promotes fraud@v2 there directly. */
    public Attempt policyChangeByNonAdmin() throws Exception {
        HandClone dan = g.clone(g.dan);
        String yaml = dan.show("origin/main", "registry.yaml");
        String change = dan.commit("main", Map.of("registry.yaml", yaml.replace("approvals: 2", "approvals: 0")),
                "relax production", true);
        dan.commit("stages/production", Map.of("fraud.yaml", stageFile("fraud", "production", 2, "promote", "dan")),
                stageMessage("promote", "production", "fraud", 2, 1), true);
        return new Attempt(change, dan.push("main", "stages/production"));
    }

    /** fraud@v3 has auc 0.80: mallory makes it 0.97 on the registry branch and moves the tag to her commit. */
    public Attempt gateBypassedByEditedMetadata() throws Exception {
        HandClone c = g.clone(g.mallory);
        String yaml = c.show("origin/main", "models/fraud/model.yaml");
        String edited = c.commit("main", Map.of("models/fraud/model.yaml", yaml.replace("0.8", "0.97")), "tune", false);
        c.git("-c", "tag.gpgsign=false", "tag", "-f", "-a", "fraud@v3", "-m", "fraud@v3", edited).ok();
        return new Attempt(edited, c.push("main", "--force", "refs/tags/fraud@v3"));
    }

    /** mallory edits fraud@v3's metadata on the registry branch, without touching the tag. */
    public Attempt metadataEditedAfterRegistration() throws Exception {
        HandClone c = g.clone(g.mallory);
        String yaml = c.show("origin/main", "models/fraud/model.yaml");
        String edited = c.commit("main", Map.of("models/fraud/model.yaml", yaml.replace("0.8", "0.97")), "tune", false);
        return new Attempt(edited, c.push("main"));
    }

    /** fraud@v3 was never in staging: dan requests it into production by hand, bo and cy approve, dan merges. */
    public Attempt skippedRequiredStage() throws Exception {
        HandClone dan = g.clone(g.dan);
        dan.git("checkout", "-q", "-B", "requests/production/fraud@v3", "origin/stages/production").ok();
        dan.commit("requests/production/fraud@v3", Map.of("fraud.yaml", stageFile("fraud", "production", 3, "promote", "dan")),
                stageMessage("promote", "production", "fraud", 3, 1), true);
        dan.push("requests/production/fraud@v3").ok();
        g.approve("fraud@v3:production", g.bo, g.cy);
        return mergeByHand("requests/production/fraud@v3");
    }

    /** A request made with git-model; returns its promotion commit. */
    public String request(Team.Member requester, String ref) throws Exception {
        try (Registry r = requester.open(g.server)) {
            return r.request(ref, "production").reason("better auc").call().commit();
        }
    }

    /** dan merges the request as a forge would: git merge --no-ff, signed, and pushes. */
    public Attempt mergeByHand(String request) {
        HandClone c = g.clone(g.dan);
        c.git("checkout", "-q", "-B", "stages/production", "origin/stages/production").ok();
        c.git("-c", "commit.gpgsign=false", "merge", "-q", "--no-ff", "-S", "-m", "Merge " + request, "origin/" + request).ok();
        String merge = c.git("rev-parse", "HEAD").ok().stdout().trim();
        return new Attempt(merge, c.push("stages/production"));
    }
}
