package io.gitmodel.cli;

import picocli.CommandLine.Mixin;
import java.util.List;
import io.gitmodel.registry.ModelEvent;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.errors.RegistryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "history", header = "Show a model's whole life: registrations and stage changes.", mixinStandardHelpOptions = true,
        description = "A model's whole life in time order: registrations and every stage change, with who, "
            + "when, why, the previous version and each stage commit's verified signature. --json prints an array of "
            + "events {action, model, version, ref, stage, previous_version, reason, approved_by, by, at, commit, signature, "
            + "warnings}.")
final class HistoryCmd extends BaseCmd {
    @Parameters(index = "0", paramLabel = "<name>", description = "The model.")
    String name;

    @Mixin
    OutputOptions output;

    @Override
    void run() throws RegistryException {
        try (Registry registry = root.openRegistry()) {
            List<ModelEvent> events = registry.history(name);
            if (!output.print(out(), events.stream().map(Documents::event).toList())) {
                Views.events(out(), events);
            }
        }
    }
}
