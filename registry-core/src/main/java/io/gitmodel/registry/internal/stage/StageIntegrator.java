package io.gitmodel.registry.internal.stage;

import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.Renumbering;
import io.gitmodel.registry.StageName;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.errors.TransportException;
import io.gitmodel.registry.internal.store.Refs;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Decides what a pull does to the stage branches. Those only the remote changed fast-forward.
 * Rules span stages (a version archived on one stage cannot be promoted on another), so when this
 * registry has stage changes the remote lacks and the remote has stage changes this one lacks, on
 * any stages, or local stage changes may name versions the pull renumbers, the two are never
 * combined silently: the pull is refused, or (with replay) the local changes are planned to be
 * made again on top of the remote's history, and the local history is kept under
 * {@value #REPLACED_PREFIX}{@code <time>/stages/<stage>}. Moves no ref itself.
 */
public final class StageIntegrator {
    /** Where the local history of a stage is kept when its events are replayed. */
    public static final String REPLACED_PREFIX = "refs/git-model/replaced/";

    /**
     * A local stage change to make again after the pull, versions already translated.
     *
     * @param keptAt the ref that keeps the stage's local history as it was before the pull
     * @param when commit time in seconds: orders the events of all stages as they were made
     * @param sequence position in its stage's history, oldest first: orders events of the same second
     */
    public record ReplayEvent(StageName stage, StageMessage event, String keptAt, long when, int sequence) {
    }

    /**
     * A ref to move.
     *
     * @param expected what it must hold now (null: must not exist)
     * @param target what it will hold (the zero id: deleted)
     * @param reported whether the user is told it moved (bookkeeping refs are not)
     */
    public record RefMove(String ref, ObjectId expected, ObjectId target, boolean reported) {
    }

    /** The refs to move and the local changes to make again. */
    public record Plan(List<RefMove> moves, List<ReplayEvent> replays) {
    }

    private final Repository repo;
    private final String remote;
    private final boolean replay;
    private final Instant now;

    /** @param now when the pull happens, by the registry's clock: names the refs that keep replaced history */
    public StageIntegrator(Repository repo, String remote, boolean replay, Instant now) {
        this.repo = repo;
        this.remote = remote;
        this.replay = replay;
        this.now = now;
    }

    /**
     * @param renumbered the local versions the pull renumbers: local stage changes may name their old numbers
     * @throws TransportException if the stages diverged and replay was not asked for; nothing was changed
     */
    public Plan plan(List<Renumbering> renumbered) throws RegistryException {
        String prefix = Constants.R_REMOTES + remote + "/stages/";
        Map<String, ObjectId> theirs = Refs.under(repo, prefix);
        Map<String, ObjectId> mine = Refs.under(repo, StageReader.PREFIX);
        Set<String> stages = new TreeSet<>(theirs.keySet());
        stages.addAll(mine.keySet());
        List<String> localChanges = new ArrayList<>();
        List<String> remoteChanges = new ArrayList<>();
        for (String stage : stages) {
            ObjectId m = mine.get(stage);
            ObjectId t = theirs.get(stage);
            if (m != null && (t == null || !isAncestor(m, t))) {
                localChanges.add(stage);
            }
            if (t != null && (m == null || !isAncestor(t, m))) {
                remoteChanges.add(stage);
            }
        }
        boolean combine = !localChanges.isEmpty() && (!remoteChanges.isEmpty() || !renumbered.isEmpty());
        if (combine && !replay) {
            throw new TransportException(remote, refusal(localChanges, remoteChanges, renumbered));
        }
        List<RefMove> moves = new ArrayList<>();
        List<ReplayEvent> replays = new ArrayList<>();
        ObjectId moved = null;
        for (String stage : stages) {
            ObjectId m = mine.get(stage);
            ObjectId t = theirs.get(stage);
            String local = StageReader.PREFIX + stage;
            if (combine && localChanges.contains(stage)) {
                String keptAt = keptAt(stage);
                replays.addAll(localEvents(stage, m, t, keptAt, renumbered));
                moves.add(new RefMove(keptAt, null, m, true));
                moves.add(new RefMove(local, m, t == null ? ObjectId.zeroId() : t, true));
                moved = t != null ? t : moved;
            } else if (remoteChanges.contains(stage)) {
                moves.add(new RefMove(local, m, t, true)); // only the remote changed it: fast-forward
                moved = t;
            }
        }
        if (moved != null) {
            // every stage change compare-and-swaps this ref (rules span stages): so does the pull, so a
            // stage change made locally meanwhile, planned on the old state, fails and is planned again
            ObjectId tip = Refs.get(repo, StageWriter.STAGE_TIP);
            if (!moved.equals(tip)) {
                moves.add(new RefMove(StageWriter.STAGE_TIP, tip, moved, false));
            }
        }
        // all stages' events in the order they were made; within one stage, history order
        replays.sort(Comparator.comparingLong(ReplayEvent::when).thenComparingInt(ReplayEvent::sequence));
        return new Plan(moves, replays);
    }

    private String refusal(List<String> localChanges, List<String> remoteChanges, List<Renumbering> renumbered)
            throws RegistryException {
        String what = !remoteChanges.isEmpty()
                ? "stages changed both here (" + String.join(", ", localChanges) + ") and on " + remote + " ("
                        + String.join(", ", remoteChanges) + "), and stage rules span stages, so the two are never combined"
                        + " silently"
                : "unpublished versions would be renumbered (" + String.join(", ", renumbered.stream().map(Renumbering::toString)
                        .toList()) + ") but stage changes here (" + String.join(", ", localChanges) + ") are not on " + remote
                        + " and may name the old numbers";
        StringBuilder drop = new StringBuilder();
        for (String stage : localChanges) {
            drop.append(drop.length() == 0 ? "" : " and ").append("git update-ref ");
            String theirs = Constants.R_REMOTES + remote + "/stages/" + stage;
            drop.append(remoteChanges.contains(stage) || Refs.get(repo, theirs) != null ? StageReader.PREFIX + stage + " " + theirs
                    : "-d " + StageReader.PREFIX + stage);
        }
        return what + "; nothing was changed. Make your stage changes again on top of the remote's (each re-checked and"
                + " re-signed) with: git-model pull --replay " + remote + ". Or drop them: " + drop;
    }

    /** The local-only events of a stage (those not reachable from {@code base}), renumbered versions translated. */
    private List<ReplayEvent> localEvents(String branch, ObjectId mine, ObjectId base, String keptAt, List<Renumbering> renumbered)
            throws RegistryException {
        StageName stage;
        try {
            stage = StageName.of(branch);
        } catch (IllegalArgumentException e) {
            throw new TransportException(remote, "stage branch stages/" + branch + " has changes to make again, but '" + branch
                    + "' is not a valid stage name; nothing was changed", e);
        }
        List<RevCommit> commits = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setFirstParent(true);
            walk.markStart(walk.parseCommit(mine));
            if (base != null) {
                walk.markUninteresting(walk.parseCommit(base));
            }
            for (RevCommit c : walk) {
                commits.add(c);
            }
        } catch (IOException e) {
            throw new RegistryIOException("cannot read the history of stage " + stage, e);
        }
        Collections.reverse(commits); // oldest first
        List<ReplayEvent> out = new ArrayList<>();
        int sequence = 0;
        for (RevCommit c : commits) {
            StageMessage m = StageMessage.parse(c.getFullMessage());
            if (m != null) {
                out.add(new ReplayEvent(stage, translate(m, renumbered), keptAt, c.getCommitTime(), sequence++));
            } else if (StageMessage.claimsStageChange(c.getFullMessage())) {
                // dropping it would lose a local stage change without a word
                throw new TransportException(remote, "local stage commit " + c.abbreviate(12).name() + " on stages/" + stage
                        + " is a stage change git-model cannot read (" + c.getShortMessage() + "), so it cannot be made again"
                        + " on top of " + remote + "; nothing was changed. Drop it or make the change by hand, then pull again");
            }
        }
        return out;
    }

    /**
     * A new ref for each replay ({@code refs/git-model/replaced/<time>/stages/<stage>}), so that a
     * second replay never overwrites the history a first one kept.
     */
    private String keptAt(String stage) throws RegistryException {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(now);
        String name = REPLACED_PREFIX + stamp + "/stages/" + stage;
        for (int n = 2; Refs.get(repo, name) != null; n++) {
            name = REPLACED_PREFIX + stamp + "-" + n + "/stages/" + stage;
        }
        return name;
    }

    private static StageMessage translate(StageMessage m, List<Renumbering> renumbered) {
        List<StageMessage.Entry> entries = new ArrayList<>();
        for (StageMessage.Entry e : m.entries()) {
            entries.add(new StageMessage.Entry(e.model(), newNumber(renumbered, e.model(), e.version()),
                    newNumber(renumbered, e.model(), e.previousVersion())));
        }
        return new StageMessage(m.action(), m.stage(), entries, m.reason(), m.approvedBy());
    }

    private static int newNumber(List<Renumbering> renumbered, ModelName model, int version) {
        for (Renumbering r : renumbered) {
            if (version > 0 && r.model().equals(model) && r.from() == version) {
                return r.to();
            }
        }
        return version;
    }

    private boolean isAncestor(ObjectId ancestor, ObjectId of) throws RegistryException {
        try {
            return Refs.isAncestor(repo, ancestor, of);
        } catch (IOException e) {
            throw new RegistryIOException("cannot compare the stage histories here and on " + remote, e);
        }
    }
}
