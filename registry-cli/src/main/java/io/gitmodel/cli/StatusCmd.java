package io.gitmodel.cli;

import io.gitmodel.registry.ModelRef;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.StageAssignment;
import io.gitmodel.registry.errors.RegistryException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", header = "Show what every stage holds, now or at an instant.", mixinStandardHelpOptions = true,
        description = "Show what every stage holds of every model, now or at an instant (--at), from the "
            + "stage branches' history. --json prints an array of {model, stage, versions, refs}.")
final class StatusCmd extends BaseCmd {
    @Option(names = "--at", paramLabel = "<instant>", description = "ISO-8601 instant, e.g. 2026-03-14T10:00Z, or a date.")
    String at;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    void run() throws RegistryException {
        Instant instant = at == null ? null : ModelRef.parseInstant(at);
        try (Registry registry = root.openRegistry()) {
            List<StageAssignment> status = registry.status(instant);
            if (json) {
                List<Object> rows = new ArrayList<>();
                for (StageAssignment a : status) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("model", a.model().value());
                    row.put("stage", a.stage().value());
                    row.put("versions", a.versions());
                    row.put("refs", a.versions().stream().map(v -> a.model() + "@v" + v).toList());
                    rows.add(row);
                }
                out().print(Json.write(rows));
                return;
            }
            if (status.isEmpty()) {
                note(instant == null ? "No stage holds any version yet. Promote one with: git-model promote <ref> <stage> -m <reason>"
                        : "No stage held any version at " + instant + ".");
                return;
            }
            Table table = new Table("MODEL", "STAGE", "VERSION");
            for (StageAssignment a : status) {
                table.row(a.model(), a.stage(), String.join(", ", a.versions().stream().map(v -> "v" + v).toList()));
            }
            table.print(out());
        }
    }
}
