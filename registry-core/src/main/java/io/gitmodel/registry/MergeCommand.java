package io.gitmodel.registry;

import io.gitmodel.registry.errors.ConcurrentUpdateException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.errors.SigningException;
import io.gitmodel.registry.errors.StageRuleViolationException;
import io.gitmodel.registry.internal.sign.CommitSigner;
import io.gitmodel.registry.internal.sign.SigningSetup;
import io.gitmodel.registry.internal.stage.StageMessage;
import io.gitmodel.registry.internal.stage.StageWriter;
import io.gitmodel.registry.internal.store.RegistryStore;
import io.gitmodel.registry.internal.verify.ChangeJudge;
import io.gitmodel.registry.internal.verify.Requests;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Merges an approved promotion request into its stage, as {@code git merge --no-ff} would: a merge
 * commit whose first parent is the stage head and whose second is the request's tip, so the
 * stage's first-parent history stays one event per change and the approvals stay reachable. The
 * merge is judged as verification will judge it (the request's change valid, made on the stage
 * as it is, enough approvals naming it) before it is written; it is signed like any stage change.
 * The local request branch is deleted once merged.
 *
 * <p>A fast-forward is never made: it would put approvals on the stage's first-parent history
 * and leave the change without the merge that says it was reviewed.
 */
public final class MergeCommand extends RegistryCommand<StageChange> {
    private final Registry registry;
    private final RequestName request;
    private String signingKey;
    private String comment = "";

    MergeCommand(Registry registry, RequestName request) {
        this.registry = registry;
        this.request = Objects.requireNonNull(request, "request");
    }

    /** Signs with this key (SSH key file or OpenPGP key id) instead of git's {@code user.signingKey}. */
    public MergeCommand signingKey(String key) {
        this.signingKey = key;
        return this;
    }

    /** Adds a comment to the merge commit's message; optional. */
    public MergeCommand comment(String comment) {
        this.comment = comment == null ? "" : MetadataRules.checkText("comment", comment);
        return this;
    }

    @Override
    public StageChange call() throws RegistryException {
        checkCallable();
        RegistryStore store = registry.store();
        Requests requests = registry.queries().requests();
        Requests.Reviewed found = requests.open(request, "to merge");
        Requests.Located at = found.at();
        PromotionRequest review = found.review();
        StageName stage = request.stage();
        StageRules rules = store.policy().stage(stage).orElseThrow(() -> new StageRuleViolationException(stage.value(),
                "declared", "stage " + stage + " is not declared in registry.yaml; request " + request + " cannot be merged"));
        refuseUnmergeable(review, at);
        Optional<CommitSigner> signer = store.signer(signingKey);
        if (rules.signed() && signer.isEmpty()) {
            throw new SigningException("stage " + stage + " requires signed commits and no signing key is configured: "
                    + SigningSetup.HOW_TO);
        }
        Person who = store.identity();
        Instant now = store.now();
        StageWriter writer = new StageWriter(store);
        ObjectId head = ObjectId.fromString(review.base());
        String message = "merge " + request + " into stages/" + stage + "\n\n" + (comment.isBlank() ? "" : comment.strip() + "\n\n")
                + "Approved by " + (review.approvers().isEmpty() ? "no one (none needed)" : String.join(", ", review.approvers()))
                + ".\n";
        ChangeJudge judge = registry.queries().judge();
        StageWriter.Written written = writer.writeMerge(stage, head, writer.stageTip(), at.tip(), message,
                RegistryStore.ident(who, now), signer.orElse(null), merge -> {
                    List<Finding> findings = judge.judge(stage, merge);
                    if (!findings.isEmpty()) {
                        Finding f = findings.get(0);
                        throw new StageRuleViolationException(stage.value(), f.rule(), f.model() == null ? null : f.model().value(),
                                f.version(), "merging " + request + " would break the policy: " + f.message()
                                        + ". Nothing was changed");
                    }
                });
        if (!written.published()) {
            throw new ConcurrentUpdateException(written.outcome().failedRef(), written.outcome().expected(),
                    written.outcome().actualName(), "stage " + stage + " changed while " + request + " was being merged; nothing"
                            + " was changed. The request was made on the stage as it was: make it again (git-model request"
                            + " --replace), have it approved and merge it");
        }
        store.afterStageWrite();
        deleteLocalBranch(store, at);
        return result(store, stage, written.commit(), review, now);
    }

    private void refuseUnmergeable(PromotionRequest review, Requests.Located at) throws RegistryException {
        StageName stage = request.stage();
        if (!review.current()) {
            throw new StageRuleViolationException(stage.value(), "request", request.model().value(), request.version(),
                    "request " + request + " was made on stages/" + stage + " as it was (" + abbreviate(review.base())
                            + "), and the stage has changed since; make it again on the stage as it is: git-model request "
                            + request.modelRef() + " " + stage + " --replace -m <reason>, then have it approved again");
        }
        if (!review.problems().isEmpty()) {
            Finding f = review.problems().get(0);
            throw new StageRuleViolationException(stage.value(), f.rule(), request.model().value(), request.version(),
                    "request " + request + " breaks the policy: " + f.message() + ". Nothing was changed");
        }
        if (review.approvalsMissing() > 0) {
            throw new StageRuleViolationException(stage.value(), "approvals: " + review.approvalsNeeded(),
                    request.model().value(), request.version(), "request " + request + " has " + review.approvers().size()
                            + " valid approval(s) of " + review.approvalsNeeded() + " needed"
                            + (review.approvers().isEmpty() ? "" : " (" + String.join(", ", review.approvers()) + ")")
                            + (review.notCounted().isEmpty() ? "" : "; not counted: " + String.join("; ", review.notCounted()))
                            + ". Reviewers approve it with git-model approve " + request);
        }
    }

    private static String abbreviate(String id) {
        return id.isEmpty() ? "no branch" : id.substring(0, 12);
    }

    private void deleteLocalBranch(RegistryStore store, Requests.Located at) throws RegistryException {
        if (!at.local()) {
            return;
        }
        try {
            RefUpdate delete = store.repository().updateRef(at.ref());
            delete.setExpectedOldObjectId(at.tip());
            delete.setForceUpdate(true);
            delete.delete();
        } catch (IOException e) {
            throw new RegistryIOException("merged " + request + " but cannot delete its branch " + at.ref()
                    + "; delete it with git branch -D " + request, e);
        }
    }

    private StageChange result(RegistryStore store, StageName stage, ObjectId merge, PromotionRequest review,
            Instant at) throws RegistryException {
        SignatureCheck signature = registry.queries().signature(merge.name());
        List<ModelEvent> events = new ArrayList<>();
        try (RevWalk walk = new RevWalk(store.repository())) {
            RevCommit change = walk.parseCommit(ObjectId.fromString(review.commit()));
            StageMessage m = StageMessage.parse(change.getFullMessage());
            for (StageMessage.Entry e : m.entries()) {
                events.add(new ModelEvent(m.action(), e.model(), e.subject(), stage, e.previousVersion(), m.reason(),
                        review.approvers(), review.requester(), at, merge.name(), signature, List.of()));
            }
        } catch (IOException e) {
            throw new RegistryIOException("cannot read the merged request " + request, e);
        }
        return new StageChange(stage, merge.name(), events);
    }
}
