package io.gitmodel.cli;

import io.gitmodel.registry.Artifact;
import io.gitmodel.registry.Dataset;
import io.gitmodel.registry.EventAction;
import io.gitmodel.registry.Lineage;
import io.gitmodel.registry.ModelEvent;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Remote;
import io.gitmodel.registry.StageAssignment;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** The readable views of the data the command line prints: tables and the detail of a version. */
final class Views {
    private Views() {
    }

    /** Models with their newest version. */
    static void models(PrintWriter out, List<ModelVersion> latest) {
        Table table = new Table("MODEL", "LATEST", "CREATED", "BY", "METRICS");
        for (ModelVersion v : latest) {
            table.row(v.name(), "v" + v.version(), v.created(), v.createdBy(), metricsSummary(v.metrics(), 3));
        }
        table.print(out);
    }

    /** Versions of a model, one per row. */
    static void versions(PrintWriter out, List<ModelVersion> versions) {
        Table table = new Table("REF", "CREATED", "BY", "SIZE", "METRICS", "DESCRIPTION");
        for (ModelVersion v : versions) {
            table.row(v.ref(), v.created(), v.createdBy(), Sizes.human(v.totalArtifactSize()), metricsSummary(v.metrics(), 4),
                    firstLine(v.description(), 60));
        }
        table.print(out);
    }

    /** One version in detail: metadata, metrics, parameters, tags, lineage and artifacts. */
    static void version(PrintWriter out, ModelVersion v) {
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
            return;
        }
        Table table = new Table("  PATH", "SIZE", "SHA256", "TYPE");
        for (Artifact a : v.artifacts()) {
            table.row("  " + a.path(), Sizes.human(a.size()), a.oid().hex().substring(0, 16), a.mediaType());
        }
        table.print(out);
    }

    /** Registrations and stage changes, oldest first. */
    static void events(PrintWriter out, List<ModelEvent> events) {
        Table table = new Table("WHEN", "ACTION", "VERSION", "STAGE", "PREVIOUS", "BY", "SIGNATURE", "REASON");
        for (ModelEvent e : events) {
            table.row(e.at(), e.action(), e.ref() == null ? "" : e.ref(), e.stage() == null ? "" : e.stage(),
                    e.previousVersion() > 0 ? "v" + e.previousVersion() : "", e.by().name(),
                    e.action() == EventAction.REGISTER ? "" : e.signature().summary(), firstLine(e.reason(), 50)
                            + (e.warnings().isEmpty() ? "" : "  [WARNING: " + String.join("; ", e.warnings()) + "]")
                            + (e.problems().isEmpty() ? "" : "  [INVALID: " + String.join("; ", e.problems()) + "]"));
        }
        table.print(out);
    }

    /** What every stage holds. */
    static void status(PrintWriter out, List<StageAssignment> status) {
        Table table = new Table("MODEL", "STAGE", "VERSION");
        for (StageAssignment a : status) {
            table.row(a.model(), a.stage(), String.join(", ", a.versions().stream().map(v -> "v" + v).toList()));
        }
        table.print(out);
    }

    /** Remotes: name and URL, tab-separated, one per line. */
    static void remotes(PrintWriter out, List<Remote> remotes) {
        for (Remote r : remotes) {
            out.println(r.name() + "\t" + r.displayUrl());
        }
    }

    static String metricsSummary(Map<String, Double> metrics, int max) {
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (Map.Entry<String, Double> e : metrics.entrySet()) {
            if (n++ == max) {
                b.append(" ...");
                break;
            }
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(e.getKey()).append('=').append(Numbers.format(e.getValue()));
        }
        return b.toString();
    }

    private static String firstLine(String s, int max) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > max ? line.substring(0, max - 3) + "..." : line;
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
