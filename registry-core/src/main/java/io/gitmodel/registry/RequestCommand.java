package io.gitmodel.registry;

import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.internal.verify.Requests;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Requests a promotion instead of making it: the signed promotion commit is made on the request
 * branch {@code refs/heads/requests/<stage>/<name>@v<N>}, on top of the stage as it is, and the
 * stage does not change. Reviewers approve it ({@link ApproveCommand}), then it is merged
 * ({@link MergeCommand}, or a forge's merge of the pull request). Every rule of the stage but the
 * approvals is checked now, as for a promotion. A stage whose branch does not exist yet is opened
 * with an empty commit first, so the request has a branch to be merged into.
 */
public final class RequestCommand extends RegistryCommand<PromotionRequest> {
    private final Registry registry;
    private final PromoteCommand promotion;
    private boolean replace;

    RequestCommand(Registry registry, String ref, StageName stage) {
        this.registry = registry;
        this.promotion = new PromoteCommand(registry, ref, stage);
    }

    /** Why the version should be promoted; required, recorded in the promotion commit. */
    public RequestCommand reason(String reason) {
        promotion.reason(reason);
        return this;
    }

    /** Signs with this key (SSH key file or OpenPGP key id) instead of git's {@code user.signingKey}. */
    public RequestCommand signingKey(String key) {
        promotion.signingKey(key);
        return this;
    }

    /**
     * Makes the request again if it exists: on the stage as it is now, its approvals dropped (they
     * approved the old promotion commit). Without it, an open request of the same version is an error.
     */
    public RequestCommand replace(boolean replace) {
        this.replace = replace;
        return this;
    }

    @Override
    public PromotionRequest call() throws RegistryException {
        checkCallable();
        StageChange change = promotion.toRequest(replace).call();
        ModelEvent event = change.events().get(0);
        RequestName name = RequestName.of(event.model(), event.version(), change.stage());
        return registry.queries().requests().review(new Requests.Located(name, name.ref(), ObjectId.fromString(change.commit())));
    }
}
