package io.gitmodel.cli;

import io.gitmodel.registry.Artifact;
import io.gitmodel.registry.Dataset;
import io.gitmodel.registry.Lineage;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.errors.RegistryException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "show", header = "Show one version.", mixinStandardHelpOptions = true,
        description = {"Show one version: metadata, metrics, parameters, lineage and artifacts.",
            "--json prints its model.yaml as JSON plus ref and commit; --yaml prints the model.yaml."})
final class ShowCmd extends BaseCmd {
    @Parameters(index = "0", paramLabel = "<ref>", description = "e.g. fraud@v2, fraud@latest.")
    String ref;

    @Mixin
    OutputOptions output;

    @Override
    void run() throws RegistryException {
        try (Registry registry = root.openRegistry()) {
            ModelVersion v = registry.resolve(ref);
            if (printMachine(output, List.of(v), true)) {
                return;
            }
            PrintWriter out = out();
            out.println(v.ref() + "  (commit " + v.commit() + ")");
            field(out, "created", v.created() + " by " + v.createdBy());
            if (!v.description().isEmpty()) {
                field(out, "description", v.description().replace("\n", "\n" + " ".repeat(15)));
            }
            section(out, "metrics", v.metrics());
            section(out, "params", v.params());
            section(out, "tags", v.tags());
            Lineage l = v.lineage();
            if (!l.datasets().isEmpty() || l.code() != null || !l.parents().isEmpty() || l.environment() != null) {
                out.println("lineage:");
                for (Dataset d : l.datasets()) {
                    field(out, "  dataset", d.toString());
                }
                if (l.code() != null) {
                    field(out, "  code", (l.code().repository() == null ? "" : l.code().repository() + " ") + l.code().commit()
                            + (l.code().dirty() ? " (dirty)" : ""));
                }
                l.parents().forEach(p -> field(out, "  parent", p.toString()));
                if (l.environment() != null) {
                    field(out, "  runtime", l.environment().runtime() + " on " + l.environment().os() + " " + l.environment().arch());
                    if (!l.environment().libraries().isEmpty()) {
                        field(out, "  libraries", l.environment().libraries().toString());
                    }
                }
            }
            out.println("artifacts:");
            if (v.artifacts().isEmpty()) {
                out.println("  (none)");
            }
            Table table = new Table("  PATH", "SIZE", "SHA256", "TYPE");
            for (Artifact a : v.artifacts()) {
                table.row("  " + a.path(), Sizes.human(a.size()), a.oid().hex().substring(0, 16), a.mediaType());
            }
            if (!v.artifacts().isEmpty()) {
                table.print(out);
            }
        }
    }

    private static void field(PrintWriter out, String name, String value) {
        out.printf("%-14s %s%n", name + ":", value);
    }

    private static void section(PrintWriter out, String name, Map<String, ?> values) {
        if (values.isEmpty()) {
            return;
        }
        out.println(name + ":");
        values.forEach((k, val) -> field(out, "  " + k, val instanceof Double d ? Numbers.format(d) : String.valueOf(val)));
    }
}
