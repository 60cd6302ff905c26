package io.gitmodel.cli;

import picocli.CommandLine.Mixin;
import io.gitmodel.registry.ModelRef;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.StageAssignment;
import io.gitmodel.registry.errors.RegistryException;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", header = "Show what every stage holds, now or at an instant.", mixinStandardHelpOptions = true,
        description = "Show what every stage holds of every model, now or at an instant (--at), from the "
            + "stage branches' history. --json prints an array of {model, stage, versions, refs}.")
final class StatusCmd extends BaseCmd {
    @Option(names = "--at", paramLabel = "<instant>", description = "ISO-8601 instant, e.g. 2026-03-14T10:00Z, or a date.")
    String at;

    @Mixin
    OutputOptions output;

    @Override
    void run() throws RegistryException {
        Instant instant = at == null ? null : ModelRef.parseInstant(at);
        try (Registry registry = root.openRegistry()) {
            List<StageAssignment> status = registry.status(instant);
            if (output.print(out(), status.stream().map(Documents::assignment).toList())) {
                return;
            }
            if (status.isEmpty()) {
                note(instant == null ? "No stage holds any version yet. Promote one with: git-model promote <ref> <stage> -m <reason>"
                        : "No stage held any version at " + instant + ".");
                return;
            }
            Views.status(out(), status);
        }
    }
}
