package io.gitmodel.registry.internal.policy;

import io.gitmodel.registry.EventAction;
import java.util.List;
import java.util.TreeSet;

/** What a stage holds of a model after an action: the one definition planners and history checks share. */
public final class Transitions {
    private Transitions() {
    }

    /**
     * @param before the versions held before, ascending
     * @param version the version the action is about (entering, or leaving for demote and restore)
     * @return the versions held after, ascending
     */
    public static List<Integer> after(EventAction action, boolean multiValued, List<Integer> before, int version) {
        TreeSet<Integer> held = new TreeSet<>(before);
        switch (action) {
            case PROMOTE -> {
                if (!multiValued) {
                    held.clear();
                }
                held.add(version);
            }
            case RELEASE, ROLLBACK -> {
                held.clear();
                held.add(version);
            }
            case ARCHIVE -> held.add(version);
            case DEMOTE -> {
                if (multiValued) {
                    held.remove(version);
                } else {
                    held.clear();
                }
            }
            case RESTORE -> held.remove(version);
            default -> throw new IllegalArgumentException("not a stage action: " + action);
        }
        return List.copyOf(held);
    }
}
