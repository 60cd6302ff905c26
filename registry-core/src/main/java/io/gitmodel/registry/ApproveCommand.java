package io.gitmodel.registry;

import io.gitmodel.registry.errors.ConcurrentUpdateException;
import io.gitmodel.registry.errors.NotAllowedException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.SigningException;
import io.gitmodel.registry.errors.StageRuleViolationException;
import io.gitmodel.registry.internal.sign.CommitSigner;
import io.gitmodel.registry.internal.sign.CommitVerifier;
import io.gitmodel.registry.internal.sign.SigningSetup;
import io.gitmodel.registry.internal.stage.StageWriter;
import io.gitmodel.registry.internal.store.Refs;
import io.gitmodel.registry.internal.store.RegistryStore;
import io.gitmodel.registry.internal.verify.Requests;
import java.time.Instant;
import java.util.Objects;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Approves a promotion request: a signed commit on the request branch that changes no file and
 * whose trailer {@code Approves: <commit id>} names the exact promotion commit approved. So the
 * approval is verifiable from git alone, and approves nothing else: a request made again is a
 * new promotion commit, which this approval does not name.
 *
 * <p>Refused before anything is written: an unsigned approval, one by the requester, a second one
 * by the same signer, one by a signer who may not approve for the stage.
 */
public final class ApproveCommand extends RegistryCommand<PromotionRequest> {
    private final Registry registry;
    private final RequestName request;
    private String comment = "";
    private String signingKey;

    ApproveCommand(Registry registry, RequestName request) {
        this.registry = registry;
        this.request = Objects.requireNonNull(request, "request");
    }

    /** What the reviewer says; optional, recorded in the approval commit. */
    public ApproveCommand comment(String comment) {
        this.comment = comment == null ? "" : MetadataRules.checkText("comment", comment);
        return this;
    }

    /** Signs with this key (SSH key file or OpenPGP key id) instead of git's {@code user.signingKey}. */
    public ApproveCommand signingKey(String key) {
        this.signingKey = key;
        return this;
    }

    @Override
    public PromotionRequest call() throws RegistryException {
        checkCallable();
        RegistryStore store = registry.store();
        Requests requests = registry.queries().requests();
        Requests.Reviewed found = requests.open(request, "to approve");
        Requests.Located at = found.at();
        PromotionRequest before = found.review();
        for (Finding f : before.problems()) {
            if (f.rule().equals("request")) {
                throw new StageRuleViolationException(request.stage().value(), f.rule(), request.model().value(),
                        request.version(), f.message() + "; nothing was approved");
            }
        }
        CommitSigner signer = store.signer(signingKey).orElseThrow(() -> new SigningException("an approval must be signed and"
                + " no signing key is configured: " + SigningSetup.HOW_TO));
        Person who = store.identity();
        Instant at0 = store.now();
        String message = "approve " + request.modelRef() + " for " + request.stage() + "\n\n"
                + (comment.isBlank() ? "Approved." : comment.strip()) + "\n\nApproves: " + before.commit() + "\nStage: "
                + request.stage() + "\n";
        CommitVerifier verifier = registry.queries().verifier();
        RegistryPolicy policy = store.policy();
        StageWriter.Written written = new StageWriter(store).writeApproval(request.ref(), Refs.get(store.repository(),
                request.ref()), at.tip(), message, RegistryStore.ident(who, at0), signer, commit -> check(commit, verifier, policy,
                        before));
        if (!written.published()) {
            throw new ConcurrentUpdateException(request.ref(), written.outcome().expected(), written.outcome().actualName(),
                    "request " + request + " changed while it was being approved; nothing was changed, approve again");
        }
        store.afterStageWrite();
        return requests.review(new Requests.Located(request, request.ref(), written.commit()));
    }

    /** The approval would count: a trusted signature by an approver of the stage, not the requester's, not a repeat. */
    private void check(RevCommit approval, CommitVerifier verifier, RegistryPolicy policy, PromotionRequest before)
            throws RegistryException {
        CommitVerifier.Verified v = verifier.verify(approval);
        StageRules rules = policy.stage(request.stage()).orElseThrow(() -> new StageRuleViolationException(
                request.stage().value(), "declared", "stage " + request.stage() + " is not declared in registry.yaml"));
        if (!v.trusted()) {
            throw new NotAllowedException(v.identity(), policy.declaresPrincipals() ? "principals" : "allowed_signers",
                    "this approval would be " + v.check().summary() + " (" + v.check().detail() + "), so it would not count."
                            + (policy.declaresPrincipals() ? " Ask an admin to add your key: git-model signers add <you>"
                                    + " <public-key-file>." : "") + " Nothing was changed");
        }
        if (v.principal() != null && !policy.mayApprove(v.principal(), rules)) {
            throw new NotAllowedException(v.identity(), "stages." + request.stage() + ".approvers", v.identity() + " may not"
                    + " approve requests into " + request.stage() + "; its approvers are " + String.join(", ", rules.approvers())
                    + ". Nothing was changed");
        }
        if (v.identity().equals(before.requestedBy())) {
            throw new NotAllowedException(v.identity(), "approvals", v.identity() + " made request " + request
                    + " and may not approve it: approvals come from others. Nothing was changed");
        }
        if (before.approvers().contains(v.identity())) {
            throw new NotAllowedException(v.identity(), "approvals", v.identity() + " approved request " + request
                    + " already; each approver counts once. Nothing was changed");
        }
    }
}
