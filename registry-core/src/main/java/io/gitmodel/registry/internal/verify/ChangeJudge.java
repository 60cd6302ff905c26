package io.gitmodel.registry.internal.verify;

import io.gitmodel.registry.EventAction;
import io.gitmodel.registry.Finding;
import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.ModelRef;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.RegistryPolicy;
import io.gitmodel.registry.StageName;
import io.gitmodel.registry.StageRules;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.internal.policy.Rule;
import io.gitmodel.registry.internal.policy.StageChangeRequest;
import io.gitmodel.registry.internal.policy.StageChangeRequest.Subject;
import io.gitmodel.registry.internal.policy.Transitions;
import io.gitmodel.registry.internal.policy.Violation;
import io.gitmodel.registry.internal.sign.CommitVerifier;
import io.gitmodel.registry.internal.stage.StageMessage;
import io.gitmodel.registry.internal.stage.StageReader;
import io.gitmodel.registry.internal.verify.PolicyHistory.Regime;
import io.gitmodel.registry.internal.store.RegistryReader;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Judges a recorded stage change (a commit on the first-parent chain of a stage branch) against
 * the policy, as the writer should have: it is a git-model change whose trailers match what it
 * changed, it is signed by a signer of the stage, the rules held for the stages as they were, and
 * a stage that needs approvals got them through a request, merged with its approvals.
 */
public final class ChangeJudge {
    private final Repository repo;
    /** How far a commit may be dated before the one it follows (clocks of different machines differ). */
    static final long MAX_CLOCK_SKEW_SECONDS = 600;

    private final PolicyHistory policies;
    private final StageReader stages;
    private final RegistryReader versions;
    private final Map<String, List<Finding>> judged = new HashMap<>();
    private final Map<String, StageIndex> indexes = new HashMap<>();
    private boolean indexed;
    private Instant pushedAt;
    /** Signatures, signers and approvals, as the regime of each commit sees them. */
    private final Signers signers;

    public ChangeJudge(Repository repo, PolicyHistory policies, StageReader stages, RegistryReader versions) {
        this.repo = repo;
        this.policies = policies;
        this.signers = new Signers(policies, () -> pushedAt);
        this.stages = stages;
        this.versions = versions;
    }

    /**
     * Reads each stage's history once, for judging many commits (a whole history): a question
     * about the past then costs a lookup instead of a walk. Not worth it for one commit.
     */
    public ChangeJudge forWholeHistories() {
        this.indexed = true;
        return this;
    }

    /**
     * Judges commits arriving now, in a push: under the policy in force now (not the one of the
     * date they claim, which the pusher wrote), and signed with keys trusted now (a key revoked
     * since, or dropped, signs nothing that reaches the shared repository).
     */
    public ChangeJudge forPushAt(Instant now) {
        this.pushedAt = now;
        return this;
    }

    /** A stage's history as it is now, read once for all the commits this judge judges; null unless indexing. */
    private StageIndex index(StageName stage) throws RegistryException {
        if (!indexed) {
            return null;
        }
        ObjectId head = stages.head(stage);
        String key = stage + "@" + (head == null ? "" : head.name());
        StageIndex index = indexes.get(key);
        if (index == null) {
            index = StageIndex.of(repo, stage, head);
            indexes.put(key, index);
        }
        return index;
    }

    /** The policy in force now. */
    public RegistryPolicy policy() {
        return policies.current().policy();
    }

    /** The policies the registry has had. */
    public PolicyHistory policies() {
        return policies;
    }

    /** Every rule a commit of the stage branch's first-parent history breaks; empty if it is a valid change. */
    public List<Finding> judge(StageName stage, RevCommit commit) throws RegistryException {
        // the same commit may sit on two stage branches: it is judged per stage, whose rules differ
        String key = stage + "@" + commit.name();
        List<Finding> cached = judged.get(key);
        if (cached != null) {
            return cached;
        }
        List<Finding> out = null;
        try (RevWalk walk = new RevWalk(repo)) {
            // a commit not yet written (a merge being judged before it is made) comes parsed already
            RevCommit parsed = commit.getRawBuffer() != null ? commit : walk.parseCommit(commit);
            StageCommit c = StageCommit.read(repo, walk, stage, parsed);
            // judged under the policy in force when it was made (if a policy was committed in the same second, which
            // came first cannot be told: valid under either is valid); what is pushed now, under the policy in force now
            List<Regime> regimes = pushedAt != null ? List.of(policies.current())
                    : policies.candidatesAt(c.commit().getCommitterIdent().getWhenAsInstant());
            for (Regime r : regimes) {
                List<Finding> found = judge(walk, stage, c, r);
                if (out == null || found.isEmpty()) {
                    out = found;
                }
                if (found.isEmpty()) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new RegistryIOException("cannot judge stage commit " + commit.name(), e);
        }
        judged.put(key, List.copyOf(out));
        return judged.get(key);
    }

    private List<Finding> judge(RevWalk walk, StageName stage, StageCommit c, Regime r) throws IOException, RegistryException {
        List<Finding> out = new ArrayList<>();
        backdated(walk, stage, c, out);
        switch (c.kind()) {
            case FOREIGN -> {
                out.add(finding(stage, c, null, 0, "git-model change", "commit " + c.shortId() + " on stages/"
                    + stage + " is not a git-model stage change (it has no Action and Stage trailers), yet it"
                    + (c.deltas().isEmpty() ? " is on the stage branch" : " changes " + String.join(", ",
                            c.deltas().keySet().stream().map(m -> m + ".yaml").toList()))
                    + "; only git-model promote, demote, rollback, archive, restore, release or merge change a stage"));
                StageRules rules = r.policy().stage(stage).orElse(null);
                if (rules != null) {
                    signers.signature(r, stage, rules, c, c, out); // who made it matters to an auditor too
                }
            }
            case APPROVAL -> out.add(finding(stage, c, null, 0, "request", "approval " + c.shortId() + " is on stages/"
                    + stage + " itself: approvals belong on a request branch, brought in by a merge commit (git-model"
                    + " merge, or git merge --no-ff); a fast-forward or rebase merge of a request leaves them here"));
            case OPEN -> {
                if (c.commit().getParentCount() != 0 || !c.deltas().isEmpty() || !c.otherFiles().isEmpty()) {
                    out.add(finding(stage, c, null, 0, "git-model change", "commit " + c.shortId() + " claims to open stage "
                            + stage + " but is not the empty first commit of its branch"));
                }
            }
            case CHANGE -> judgeChange(r, walk, stage, c, c, List.of(), null, out);
            case MERGE -> judgeMerge(r, walk, stage, c, out);
            default -> throw new IllegalStateException(c.kind().name());
        }
        return out;
    }

    /** Backdating past a policy change is not allowed: a change dated well before the one it follows is flagged. */
    private static void backdated(RevWalk walk, StageName stage, StageCommit c, List<Finding> out) throws IOException {
        if (c.commit().getParentCount() == 0 || c.kind() == StageCommit.Kind.APPROVAL) {
            return;
        }
        RevCommit parent = walk.parseCommit(c.commit().getParent(0));
        if (parent.getCommitTime() - (long) c.commit().getCommitTime() > MAX_CLOCK_SKEW_SECONDS) {
            out.add(finding(stage, c, null, 0, "date", "commit " + c.shortId() + " is dated "
                    + c.commit().getCommitterIdent().getWhenAsInstant() + ", before the stage commit it follows ("
                    + parent.getCommitterIdent().getWhenAsInstant() + "): it was backdated, or made on a machine whose clock"
                    + " is wrong, so the policy in force when it was made cannot be told"));
        }
    }

    /**
     * A change: its trailers match its effect, it is signed by a signer of the stage, and the rules
     * held on the stages as they were.
     *
     * @param effect the commit whose first parent and tree are the change's before and after (the
     *     change itself, or the merge that applied it)
     * @param approvals the approvals that came with it (through a request), oldest first
     * @param merge the merge that applied it, or null for a change made on the stage branch directly
     */
    private void judgeChange(Regime r, RevWalk walk, StageName stage, StageCommit change, StageCommit effect, List<StageCommit> approvals,
            StageCommit merge, List<Finding> out) throws IOException, RegistryException {
        StageMessage m = change.message();
        StageRules rules = r.policy().stage(stage).orElse(null);
        if (rules == null) {
            out.add(finding(stage, effect, null, 0, "declared", "stage " + stage + " is not declared in registry.yaml"));
            return;
        }
        if (!m.stage().equals(stage)) {
            out.add(finding(stage, effect, null, 0, "stage", "commit " + change.shortId() + " says stage " + m.stage()
                    + " but is on stages/" + stage));
        }
        matchesEffect(stage, rules, change, effect, out);
        signers.signature(r, stage, rules, change, effect, out);
        RevCommit parent = effect.commit().getParentCount() == 0 ? null : walk.parseCommit(effect.commit().getParent(0));
        HistoricalState state = new HistoricalState(stages, this::index, stage, parent,
                effect.commit().getCommitterIdent().getWhenAsInstant());
        List<Subject> subjects = new ArrayList<>();
        for (StageMessage.Entry e : m.entries()) {
            ModelVersion metadata = m.action().removes() ? null : version(e.model(), e.subject(), stage, effect, out);
            if (!m.action().removes() && metadata == null) {
                return;
            }
            subjects.add(new Subject(e.model(), e.subject(), metadata));
        }
        if (m.action() == EventAction.ROLLBACK) {
            rollbackTarget(stage, change, effect, parent, out);
        }
        for (Violation v : r.evaluator().check(new StageChangeRequest(m.action(), stage, subjects, true), state)) {
            if (v.rule() == Rule.APPROVALS) {
                continue; // judged below, on the approvals the change came with
            }
            out.add(finding(stage, effect, v.model(), v.version(), v.detail(), v.message()));
        }
        if (rules.approvals() > 0 && (m.action() == EventAction.PROMOTE || m.action() == EventAction.RELEASE)) {
            signers.approvals(r, stage, rules, change, approvals, merge, out);
        }
    }

    /**
     * A rollback needs no approvals and passes no gates, so it may put back exactly one version: the
     * one the stage held before the change that set what it holds now (FORMAT section 8).
     */
    private void rollbackTarget(StageName stage, StageCommit change, StageCommit effect, RevCommit parent, List<Finding> out)
            throws RegistryException {
        for (StageMessage.Entry e : change.message().entries()) {
            List<Integer> before = parent == null ? List.of() : stages.heldBefore(parent, stage, e.model());
            int expected = before.isEmpty() ? 0 : before.get(0);
            if (e.version() != expected) {
                out.add(finding(stage, effect, e.model(), e.version(), "rollback", "commit " + change.shortId() + " rolls "
                        + e.model() + " back to " + (e.version() == 0 ? "nothing" : ModelRef.of(e.model(), e.version()))
                        + ", but a rollback puts back only what " + stage + " held before its current version: "
                        + (expected == 0 ? "nothing" : ModelRef.of(e.model(), expected)) + "; anything else is a promotion,"
                        + " with its rules and approvals"));
            }
        }
    }

    /** The trailers say what the commit did: each model file changed as its entry says, and nothing else. */
    private void matchesEffect(StageName stage, StageRules rules, StageCommit change, StageCommit effect, List<Finding> out) {
        StageMessage m = change.message();
        Set<ModelName> named = new HashSet<>();
        for (StageMessage.Entry e : m.entries()) {
            named.add(e.model());
            StageCommit.Delta d = effect.deltas().get(e.model());
            List<Integer> before = d == null ? List.of() : d.before();
            List<Integer> expected = Transitions.after(m.action(), rules.multiValued(), before, e.subject());
            if (d == null || !d.after().equals(expected)) {
                out.add(finding(stage, effect, e.model(), e.subject(), "effect", "commit " + change.shortId() + " says "
                        + m.action() + " " + ModelRef.of(e.model(), e.subject()) + " but " + e.model() + ".yaml "
                        + (d == null ? "did not change" : "went from " + d.before() + " to " + d.after())
                        + "; the stage file was edited by hand"));
            }
            boolean replaces = !rules.multiValued() && (m.action() == EventAction.PROMOTE || m.action() == EventAction.RELEASE
                    || m.action() == EventAction.ROLLBACK);
            int held = before.isEmpty() ? 0 : before.get(0);
            if (replaces && d != null && e.previousVersion() != held) {
                out.add(finding(stage, effect, e.model(), e.subject(), "previous version", "commit " + change.shortId()
                        + " names " + (e.previousVersion() == 0 ? "no version" : ModelRef.of(e.model(), e.previousVersion()))
                        + " as the one " + stage + " held before, but it held " + (held == 0 ? "none" : ModelRef.of(e.model(), held))));
            }
        }
        for (ModelName changed : effect.deltas().keySet()) {
            if (!named.contains(changed)) {
                out.add(finding(stage, effect, changed, 0, "effect", "commit " + effect.shortId() + " changes " + changed
                        + ".yaml, which its trailers do not name"));
            }
        }
        for (String file : effect.otherFiles()) {
            out.add(finding(stage, effect, null, 0, "effect", "commit " + effect.shortId() + " changes " + file
                    + ", which is no model's stage file"));
        }
    }

    /** A merge of a request: the request's change, with its approvals, applied on top of the stage as it was. */
    private void judgeMerge(Regime r, RevWalk walk, StageName stage, StageCommit merge, List<Finding> out) throws IOException, RegistryException {
        if (merge.commit().getParentCount() != 2) {
            out.add(finding(stage, merge, null, 0, "request", "merge " + merge.shortId() + " has "
                    + merge.commit().getParentCount() + " parents; a request is merged with exactly two (the stage, the request)"));
            return;
        }
        RevCommit base = walk.parseCommit(merge.commit().getParent(0));
        RequestChain request = RequestChain.read(repo, walk, stage, walk.parseCommit(merge.commit().getParent(1)));
        if (request.change() == null || !base.equals(request.base())) {
            out.add(finding(stage, merge, null, 0, "request", "merge " + merge.shortId() + " does not merge a request made on"
                    + " the stage as it was (one change on top of " + base.abbreviate(12).name() + ", then approvals)"));
            return;
        }
        if (!merge.commit().getTree().equals(request.change().commit().getTree())) {
            out.add(finding(stage, merge, null, 0, "request", "merge " + merge.shortId() + " changes the stage beyond the"
                    + " request's change " + request.change().shortId()));
        }
        StageRules rules = r.policy().stage(stage).orElse(null);
        backdated(walk, stage, request.change(), out);
        judgeChange(r, walk, stage, request.change(), merge, request.approvals(), merge, out);
        if (rules != null && rules.signed()) {
            CommitVerifier.Verified v = signers.verify(r, merge.commit());
            boolean unsigned = merge.commit().getRawGpgSignature() == null;
            if (!(unsigned && rules.forgeMerges()) && !(v.trusted() && Signers.mayNotSign(r, rules, v) == null)) {
                out.add(finding(stage, merge, null, 0, "signed", "merge " + merge.shortId() + " is " + v.check().summary()
                        + (v.principal() != null ? " by " + v.principal().name() + ", who is not a signer of " + stage : "")
                        + "; stage " + stage + " takes merges signed by its signers" + (rules.forgeMerges() ? ""
                                : " (set forge_merges: true to accept a forge's unsigned merge commits)")));
            }
        }
    }

    /**
     * What merging the request whose tip is {@code tip} would be judged: its change, who approved
     * it (counted or not, and why), and every rule it breaks, approvals included.
     */
    public Review review(StageName stage, RevCommit tip) throws RegistryException {
        try (RevWalk walk = new RevWalk(repo)) {
            RequestChain request = RequestChain.read(repo, walk, stage, walk.parseCommit(tip));
            if (request.change() == null) {
                return new Review(null, null, "", List.of(), List.of(), 0, List.of(new Finding(StageReader.branchRef(stage), tip.name(),
                        null, 0, "request", "commit " + tip.abbreviate(12).name() + " is not a promotion request (a signed stage"
                        + " change followed by approvals)")));
            }
            List<Finding> out = new ArrayList<>();
            Regime r = policies.current(); // a request is merged under the policy in force now
            backdated(walk, stage, request.change(), out);
            judgeChange(r, walk, stage, request.change(), request.change(), request.approvals(), request.change(), out);
            Signers.Count count = signers.count(r, stage, r.policy().stage(stage).orElse(null), request.change(), request.approvals());
            int needed = r.policy().stage(stage).map(StageRules::approvals).orElse(0);
            return new Review(request.change().commit(), request.base(), signers.verify(r, request.change().commit()).identity(),
                    count.counted(), count.refused(), needed, out);
        } catch (IOException e) {
            throw new RegistryIOException("cannot read request " + tip.name(), e);
        }
    }

    /**
     * A request as the judge sees it.
     *
     * @param change the promotion commit the request asks to merge (null if there is none)
     * @param base the stage head it was made on (null for a request opening no stage)
     * @param requestedBy who signed the change (principal, else key fingerprint, else empty)
     * @param approvers who approved it, counted
     * @param notCounted approvals that do not count, and why
     * @param needed how many approvals the stage needs
     * @param findings every rule merging it would break (approvals included)
     */
    public record Review(RevCommit change, RevCommit base, String requestedBy, List<String> approvers, List<String> notCounted, int needed,
            List<Finding> findings) {
        public Review {
            approvers = List.copyOf(approvers);
            notCounted = List.copyOf(notCounted);
            findings = List.copyOf(findings);
        }
    }

    private ModelVersion version(ModelName model, int version, StageName stage, StageCommit c, List<Finding> out)
            throws RegistryException {
        try {
            return versions.read(model, version);
        } catch (RegistryException | RuntimeException e) {
            out.add(finding(stage, c, model, version, "version", "commit " + c.shortId() + " names " + ModelRef.of(model, version)
                    + ", which cannot be read: " + e.getMessage()));
            return null;
        }
    }

    static Finding finding(StageName stage, StageCommit c, ModelName model, int version, String rule, String message) {
        return new Finding(StageReader.branchRef(stage), c.id(), model, version, rule, message);
    }
}
