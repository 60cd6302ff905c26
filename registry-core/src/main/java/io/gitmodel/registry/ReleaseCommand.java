package io.gitmodel.registry;

import io.gitmodel.registry.errors.InvalidValueException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.StageRuleViolationException;
import io.gitmodel.registry.internal.stage.StageFile;
import io.gitmodel.registry.internal.stage.StageMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Promotes several models to one stage in ONE commit: all of them change together or none does.
 * For models that must move in step (a ranker and the embedding model it was trained on). Every
 * version is checked against the stage's rules before anything is written.
 */
public final class ReleaseCommand extends StageChangeCommand<ReleaseCommand> {
    private final List<String> refs;

    ReleaseCommand(Registry registry, String stage, List<String> refs) {
        super(registry, stage);
        if (refs.isEmpty()) {
            throw new InvalidValueException("a release needs at least one version");
        }
        Set<ModelName> seen = new HashSet<>();
        List<String> parsed = new ArrayList<>();
        for (String r : refs) {
            ModelRef ref = ModelRef.parse(r);
            if (!seen.add(ref.name())) {
                throw new InvalidValueException("a release names model " + ref.name() + " twice; a stage holds one version per model");
            }
            parsed.add(ref.toString());
        }
        this.refs = List.copyOf(parsed);
    }

    @Override
    Plan plan(Context c) throws RegistryException {
        if (c.rules().multiValued()) {
            throw new StageRuleViolationException(stage, "single-slot", "releases go to single-slot stages; " + stage + " holds sets");
        }
        Map<String, String> files = files();
        List<StageMessage.Entry> entries = new ArrayList<>();
        for (String r : refs) {
            ModelVersion v = registry.resolve(r);
            checkNotArchived(c, v);
            checkEntryRules(c, v);
            Optional<StageFile> current = registry.stages().readAt(c.head(), stage, v.name());
            int previous = current.map(f -> f.versions().get(0)).orElse(0);
            StageFile file = c.file(v.name(), List.of(v.version()), "release");
            files.put(file.fileName(), file.write(false));
            entries.add(new StageMessage.Entry(v.name().value(), v.version(), previous));
        }
        if (entries.stream().allMatch(e -> e.version() == e.previousVersion())) {
            throw new StageRuleViolationException(stage, "already held", stage + " already holds all of " + refs);
        }
        return new Plan(files, message("release", c, entries));
    }
}
