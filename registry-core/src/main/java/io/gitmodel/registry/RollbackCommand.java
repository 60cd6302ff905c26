package io.gitmodel.registry;

import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.StageRuleViolationException;
import io.gitmodel.registry.errors.VersionNotFoundException;
import io.gitmodel.registry.internal.stage.StageFile;
import io.gitmodel.registry.internal.stage.StageMessage;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts back the version a single-slot stage held before the current one, following that stage's
 * own history (not "version minus one"). Entry rules are not re-checked: the version was in the
 * stage before, and a rollback must work in a minute. An archived version is not brought back.
 */
public final class RollbackCommand extends StageChangeCommand<RollbackCommand> {
    private final ModelName model;

    RollbackCommand(Registry registry, String model, String stage) {
        super(registry, stage);
        this.model = ModelName.of(model);
    }

    @Override
    Plan plan(Context c) throws RegistryException {
        if (c.rules().multiValued()) {
            throw new StageRuleViolationException(stage, "single-slot", stage + " holds a set of versions; rollback applies to"
                    + " single-slot stages such as production");
        }
        Optional<StageFile> current = registry.stages().readAt(c.head(), stage, model);
        if (current.isEmpty()) {
            throw new VersionNotFoundException(model + "@" + stage, stage + " holds no version of " + model + "; nothing to roll back");
        }
        int now = current.get().versions().get(0);
        int previous = 0;
        List<ModelEvent> events = registry.stages().events(stage, model, commit -> SignatureCheck.unsigned());
        for (int i = events.size() - 1; i >= 0; i--) {
            ModelEvent e = events.get(i);
            if (!e.action().equals("demote") && e.version() == now) {
                previous = e.previousVersion();
                break;
            }
        }
        if (previous == 0) {
            throw new VersionNotFoundException(model + "@" + stage, stage + " held no version of " + model + " before "
                    + model + "@v" + now + "; to remove it use: git-model demote " + model + " " + stage + " -m <reason>");
        }
        ModelVersion target = registry.resolve(ModelRef.of(model, previous));
        checkNotArchived(c, target);
        StageFile file = c.file(model, List.of(previous), "rollback");
        Map<String, String> files = files();
        files.put(file.fileName(), file.write(false));
        return new Plan(files, message("rollback", c, List.of(new StageMessage.Entry(model.value(), previous, now))));
    }
}
