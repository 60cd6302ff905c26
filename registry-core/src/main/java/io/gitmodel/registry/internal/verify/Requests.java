package io.gitmodel.registry.internal.verify;

import io.gitmodel.registry.Finding;
import io.gitmodel.registry.Person;
import io.gitmodel.registry.PromotionRequest;
import io.gitmodel.registry.RequestName;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.errors.RequestNotFoundException;
import io.gitmodel.registry.errors.StageRuleViolationException;
import io.gitmodel.registry.internal.stage.StageMessage;
import io.gitmodel.registry.internal.stage.StageReader;
import io.gitmodel.registry.internal.store.Refs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The promotion requests of a registry: request branches made here ({@code refs/heads/requests/})
 * and those fetched from remotes ({@code refs/remotes/<remote>/requests/}), each reviewed as a
 * merge would judge it. A request whose tip the stage already holds was merged and is not listed.
 */
public final class Requests {
    private final Repository repo;
    private final StageReader stages;
    private final ChangeJudge judge;

    public Requests(Repository repo, StageReader stages, ChangeJudge judge) {
        this.repo = repo;
        this.stages = stages;
        this.judge = judge;
    }

    /** Where a request is: the branch holding it and its tip. */
    public record Located(RequestName name, String ref, ObjectId tip) {
        /** Whether the branch is this registry's own (not a remote's copy). */
        public boolean local() {
            return ref.startsWith(RequestName.PREFIX);
        }
    }

    /** The open requests, by name; a local branch is preferred to a remote's copy unless the copy is ahead of it. */
    public List<PromotionRequest> list() throws RegistryException {
        List<PromotionRequest> out = new ArrayList<>();
        for (Located at : locateAll().values()) {
            if (!merged(at)) {
                out.add(review(at));
            }
        }
        return out;
    }

    /** The request of that name, wherever it is. */
    public Located find(RequestName name) throws RegistryException {
        Located at = locateAll().get(name);
        if (at == null) {
            throw new RequestNotFoundException(name.toString(), "no request " + name + " here or on any remote fetched; list"
                    + " them with git-model requests (git-model pull <remote> fetches the team's)");
        }
        return at;
    }

    /** A request found and reviewed. */
    public record Reviewed(Located at, PromotionRequest review) {
    }

    /**
     * The request of that name, found and reviewed, for approving or merging it.
     *
     * @throws StageRuleViolationException if its branch holds no promotion commit
     */
    public Reviewed open(RequestName name, String forWhat) throws RegistryException {
        Located at = find(name);
        PromotionRequest review = review(at);
        if (review.commit().isEmpty()) {
            throw new StageRuleViolationException(name.stage().value(), "request", name.model().value(), name.version(),
                    "request " + name + " (" + at.ref() + ") holds no promotion commit " + forWhat + ": "
                            + review.problems().get(0).message());
        }
        return new Reviewed(at, review);
    }

    /** A request as the judge sees it. */
    public PromotionRequest review(Located at) throws RegistryException {
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit tip = walk.parseCommit(at.tip());
            ChangeJudge.Review r = judge.review(at.name().stage(), tip);
            ObjectId head = stages.head(at.name().stage());
            if (r.change() == null) {
                return new PromotionRequest(at.name(), at.ref(), "", tip.name(), "", person(tip.getCommitterIdent()), "",
                        tip.getCommitterIdent().getWhenAsInstant(), "", List.of(), List.of(), r.needed(), false, r.findings());
            }
            RevCommit change = walk.parseCommit(r.change());
            StageMessage m = StageMessage.parse(change.getFullMessage());
            List<Finding> problems = new ArrayList<>(r.findings().stream().filter(f -> !f.rule().startsWith("approvals:")).toList());
            if (m == null || m.action() != io.gitmodel.registry.EventAction.PROMOTE || !m.stage().equals(at.name().stage())
                    || m.entries().size() != 1 || !m.entries().get(0).model().equals(at.name().model())
                    || m.entries().get(0).version() != at.name().version()) {
                // approvals show the branch's name to reviewers: it must be what the promotion commit does
                problems.add(0, new Finding(at.ref(), change.name(), at.name().model(), at.name().version(), "request", "branch "
                        + at.name() + " holds \"" + change.getShortMessage() + "\", not the promotion of "
                        + at.name().modelRef() + " into " + at.name().stage() + " it is named for"));
            }
            return new PromotionRequest(at.name(), at.ref(), change.name(), tip.name(), r.base() == null ? "" : r.base().name(),
                    person(change.getCommitterIdent()), r.requestedBy(), change.getCommitterIdent().getWhenAsInstant(), m == null ? "" : m.reason(),
                    r.approvers(), r.notCounted(), r.needed(), r.base() != null && r.base().equals(head), problems);
        } catch (IOException e) {
            throw new RegistryIOException("cannot read request " + at.name() + " (" + at.ref() + ")", e);
        }
    }

    private boolean merged(Located at) throws RegistryException {
        ObjectId head = stages.head(at.name().stage());
        try {
            return head != null && Refs.isAncestor(repo, at.tip(), head);
        } catch (IOException e) {
            throw new RegistryIOException("cannot read request " + at.name(), e);
        }
    }

    private Map<RequestName, Located> locateAll() throws RegistryException {
        Map<RequestName, Located> found = new LinkedHashMap<>();
        try {
            for (Ref ref : repo.getRefDatabase().getRefsByPrefix(RequestName.PREFIX)) {
                RequestName.ofRef(ref.getName()).ifPresent(n -> found.put(n, new Located(n, ref.getName(), ref.getObjectId())));
            }
            for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_REMOTES)) {
                String rest = ref.getName().substring(Constants.R_REMOTES.length());
                int slash = rest.indexOf('/');
                if (slash < 0 || !rest.startsWith("requests/", slash + 1)) {
                    continue;
                }
                var name = RequestName.ofRef(rest.substring(slash + 1));
                if (name.isEmpty()) {
                    continue;
                }
                Located mine = found.get(name.get());
                if (mine == null || !ref.getObjectId().equals(mine.tip()) && Refs.isAncestor(repo, mine.tip(), ref.getObjectId())) {
                    found.put(name.get(), new Located(name.get(), ref.getName(), ref.getObjectId()));
                }
            }
        } catch (IOException e) {
            throw new RegistryIOException("cannot list the request branches", e);
        }
        return found;
    }

    private static Person person(PersonIdent who) {
        return new Person(who.getName().isBlank() ? "unknown" : who.getName(), who.getEmailAddress());
    }
}
