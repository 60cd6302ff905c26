package io.gitmodel.registry;

import java.util.List;
import java.util.Objects;

/**
 * What a stage change did: the commit on the stage branch and one event per model it changed.
 *
 * @param stage the stage changed
 * @param commit the stage commit's id
 * @param events the events, one per model (several for a release)
 */
public record StageChange(StageName stage, String commit, List<ModelEvent> events) {
    public StageChange {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(commit, "commit");
        events = List.copyOf(events);
    }

    /** The single event of a one-model change. */
    public ModelEvent event() {
        return events.get(0);
    }
}
