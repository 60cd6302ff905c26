package io.gitmodel.registry;

import java.util.List;
import java.util.Optional;

/**
 * The rules in registry.yaml: the stages and who may sign stage changes.
 *
 * @param stages the declared stages, in declaration order
 * @param allowedSigners SSH principals, emails or key fingerprints allowed to sign stage commits;
 *     empty means any signature that verifies
 */
public record RegistryPolicy(List<StageRules> stages, List<String> allowedSigners) {
    /** The stage every registry has for retired versions. */
    public static final StageName ARCHIVED = StageName.ARCHIVED;

    public RegistryPolicy {
        stages = List.copyOf(stages);
        allowedSigners = List.copyOf(allowedSigners);
    }

    /** The rules of a declared stage. */
    public Optional<StageRules> stage(StageName name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The rules of a declared stage, by name. */
    public Optional<StageRules> stage(String name) {
        return stages.stream().filter(s -> s.name().value().equals(name)).findFirst();
    }

    /** Names of the declared stages, in order. */
    public List<StageName> stageNames() {
        return stages.stream().map(StageRules::name).toList();
    }
}
