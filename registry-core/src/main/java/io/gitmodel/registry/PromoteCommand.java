package io.gitmodel.registry;

import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.StageRuleViolationException;
import io.gitmodel.registry.internal.stage.StageFile;
import io.gitmodel.registry.internal.stage.StageMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts a version into a stage: for a single-slot stage it replaces the version held there, for
 * a multi-valued one it joins the set. The stage's rules are checked first: the stage it
 * requires the version to have been in, its metric gates, and that the version is not archived.
 */
public final class PromoteCommand extends StageChangeCommand<PromoteCommand> {
    private final String ref;

    PromoteCommand(Registry registry, String ref, String stage) {
        super(registry, stage);
        this.ref = ModelRef.parse(ref).toString();
    }

    @Override
    Plan plan(Context c) throws RegistryException {
        if (stage.equals(RegistryPolicy.ARCHIVED)) {
            throw new StageRuleViolationException(stage, "use archive", "versions enter the archive through"
                    + " git-model archive " + ref + " -m <reason>, which checks that they left service first");
        }
        ModelVersion v = registry.resolve(ref);
        checkNotArchived(c, v);
        checkEntryRules(c, v);
        Optional<StageFile> current = registry.stages().readAt(c.head(), stage, v.name());
        List<Integer> versions = new ArrayList<>();
        int previous = 0;
        if (c.rules().multiValued()) {
            current.ifPresent(f -> versions.addAll(f.versions()));
            if (versions.contains(v.version())) {
                throw new StageRuleViolationException(stage, "already held", stage + " already holds " + v.ref());
            }
            versions.add(v.version());
        } else {
            if (current.isPresent()) {
                previous = current.get().versions().get(0);
                if (previous == v.version()) {
                    throw new StageRuleViolationException(stage, "already held", v.ref() + " is already in " + stage);
                }
            }
            versions.add(v.version());
        }
        StageFile file = c.file(v.name(), versions, "promote");
        Map<String, String> files = files();
        files.put(file.fileName(), file.write(c.rules().multiValued()));
        return new Plan(files, message("promote", c, List.of(new StageMessage.Entry(v.name().value(), v.version(),
                c.rules().multiValued() ? 0 : previous))));
    }
}
