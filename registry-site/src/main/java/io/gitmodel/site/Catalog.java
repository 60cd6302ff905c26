package io.gitmodel.site;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.gitmodel.registry.EventAction;
import io.gitmodel.registry.ModelEvent;
import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.ModelRef;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.StageAssignment;
import io.gitmodel.registry.StageName;
import io.gitmodel.registry.VersionDiff;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.errors.TargetExistsException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a registry's static HTML catalog: {@code index.html} (the models, their newest version
 * and stages), {@code models/<name>.html} per model (versions table, a chart per metric, the
 * stage-history timeline with signers and approvals, the model card, the newest version's lineage
 * as SVG) and {@code diffs/<name>-v<a>-v<b>.html} between consecutive versions, with one local
 * stylesheet. No server, no script, no external resource: it works from {@code file://} and any
 * static host. The directory is written beside the target and swapped in whole.
 */
public final class Catalog {
    private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);
    /** Marks a directory as a catalog this class wrote, so writing again may replace it. */
    static final String MARKER = ".git-model-catalog";
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(null, ContentType.Html,
            Catalog.class.getClassLoader(), "io.gitmodel.site.templates");

    /** What was written. */
    public record Summary(Path directory, int models, int versions, int pages, long bytes) {
    }

    private final Registry registry;
    private String title = "Model registry";
    private Clock clock = Clock.systemUTC();
    private boolean force;

    public Catalog(Registry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** The title on every page (default "Model registry"). */
    public Catalog title(String title) {
        this.title = Objects.requireNonNull(title, "title");
        return this;
    }

    /** The clock for the "generated at" line. */
    public Catalog clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** Replace a non-empty directory that is not an earlier catalog. */
    public Catalog force(boolean force) {
        this.force = force;
        return this;
    }

    /**
     * Writes the catalog into {@code directory}: an earlier catalog there is replaced; a
     * directory holding other files only with {@link #force}.
     *
     * @throws TargetExistsException if the directory holds files and is no catalog (nothing is written)
     */
    public Summary write(Path directory) throws RegistryException {
        Path target = directory.toAbsolutePath().normalize();
        checkTarget(target);
        Path staging = target.resolveSibling("." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            deleteTree(staging);
            Files.createDirectories(staging.resolve("models"));
            Files.createDirectories(staging.resolve("diffs"));
            Summary summary = render(staging);
            Files.writeString(staging.resolve(MARKER), "written by git-model site; the whole directory is replaced on the next run\n");
            swap(staging, target);
            LOG.info("wrote the catalog of {} into {}: {} pages", registry.directory(), target, summary.pages());
            return new Summary(target, summary.models(), summary.versions(), summary.pages(), summary.bytes());
        } catch (IOException e) {
            throw new RegistryIOException("cannot write the catalog into " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                deleteTree(staging);
            } catch (IOException ignored) {
                // a leftover staging directory is removed by the next run
            }
        }
    }

    private void checkTarget(Path target) throws RegistryException {
        if (!Files.isDirectory(target) || force || Files.exists(target.resolve(MARKER))) {
            return;
        }
        try (Stream<Path> files = Files.list(target)) {
            if (files.findAny().isPresent()) {
                throw new TargetExistsException(target, target + " holds files and is no catalog written by git-model;"
                        + " choose an empty or new directory, or replace it with --force");
            }
        } catch (IOException e) {
            throw new RegistryIOException("cannot read " + target, e);
        }
    }

    private Summary render(Path out) throws RegistryException, IOException {
        String generated = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
        List<ModelName> models = registry.models();
        Map<String, List<String>> stagesOf = new HashMap<>();
        for (StageAssignment a : registry.status(null)) {
            for (int v : a.versions()) {
                stagesOf.computeIfAbsent(a.model() + "@v" + v, k -> new ArrayList<>()).add(a.stage().value());
            }
        }
        int pages = 0;
        long bytes = 0;
        int versionCount = 0;
        List<Pages.ModelRow> rows = new ArrayList<>();
        for (ModelName name : models) {
            List<ModelVersion> versions = registry.versions(name.value());
            versionCount += versions.size();
            ModelVersion latest = versions.get(versions.size() - 1);
            List<String> held = new ArrayList<>();
            for (ModelVersion v : versions) {
                for (String stage : stagesOf.getOrDefault(v.ref().toString(), List.of())) {
                    held.add(stage + ": v" + v.version());
                }
            }
            rows.add(new Pages.ModelRow(name.value(), "models/" + name.value() + ".html", latest.ref().toString(),
                    display(latest.created()), latest.created().toString(), metricsSummary(latest), String.join(", ", held), firstLine(latest.description())));
            bytes += write(out.resolve("models/" + name.value() + ".html"), "model.jte", modelPage(name, versions, stagesOf, generated));
            pages++;
            for (int i = 1; i < versions.size(); i++) {
                VersionDiff d = registry.diff(versions.get(i - 1).ref().toString(), versions.get(i).ref().toString());
                bytes += write(out.resolve("diffs/" + diffFile(versions.get(i - 1), versions.get(i))), "diff.jte", diffPage(d));
                pages++;
            }
        }
        bytes += write(out.resolve("index.html"), "index.jte", new Pages.Index(title, generated, versionCount, rows));
        pages++;
        try (InputStream css = Catalog.class.getResourceAsStream("style.css")) {
            bytes += Files.copy(Objects.requireNonNull(css, "style.css"), out.resolve("style.css"));
        }
        return new Summary(out, models.size(), versionCount, pages, bytes);
    }

    private Pages.Model modelPage(ModelName name, List<ModelVersion> versions, Map<String, List<String>> stagesOf, String generated)
            throws RegistryException {
        TreeSet<String> metricNames = new TreeSet<>();
        versions.forEach(v -> metricNames.addAll(v.metrics().keySet()));
        List<Pages.VersionRow> rows = new ArrayList<>();
        for (int i = versions.size() - 1; i >= 0; i--) {
            ModelVersion v = versions.get(i);
            List<String> metrics = new ArrayList<>();
            for (String m : metricNames) {
                Double value = v.metrics().get(m);
                metrics.add(value == null ? "" : MetricChart.format(value));
            }
            String diffHref = i == 0 ? null : "../diffs/" + diffFile(versions.get(i - 1), v);
            rows.add(new Pages.VersionRow(v.ref().toString(), "v" + v.version(), display(v.created()), v.created().toString(),
                    v.createdBy().name(), v.createdBy().email() == null ? "" : v.createdBy().email(),
                    metrics, Sizes.human(v.totalArtifactSize()), String.join(", ", stagesOf.getOrDefault(v.ref().toString(), List.of())),
                    firstLine(v.description()), diffHref, i == 0 ? null : "v" + versions.get(i - 1).version() + " → v" + v.version()));
        }
        List<Pages.Chart> charts = new ArrayList<>();
        for (String m : metricNames) {
            List<MetricChart.Point> points = new ArrayList<>();
            for (ModelVersion v : versions) {
                points.add(new MetricChart.Point("v" + v.version(), v.metrics().get(m)));
            }
            charts.add(new Pages.Chart(m, MetricChart.svg(m, points)));
        }
        List<Pages.EventRow> events = new ArrayList<>();
        List<ModelEvent> history = new ArrayList<>(registry.history(name.value()));
        history.sort(Comparator.comparing(ModelEvent::at).reversed());
        for (ModelEvent e : history) {
            if (e.action() == EventAction.REGISTER) {
                continue; // the versions table lists registrations
            }
            events.add(new Pages.EventRow(display(e.at()), e.at().toString(), e.action().word(), e.version() > 0 ? "v" + e.version() : "",
                    e.stage() == null ? "" : e.stage().value(), e.previousVersion() > 0 ? "v" + e.previousVersion() : "",
                    e.by() == null ? "" : e.by().name(), e.signature() == null ? "" : e.signature().summary(),
                    String.join(", ", e.approvedBy()), e.reason() == null ? "" : e.reason(), e.valid(), String.join("; ", e.problems())));
        }
        ModelVersion latest = versions.get(versions.size() - 1);
        String card = registry.modelCard(latest).map(Markdown::html).orElse("");
        String lineage = LineageSvg.svg(registry.lineage(latest.ref().toString()), ref -> versionHref(ref, name));
        TreeSet<String> stages = new TreeSet<>();
        versions.forEach(v -> stages.addAll(stagesOf.getOrDefault(v.ref().toString(), List.of())));
        return new Pages.Model(title, name.value(), generated, List.copyOf(metricNames), rows, charts, events, card, lineage,
                latest.ref().toString(), List.copyOf(stages));
    }

    /** A version's place on its model's page, relative to a model page. */
    private static String versionHref(ModelRef ref, ModelName from) {
        String page = ref.name().equals(from) ? "" : ref.name().value() + ".html";
        return page + "#" + ref.toString().substring(ref.toString().lastIndexOf('@') + 1);
    }

    private Pages.Diff diffPage(VersionDiff d) {
        List<Pages.ChangeRow> changes = new ArrayList<>();
        for (VersionDiff.Change c : d.changes()) {
            changes.add(new Pages.ChangeRow(c.section(), c.key(), value(c.before()), value(c.after()),
                    c.delta().map(x -> (x >= 0 ? "+" : "") + MetricChart.format(x)).orElse(""), c.kind().word()));
        }
        List<Pages.ArtifactRow> artifacts = new ArrayList<>();
        for (VersionDiff.ArtifactChange a : d.artifacts()) {
            artifacts.add(new Pages.ArtifactRow(a.path().value(), a.kind().word(), a.before() == null ? "" : Sizes.human(a.before().size()),
                    a.after() == null ? "" : Sizes.human(a.after().size()),
                    a.kind() == VersionDiff.Kind.CHANGED ? (a.sizeDelta() >= 0 ? "+" : "-") + Sizes.human(Math.abs(a.sizeDelta())) : ""));
        }
        return new Pages.Diff(title, d.from().ref().toString(), d.to().ref().toString(), "../models/" + d.to().name().value() + ".html",
                changes, artifacts, d.modelCard(), d.isEmpty());
    }

    /** 2026-03-14 10:00 UTC: for people; the ISO instant goes in the datetime attribute. */
    private static String display(Instant at) {
        return DISPLAY.format(at);
    }

    private static final java.time.format.DateTimeFormatter DISPLAY = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);

    static String diffFile(ModelVersion from, ModelVersion to) {
        return to.name().value() + "-v" + from.version() + "-v" + to.version() + ".html";
    }

    private static String value(Object v) {
        return v == null ? "" : v instanceof Double d ? MetricChart.format(d) : v.toString();
    }

    private static String metricsSummary(ModelVersion v) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Double> m : v.metrics().entrySet()) {
            if (parts.size() == 3) {
                parts.add("…");
                break;
            }
            parts.add(m.getKey() + " " + MetricChart.format(m.getValue()));
        }
        return String.join(", ", parts);
    }

    private static String firstLine(String text) {
        String s = text.strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static long write(Path file, String template, Object page) throws IOException {
        StringOutput html = new StringOutput();
        TEMPLATES.render(template, page, html);
        byte[] bytes = html.toString().getBytes(StandardCharsets.UTF_8);
        Files.write(file, bytes);
        return bytes.length;
    }

    /** Moves the staged catalog into place; an earlier one is moved aside first and then removed. */
    private static void swap(Path staging, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling("." + target.getFileName() + ".old-" + ProcessHandle.current().pid());
            deleteTree(old);
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        if (old != null) {
            deleteTree(old);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
