package io.gitmodel.registry.internal.policy;

import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.StageName;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Stage state kept in memory while a recorded history is replayed change by change. */
final class RecordedStages implements StageState {
    private record Key(StageName stage, ModelName model) {
    }

    private final Map<Key, List<Integer>> held = new HashMap<>();
    private final Set<String> ever = new HashSet<>();

    @Override
    public List<Integer> held(StageName stage, ModelName model) {
        return held.getOrDefault(new Key(stage, model), List.of());
    }

    @Override
    public boolean everHeld(StageName stage, ModelName model, int version) {
        return ever.contains(stage + "/" + model + "@v" + version);
    }

    void set(StageName stage, ModelName model, List<Integer> versions) {
        held.put(new Key(stage, model), List.copyOf(versions));
        versions.forEach(v -> ever.add(stage + "/" + model + "@v" + v));
    }
}
