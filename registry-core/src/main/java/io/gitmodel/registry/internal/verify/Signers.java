package io.gitmodel.registry.internal.verify;

import io.gitmodel.registry.Finding;
import io.gitmodel.registry.Principal;
import io.gitmodel.registry.RegistryPolicy;
import io.gitmodel.registry.SignatureCheck;
import io.gitmodel.registry.StageName;
import io.gitmodel.registry.StageRules;
import io.gitmodel.registry.internal.sign.CommitVerifier;
import io.gitmodel.registry.internal.verify.PolicyHistory.Regime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Who signed a stage change and who approved it, judged under the regime of the commit: a signed
 * stage takes changes by its signers, and a stage with approvals takes enough distinct approvers
 * allowed for it, none of them the requester, each naming the very change. For a push, only keys
 * trusted now sign anything.
 */
final class Signers {
    private final PolicyHistory policies;
    /** When the commits being judged are pushed; null when judging recorded history. */
    private final Supplier<Instant> pushedAt;

    Signers(PolicyHistory policies, Supplier<Instant> pushedAt) {
        this.policies = policies;
        this.pushedAt = pushedAt;
    }

    /** A signature as the regime sees it; for a push, only by keys trusted now. */
    CommitVerifier.Verified verify(Regime r, RevCommit commit) {
        CommitVerifier.Verified v = r.verifier().verify(commit);
        RegistryPolicy now = policies.current().policy();
        if (pushedAt.get() == null || !v.trusted() || !now.declaresPrincipals()) {
            return v;
        }
        boolean trustedNow = now.principals().stream().flatMap(p -> p.keys().stream())
                .anyMatch(k -> k.fingerprint().equals(v.check().fingerprint()) && k.trustedAt(pushedAt.get()));
        if (trustedNow) {
            return v;
        }
        SignatureCheck c = v.check();
        return new CommitVerifier.Verified(new SignatureCheck(SignatureCheck.Status.UNVERIFIED, c.format(), c.signer(),
                c.fingerprint(), false, "signed with " + c.fingerprint() + ", a key registry.yaml no longer trusts (revoked"
                        + " or removed): pushed now, it signs nothing"), null, "");
    }

    /** A signed stage takes changes signed by its signers (by a trusted key when no team is declared). */
    void signature(Regime r, StageName stage, StageRules rules, StageCommit c, StageCommit at, List<Finding> out) {
        CommitVerifier.Verified v = verify(r, c.commit());
        if (!rules.signed()) {
            return;
        }
        if (!v.trusted()) {
            out.add(ChangeJudge.finding(stage, at, null, 0, "signed", "commit " + c.shortId() + " is " + v.check().summary() + " ("
                    + v.check().detail() + "); stage " + stage + " requires signed commits by "
                    + (r.policy().declaresPrincipals() ? "principals of registry.yaml" : "allowed signers")));
            return;
        }
        String refused = mayNotSign(r, rules, v);
        if (refused != null) {
            out.add(ChangeJudge.finding(stage, at, null, 0, "stages." + stage + ".signers", refused + " signed commit " + c.shortId()
                    + " but may not change stage " + stage + " (its signers: " + String.join(", ", rules.signers()) + ")"));
        }
    }

    /** Null if the trusted signer may change the stage under the regime; else who they are, for the message. */
    static String mayNotSign(Regime r, StageRules rules, CommitVerifier.Verified v) {
        if (v.principal() == null) {
            return null; // no team: any allowed signer
        }
        Principal then = r.policy().principal(v.principal().name()).orElse(null);
        if (then == null) {
            return v.principal().name() + " (not a principal of registry.yaml at the time)";
        }
        return r.policy().maySign(then, rules) ? null : then.name();
    }

    /** Null if the trusted signer may approve for the stage under the regime; else why not. */
    static String mayNotApprove(Regime r, StageRules rules, CommitVerifier.Verified v) {
        if (v.principal() == null || rules == null) {
            return null;
        }
        Principal then = r.policy().principal(v.principal().name()).orElse(null);
        if (then == null) {
            return v.principal().name() + " was not a principal of registry.yaml at the time";
        }
        return r.policy().mayApprove(then, rules) ? null : then.name() + " may not approve for " + rules.name();
    }

    /** Approvals counted and refused. */
    record Count(List<String> counted, List<String> refused) {
    }

    /** Enough distinct approvers allowed for the stage, none of them the requester, each naming this very change. */
    void approvals(Regime r, StageName stage, StageRules rules, StageCommit change, List<StageCommit> approvals, StageCommit merge,
            List<Finding> out) {
        if (merge == null) {
            out.add(ChangeJudge.finding(stage, change, null, 0, "approvals: " + rules.approvals(), "commit " + change.shortId()
                    + " changes stage " + stage + " directly, but it needs " + rules.approvals() + " approval(s): make a request"
                    + " (git-model request), have it approved (git-model approve) and merge it"));
            return;
        }
        Count count = count(r, stage, rules, change, approvals);
        if (count.counted().size() < rules.approvals()) {
            out.add(ChangeJudge.finding(stage, merge, null, 0, "approvals: " + rules.approvals(), "the request " + change.shortId()
                    + (merge == change ? "" : " merged by " + merge.shortId()) + " has " + count.counted().size()
                    + " valid approval(s) of " + rules.approvals() + " needed"
                    + (count.refused().isEmpty() ? "" : "; not counted: " + String.join("; ", count.refused()))));
        }
    }

    Count count(Regime r, StageName stage, StageRules rules, StageCommit change, List<StageCommit> approvals) {
        String requester = verify(r, change.commit()).identity();
        List<String> counted = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        RevCommit previous = change.commit();
        for (StageCommit a : approvals) {
            // dated well before what it follows: backdated, maybe past its signer's revocation
            boolean backdated = previous.getCommitTime() - (long) a.commit().getCommitTime() > ChangeJudge.MAX_CLOCK_SKEW_SECONDS;
            previous = a.commit();
            if (backdated) {
                refused.add(a.shortId() + " is dated " + a.commit().getCommitterIdent().getWhenAsInstant() + ", before the"
                        + " commit it follows: backdated");
                continue;
            }
            CommitVerifier.Verified v = verify(r, a.commit());
            String who = v.identity();
            String notApprover = v.trusted() ? mayNotApprove(r, rules, v) : null;
            if (!change.id().equals(a.approves())) {
                refused.add(a.shortId() + " approves another commit (" + a.approves().substring(0, 12) + ")");
            } else if (!a.deltas().isEmpty() || !a.otherFiles().isEmpty()) {
                refused.add(a.shortId() + " changes files");
            } else if (!v.trusted()) {
                refused.add(a.shortId() + " is " + v.check().summary());
            } else if (notApprover != null) {
                refused.add(a.shortId() + ": " + notApprover);
            } else if (who.equals(requester)) {
                refused.add(a.shortId() + " is by the requester " + who);
            } else if (counted.contains(who)) {
                refused.add(a.shortId() + " is a second approval by " + who);
            } else {
                counted.add(who);
            }
        }
        return new Count(counted, refused);
    }
}
