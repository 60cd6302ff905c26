package io.gitmodel.registry.internal.verify;

import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.StageName;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.internal.policy.StageState;
import io.gitmodel.registry.internal.stage.StageFile;
import io.gitmodel.registry.internal.stage.StageReader;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The stages as they were when a recorded change was made: its own stage at the change's parent;
 * what another stage held, at its newest commit dated at or before the change. Whether another
 * stage ever held a version (a {@code requires} rule) is read from its whole history instead:
 * dates are the committers' claims, and a wrong clock must not make a valid promotion look like it
 * skipped staging; skipping a stage is caught as long as the stage never held the version.
 */
final class HistoricalState implements StageState {
    private final StageReader stages;
    private final StageName stage;
    private final ObjectId parent;
    private final Instant at;
    private final Map<StageName, ObjectId> pinned = new HashMap<>();
    private final Indexes indexes;

    /** The histories of the stages as they are now, each read once per judge (null: walk instead). */
    @FunctionalInterface
    interface Indexes {
        StageIndex of(StageName stage) throws RegistryException;
    }

    HistoricalState(StageReader stages, Indexes indexes, StageName stage, ObjectId parent, Instant at) {
        this.stages = stages;
        this.indexes = indexes;
        this.stage = stage;
        this.parent = parent;
        this.at = at;
    }

    private ObjectId commitOf(StageName s) throws RegistryException {
        if (s.equals(stage)) {
            return parent;
        }
        ObjectId c = pinned.get(s);
        if (c == null && !pinned.containsKey(s)) {
            StageIndex index = indexes.of(s);
            c = index != null ? index.commitAt(at.getEpochSecond()) : stages.commitAt(s, at);
            pinned.put(s, c);
        }
        return c;
    }

    @Override
    public List<Integer> held(StageName s, ModelName model) throws RegistryException {
        return stages.readAt(commitOf(s), s, model).map(StageFile::versions).orElse(List.of());
    }

    @Override
    public boolean everHeld(StageName s, ModelName model, int version) throws RegistryException {
        ObjectId upTo = s.equals(stage) ? parent : stages.head(s);
        if (upTo == null) {
            return false;
        }
        // another stage: anywhere in its history, but not in a commit dated (beyond clock skew) after this change,
        // which could have been added afterwards to make this change look valid
        long bound = s.equals(stage) ? Long.MAX_VALUE : at.getEpochSecond() + ChangeJudge.MAX_CLOCK_SKEW_SECONDS;
        StageIndex index = indexes.of(s);
        Boolean indexed = index == null ? null : index.heldUpTo(upTo, model, version, bound);
        return indexed != null ? indexed : stages.everHeldUpTo(upTo, s, model, version, bound);
    }
}
