package io.gitmodel.registry;

import java.util.List;

/**
 * What a stage change did: the commit on the stage branch and one event per model it changed.
 *
 * @param stage the stage changed
 * @param commit the stage commit's id
 * @param events the events, one per model (several for a release)
 */
public record StageChange(String stage, String commit, List<ModelEvent> events) {
    public StageChange {
        events = List.copyOf(events);
    }

    /** The single event of a one-model change. */
    public ModelEvent event() {
        return events.get(0);
    }
}
