package io.gitmodel.cli;

import io.gitmodel.registry.Artifact;
import io.gitmodel.registry.Comparison;
import io.gitmodel.registry.Dataset;
import io.gitmodel.registry.EventAction;
import io.gitmodel.registry.Finding;
import io.gitmodel.registry.Lineage;
import io.gitmodel.registry.ModelEvent;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Principal;
import io.gitmodel.registry.PromotionRequest;
import io.gitmodel.registry.RegistryPolicy;
import io.gitmodel.registry.Remote;
import io.gitmodel.registry.SigningKey;
import io.gitmodel.registry.StageAssignment;
import io.gitmodel.registry.StageRules;
import io.gitmodel.registry.VersionDiff;
import java.io.PrintWriter;
import java.util.ArrayList;
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
        Table table = new Table("WHEN", "ACTION", "VERSION", "STAGE", "PREVIOUS", "BY", "SIGNATURE", "APPROVED BY", "REASON");
        for (ModelEvent e : events) {
            table.row(e.at(), e.action(), e.ref() == null ? "" : e.ref(), e.stage() == null ? "" : e.stage(),
                    e.previousVersion() > 0 ? "v" + e.previousVersion() : "", e.by().name(),
                    e.action() == EventAction.REGISTER ? "" : e.signature().summary(), String.join(", ", e.approvedBy()),
                    firstLine(e.reason(), 50)
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

    /** Principals, one row per key: PRINCIPAL, ROLES, FORMAT, FINGERPRINT, REVOKED (empty while trusted). */
    static void signers(PrintWriter out, List<Principal> principals) {
        Table table = new Table("PRINCIPAL", "ROLES", "FORMAT", "FINGERPRINT", "REVOKED");
        for (Principal p : principals) {
            if (p.keys().isEmpty()) {
                table.row(p.name(), String.join(", ", p.roles()), "", "(no key)", "");
            }
            for (SigningKey k : p.keys()) {
                table.row(p.name(), String.join(", ", p.roles()), k.format(), k.fingerprint(), k.revoked() == null ? "" : k.revoked());
            }
        }
        table.print(out);
    }

    /** Roles as a phrase: {@code admin, ml-lead}, or {@code no roles}. */
    static String roles(List<String> roles) {
        return roles.isEmpty() ? "no roles" : String.join(", ", roles);
    }

    /** The policy: each stage's rules with who may sign and approve, then the admins and the principals. */
    static void policy(PrintWriter out, RegistryPolicy policy) {
        for (StageRules s : policy.stages()) {
            out.println(s.name() + (s.description().isEmpty() ? "" : ": " + s.description()));
            if (s.multiValued()) {
                rule(out, "multi_valued", "yes (holds several versions per model)");
            }
            rule(out, "requires", s.requires() == null ? "-" : s.requires().value());
            rule(out, "approvals", String.valueOf(s.approvals()));
            rule(out, "signed", s.signed() ? "yes" : "no");
            rule(out, "signers", !s.signed() && !policy.declaresPrincipals() ? "anyone (signatures are not required)"
                    : who(policy, s.signers()));
            rule(out, "approvers", who(policy, s.approvers()));
            rule(out, "gates", s.gates().isEmpty() ? "-" : String.join("\n" + " ".repeat(17), s.gates()));
            rule(out, "forge_merges", s.forgeMerges() ? "yes (an unsigned merge of an approved request is accepted)" : "no");
        }
        out.println();
        out.printf("%-16s %s%n", "admins:", policy.declaresPrincipals() ? who(policy, policy.admins())
                : "anyone, until principals are declared (then " + String.join(", ", policy.admins()) + ")");
        if (!policy.declaresPrincipals()) {
            out.printf("%-16s %s%n", "allowed_signers:", policy.allowedSigners().isEmpty()
                    ? "- (any signature git verifies with its own configuration)" : String.join(", ", policy.allowedSigners()));
            out.printf("%-16s %s%n", "principals:", "- (none declared: git-model signers add <principal> <public-key-file> --role admin)");
            return;
        }
        out.println("principals:");
        Table table = new Table("  PRINCIPAL", "ROLES", "KEYS");
        for (Principal p : policy.principals()) {
            long trusted = p.keys().stream().filter(k -> k.revoked() == null).count();
            long revoked = p.keys().size() - trusted;
            table.row("  " + p.name(), String.join(", ", p.roles()), trusted + " trusted" + (revoked == 0 ? "" : ", " + revoked + " revoked"));
        }
        table.print(out);
    }

    private static void rule(PrintWriter out, String name, String value) {
        out.printf("  %-14s %s%n", name + ":", value);
    }

    /**
     * Who a rule lets act: each entry followed by the principals it resolves to, e.g.
     * {@code ml-lead (bo), risk (cy)}; an empty rule is anyone.
     */
    private static String who(RegistryPolicy policy, List<String> rule) {
        if (!policy.declaresPrincipals()) {
            if (!rule.isEmpty()) {
                return String.join(", ", rule) + " (no principals declared)";
            }
            return policy.allowedSigners().isEmpty() ? "anyone whose signature git verifies"
                    : "anyone in allowed_signers (" + String.join(", ", policy.allowedSigners()) + ")";
        }
        if (rule.isEmpty()) {
            return "anyone with a trusted key (" + String.join(", ", Who.principalsIn(policy, rule, true)) + ")";
        }
        List<String> parts = new ArrayList<>();
        for (String entry : rule) {
            List<String> names = Who.principalsOf(policy, entry);
            parts.add(names.equals(List.of(entry)) ? entry : entry + " (" + (names.isEmpty() ? "no one" : String.join(", ", names)) + ")");
        }
        return String.join(", ", parts);
    }

    /** Open promotion requests: a table, then the approvals not counted and the rules broken, one per line. */
    static void requests(PrintWriter out, List<PromotionRequest> requests) {
        Table table = new Table("REQUEST", "REQUESTED BY", "APPROVALS", "APPROVED BY", "STATE");
        List<String> details = new ArrayList<>();
        for (PromotionRequest r : requests) {
            table.row(r.name(), requestedBy(r), r.approvers().size() + "/" + r.approvalsNeeded(), String.join(", ", r.approvers()),
                    needs(r));
            r.notCounted().forEach(n -> details.add(r.name() + ": not counted: " + n));
            for (Finding f : r.problems()) {
                details.add(r.name() + ": breaks " + f.rule() + ": " + f.message());
            }
        }
        table.print(out);
        if (!details.isEmpty()) {
            out.println();
            details.forEach(out::println);
        }
    }

    private static String requestedBy(PromotionRequest r) {
        return !r.requestedBy().isEmpty() ? r.requestedBy() : r.requester() == null ? "" : r.requester().name() + " (unsigned)";
    }

    /**
     * The approvals of a request that count: {@code 1 of 2 approvals (bo)}; where the stage needs none,
     * {@code 1 approval (bo), none needed}.
     */
    static String approvals(PromotionRequest r) {
        int n = r.approvers().size();
        String who = n == 0 ? "" : " (" + String.join(", ", r.approvers()) + ")";
        if (r.approvalsNeeded() == 0) {
            return n + " approval" + (n == 1 ? "" : "s") + who + ", none needed";
        }
        return n + " of " + r.approvalsNeeded() + " approval" + (r.approvalsNeeded() == 1 ? "" : "s") + who;
    }

    /** What stands between a request and its merge, one reason a line. */
    static List<String> blockers(PromotionRequest r) {
        List<String> out = new ArrayList<>();
        if (!r.current()) {
            out.add("the stage moved since it was requested: make it again with git-model request " + r.name().modelRef() + " "
                    + r.name().stage() + " --replace -m <reason>");
        }
        if (r.approvalsMissing() > 0) {
            out.add("needs " + r.approvalsMissing() + " more approval" + (r.approvalsMissing() == 1 ? "" : "s") + " ("
                    + r.approvers().size() + " of " + r.approvalsNeeded() + "): git-model approve " + r.name());
        }
        r.notCounted().forEach(n -> out.add("an approval that does not count: " + n));
        r.problems().forEach(p -> out.add((p.rule() == null || p.rule().isEmpty() ? "" : "[" + p.rule() + "] ") + p.message()));
        return out;
    }

    /**
     * What a request still needs before a merge, or {@code ready to merge}: {@code needs 2 approvals},
     * {@code needs 1 more approval}, {@code breaks <rule>}, {@code stage moved since: make it again with --replace}.
     */
    static String needs(PromotionRequest r) {
        List<String> parts = new ArrayList<>();
        if (!r.current()) {
            parts.add(r.commit().isEmpty() ? "holds no promotion commit" : "stage moved since: make it again with --replace");
        }
        for (Finding f : r.problems()) {
            String broken = "breaks " + f.rule();
            if (!parts.contains(broken)) {
                parts.add(broken);
            }
        }
        int missing = r.approvalsMissing();
        if (missing > 0) {
            parts.add("needs " + missing + (r.approvers().isEmpty() ? "" : " more") + " approval" + (missing == 1 ? "" : "s"));
        }
        return parts.isEmpty() ? "ready to merge" : String.join("; ", parts);
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
            b.append(e.getKey()).append('=').append(Numbers.display(e.getValue()));
        }
        return b.toString();
    }

    /** {@code diff}: one section per kind of change, then the artifacts and the model card's unified diff. */
    static void diff(PrintWriter out, VersionDiff d) {
        out.println(d.from().ref() + " -> " + d.to().ref());
        if (d.isEmpty()) {
            out.println("no differences");
            return;
        }
        for (String section : VersionDiff.SECTIONS) {
            List<VersionDiff.Change> changes = d.section(section);
            if (changes.isEmpty()) {
                continue;
            }
            out.println(section + ":");
            Table t = new Table("", "", "");
            for (VersionDiff.Change c : changes) {
                t.row("  " + (c.key().isEmpty() ? section : c.key()), change(c),
                        c.delta().map(x -> "(" + (x >= 0 ? "+" : "") + Numbers.display(x) + ")").orElse(""));
            }
            t.printRows(out);
        }
        if (!d.artifacts().isEmpty()) {
            out.println("artifacts:");
            Table t = new Table("", "", "", "");
            for (VersionDiff.ArtifactChange a : d.artifacts()) {
                String sizes = switch (a.kind()) {
                    case ADDED -> Sizes.human(a.after().size());
                    case REMOVED -> Sizes.human(a.before().size());
                    case CHANGED -> Sizes.human(a.before().size()) + " -> " + Sizes.human(a.after().size());
                };
                String delta = a.kind() == VersionDiff.Kind.CHANGED
                        ? "(" + (a.sizeDelta() >= 0 ? "+" : "-") + Sizes.human(Math.abs(a.sizeDelta())) + ")" : "";
                t.row("  " + a.kind().word(), a.path().value(), sizes, delta);
            }
            t.printRows(out);
        }
        if (!d.modelCard().isEmpty()) {
            out.println("model card:");
            out.print(d.modelCard());
        }
        out.flush();
    }

    /** {@code compare}: a row per metric and parameter, a column per version, the best value of a metric marked *. */
    static void comparison(PrintWriter out, Comparison c) {
        String[] header = new String[c.versions().size() + 1];
        header[0] = "";
        for (int i = 0; i < c.versions().size(); i++) {
            header[i + 1] = c.versions().get(i).ref().toString();
        }
        Table t = new Table(header);
        if (!c.metrics().isEmpty()) {
            t.row("metrics");
        }
        for (String metric : c.metrics()) {
            Object[] row = new Object[header.length];
            row[0] = "  " + metric + (c.lowerIsBetter().contains(metric) ? " (lower is better)" : "");
            for (int i = 0; i < c.versions().size(); i++) {
                int index = i;
                row[i + 1] = c.metric(i, metric).map(v -> Numbers.display(v) + (c.isBest(index, metric) ? " *" : "")).orElse("-");
            }
            t.row(row);
        }
        if (!c.params().isEmpty()) {
            t.row("params");
        }
        for (String param : c.params()) {
            Object[] row = new Object[header.length];
            row[0] = "  " + param;
            for (int i = 0; i < c.versions().size(); i++) {
                Object v = c.versions().get(i).params().get(param);
                row[i + 1] = v == null ? "-" : value(v);
            }
            t.row(row);
        }
        t.print(out);
    }

    /** {@code 0.91 -> 0.94}, {@code added: 64}, {@code removed (was risk)}; a parent is its own key, so just added/removed. */
    private static String change(VersionDiff.Change c) {
        return switch (c.kind()) {
            case CHANGED -> value(c.before()) + " -> " + value(c.after());
            case ADDED -> c.key().equals(c.after()) ? "added" : "added: " + value(c.after());
            case REMOVED -> c.key().equals(c.before()) ? "removed" : "removed (was " + value(c.before()) + ")";
        };
    }

    private static String value(Object v) {
        return v instanceof Double d ? Numbers.display(d) : String.valueOf(v);
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
