package io.gitmodel.registry;

import io.gitmodel.registry.errors.InvalidReferenceException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.StageRuleViolationException;
import io.gitmodel.registry.errors.VersionNotFoundException;
import io.gitmodel.registry.internal.stage.StageFile;
import io.gitmodel.registry.internal.stage.StageMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Removes a model from a stage: the stage then holds no version of it. For a multi-valued stage,
 * name the version ({@code fraud@v2}) to remove from the set. Restoring from the archive is
 * {@link Registry#restore(String)}.
 */
public final class DemoteCommand extends StageChangeCommand<DemoteCommand> {
    private final ModelRef target;
    private final String action;

    DemoteCommand(Registry registry, String modelOrRef, String stage, String action) {
        super(registry, stage);
        this.target = modelOrRef.contains("@") ? ModelRef.parse(modelOrRef) : ModelRef.latest(ModelName.of(modelOrRef));
        this.action = action;
    }

    @Override
    Plan plan(Context c) throws RegistryException {
        ModelName model = target.name();
        Optional<StageFile> current = registry.stages().readAt(c.head(), stage, model);
        if (current.isEmpty()) {
            throw new VersionNotFoundException(model + "@" + stage, stage + " holds no version of " + model + "; nothing to "
                    + action);
        }
        List<Integer> versions = new ArrayList<>(current.get().versions());
        int removed;
        if (c.rules().multiValued()) {
            if (target.selector() instanceof ModelRef.Exact exact) {
                removed = exact.version();
            } else {
                throw new InvalidReferenceException(target.toString(), stage + " holds a set of versions of " + model
                        + " (" + String.join(", ", versions.stream().map(v -> model + "@v" + v).toList()) + "); name the one to "
                        + action + ", e.g. " + model + "@v" + versions.get(versions.size() - 1));
            }
            if (!versions.remove(Integer.valueOf(removed))) {
                throw new StageRuleViolationException(stage, "not held", stage + " does not hold " + model + "@v" + removed
                        + "; it holds " + versions.stream().map(v -> model + "@v" + v).toList());
            }
        } else {
            removed = versions.get(0);
            if (target.selector() instanceof ModelRef.Exact exact && exact.version() != removed) {
                throw new StageRuleViolationException(stage, "not held", stage + " holds " + model + "@v" + removed + ", not "
                        + target);
            }
            versions.clear();
        }
        Map<String, String> files = files();
        StageFile file = c.file(model, versions, action);
        files.put(file.fileName(), versions.isEmpty() ? null : file.write(true));
        return new Plan(files, message(action, c, List.of(new StageMessage.Entry(model.value(), 0, removed))));
    }
}
