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
 * Retires a version into the multi-valued {@code archived} stage. Its tag, metadata and
 * artifacts stay: archived versions are kept forever. A version still held by a single-slot
 * stage (e.g. production) must leave it first, so nothing is silently taken out of service.
 */
public final class ArchiveCommand extends StageChangeCommand<ArchiveCommand> {
    private final String ref;

    ArchiveCommand(Registry registry, String ref) {
        super(registry, RegistryPolicy.ARCHIVED);
        this.ref = ModelRef.parse(ref).toString();
    }

    @Override
    Plan plan(Context c) throws RegistryException {
        ModelVersion v = registry.resolve(ref);
        if (!c.rules().multiValued()) {
            throw new StageRuleViolationException(stage, "multi_valued", "stage archived must be multi_valued in registry.yaml");
        }
        for (StageRules other : c.policy().stages()) {
            if (other.multiValued()) {
                continue;
            }
            Optional<StageFile> held = registry.stages().current(other.name(), v.name());
            if (held.isPresent() && held.get().versions().contains(v.version())) {
                throw new StageRuleViolationException(other.name(), "in service", v.ref() + " is in " + other.name()
                        + "; promote another version there or demote it first (git-model demote " + v.name() + " "
                        + other.name() + " -m <reason>)");
            }
        }
        List<Integer> versions = new ArrayList<>();
        registry.stages().readAt(c.head(), stage, v.name()).ifPresent(f -> versions.addAll(f.versions()));
        if (versions.contains(v.version())) {
            throw new StageRuleViolationException(stage, "already held", v.ref() + " is already archived");
        }
        versions.add(v.version());
        StageFile file = c.file(v.name(), versions, "archive");
        Map<String, String> files = files();
        files.put(file.fileName(), file.write(true));
        return new Plan(files, message("archive", c, List.of(new StageMessage.Entry(v.name().value(), v.version(), 0))));
    }
}
