package io.gitmodel.registry.internal.verify;

import io.gitmodel.registry.EventAction;
import io.gitmodel.registry.Finding;
import io.gitmodel.registry.ModelEvent;
import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.Person;
import io.gitmodel.registry.SignatureCheck;
import io.gitmodel.registry.StageName;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.internal.stage.StageFile;
import io.gitmodel.registry.internal.store.FirstParentChanges;
import io.gitmodel.registry.internal.sign.CommitVerifier;
import io.gitmodel.registry.internal.stage.StageMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The history of a stage as an auditor needs it: EVERY commit on the stage branch's first-parent
 * chain, as events, each judged against the policy. A commit git-model did not make is listed
 * (action {@code unknown}) and flagged, never skipped; a merged request is one event at its merge,
 * with the approvals that count.
 */
public final class StageHistory {
    private final Repository repo;
    private final ChangeJudge judge;
    private final CommitVerifier verifier;

    public StageHistory(Repository repo, ChangeJudge judge, CommitVerifier verifier) {
        this.repo = repo;
        this.judge = judge.forWholeHistories();
        this.verifier = verifier;
    }

    /** The events of a stage (of one model, or of all when {@code model} is null), oldest first. */
    public List<ModelEvent> events(StageName stage, ObjectId head, ModelName model) throws RegistryException {
        List<List<ModelEvent>> batches = new ArrayList<>();
        if (head == null) {
            return List.of();
        }
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setFirstParent(true);
            walk.markStart(walk.parseCommit(head));
            FirstParentChanges touches = model == null ? null : new FirstParentChanges(StageFile.fileName(model));
            for (RevCommit c : walk) {
                if (touches == null || concerns(walk, c, model, touches)) {
                    batches.add(events(walk, stage, c, model));
                }
            }
        } catch (IOException e) {
            throw new RegistryIOException("cannot read the history of stage " + stage, e);
        }
        Collections.reverse(batches);
        List<ModelEvent> out = new ArrayList<>();
        batches.forEach(out::addAll);
        return out;
    }

    /**
     * Whether a commit can make an event of {@code model}, decided before the costly reading and
     * judging: it changed the model's file (against its first parent), names the model in its
     * message (a change says what it did in trailers), or is a merge (its request says). A
     * superset: every commit left out makes no event of the model.
     */
    private static boolean concerns(RevWalk walk, RevCommit c, ModelName model, FirstParentChanges touches) throws IOException {
        return c.getParentCount() > 1 || c.getFullMessage().contains(model.value()) || touches.include(walk, c);
    }

    private List<ModelEvent> events(RevWalk walk, StageName stage, RevCommit c, ModelName model)
            throws IOException, RegistryException {
        StageCommit sc;
        try (RevWalk own = new RevWalk(repo)) {
            sc = StageCommit.read(repo, own, stage, own.parseCommit(c));
        }
        List<String> problems = judge.judge(stage, sc.commit()).stream().map(StageHistory::problem).toList();
        List<String> warnings = warnings(walk, stage, sc);
        SignatureCheck signature = verifier.verify(sc.commit()).check();
        PersonIdent who = sc.commit().getCommitterIdent();
        List<ModelEvent> out = new ArrayList<>();
        switch (sc.kind()) {
            case CHANGE -> addChange(out, sc.message(), stage, model, sc.message().approvedBy(), who, sc, signature, warnings, problems);
            case MERGE -> {
                RequestChain r = request(stage, sc);
                if (r.change() == null) {
                    unknown(out, stage, model, sc, who, signature, warnings, problems);
                } else {
                    List<String> approvers = new ArrayList<>(r.change().message().approvedBy());
                    for (StageCommit a : r.approvals()) {
                        String id = verifier.verify(a.commit()).identity();
                        approvers.add(id.isEmpty() ? "unverified approval " + a.shortId() : id);
                    }
                    addChange(out, r.change().message(), stage, model, approvers, r.change().commit().getCommitterIdent(), sc,
                            signature, warnings, problems);
                }
            }
            case APPROVAL -> {
                if (model == null) {
                    out.add(new ModelEvent(EventAction.APPROVE, null, 0, stage, 0, "approves " + sc.approves(), List.of(),
                            person(who), who.getWhenAsInstant(), sc.id(), signature, warnings, problems));
                }
            }
            case FOREIGN -> unknown(out, stage, model, sc, who, signature, warnings, problems);
            case OPEN -> {
                // the empty first commit of a stage opened for a request: nothing happened to any model
            }
            default -> throw new IllegalStateException(sc.kind().name());
        }
        return out;
    }

    private static void addChange(List<ModelEvent> out, StageMessage m, StageName stage, ModelName model, List<String> approvedBy,
            PersonIdent by, StageCommit at, SignatureCheck signature, List<String> warnings, List<String> problems) {
        if (!m.stage().equals(stage)) {
            warnings = new ArrayList<>(warnings);
            warnings.add("commit says stage " + m.stage() + " but is on stage branch " + stage);
        }
        for (StageMessage.Entry e : m.entries()) {
            if (model == null || e.model().equals(model)) {
                out.add(new ModelEvent(m.action(), e.model(), e.subject(), stage, e.previousVersion(), m.reason(), approvedBy,
                        person(by), at.commit().getCommitterIdent().getWhenAsInstant(), at.id(), signature, warnings, problems));
            }
        }
    }

    /** A commit git-model did not make: one event per model file it touched (or one for the commit). */
    private static void unknown(List<ModelEvent> out, StageName stage, ModelName model, StageCommit sc, PersonIdent who,
            SignatureCheck signature, List<String> warnings, List<String> problems) {
        String subject = sc.commit().getShortMessage();
        if (sc.deltas().isEmpty() && model == null) {
            out.add(new ModelEvent(EventAction.UNKNOWN, null, 0, stage, 0, subject, List.of(), person(who), who.getWhenAsInstant(),
                    sc.id(), signature, warnings, problems));
        }
        for (Map.Entry<ModelName, StageCommit.Delta> d : sc.deltas().entrySet()) {
            if (model != null && !d.getKey().equals(model)) {
                continue;
            }
            List<Integer> after = d.getValue().after();
            List<Integer> before = d.getValue().before();
            int version = !after.isEmpty() ? after.get(after.size() - 1) : before.isEmpty() ? 0 : before.get(before.size() - 1);
            out.add(new ModelEvent(EventAction.UNKNOWN, d.getKey(), version, stage, before.isEmpty() ? 0 : before.get(0), subject,
                    List.of(), person(who), who.getWhenAsInstant(), sc.id(), signature, warnings, problems));
        }
    }

    private RequestChain request(StageName stage, StageCommit merge) throws IOException, RegistryException {
        try (RevWalk walk = new RevWalk(repo)) {
            RequestChain r = RequestChain.read(repo, walk, stage, walk.parseCommit(merge.commit().getParent(1)));
            return r;
        }
    }

    private static List<String> warnings(RevWalk walk, StageName stage, StageCommit sc) throws IOException {
        List<String> warnings = new ArrayList<>();
        for (RevCommit parent : sc.commit().getParents()) {
            walk.parseHeaders(parent);
            if (parent.getCommitTime() > sc.commit().getCommitTime()) {
                warnings.add("commit " + sc.shortId() + " is dated before its parent " + parent.abbreviate(12).name()
                        + ": the committer's clock was wrong or the date was forged");
            }
        }
        return warnings;
    }

    private static Person person(PersonIdent who) {
        return new Person(who.getName().isBlank() ? "unknown" : who.getName(), who.getEmailAddress());
    }

    private static String problem(Finding f) {
        return f.rule() + ": " + f.message();
    }
}
