package io.gitmodel.site;

import java.util.List;

/**
 * What each page shows, already formatted: the templates only lay it out (and escape it). Raw
 * HTML fields ({@code svg}, {@code html}) are made by this module's own writers, never taken
 * from the registry unescaped.
 */
public final class Pages {
    private Pages() {
    }

    /** The catalog's front page. */
    public record Index(String title, String generated, int versions, List<ModelRow> models) {
    }

    /** A model on the front page: its newest version and where its versions are now. */
    public record ModelRow(String name, String href, String latest, String created, String createdIso, String metrics, String stages,
            String description) {
    }

    /** A model's page. */
    public record Model(String title, String name, String generated, List<String> metricNames, List<VersionRow> versions,
            List<Chart> charts, List<EventRow> events, String cardHtml, String lineageSvg, String lineageRoot,
            List<String> stages) {
    }

    /** A version in a model's table. */
    public record VersionRow(String ref, String anchor, String created, String createdIso, String by, String byEmail, List<String> metrics, String size,
            String stages, String description, String diffHref, String diffLabel) {
    }

    /** One metric over the versions, as an inline SVG chart. */
    public record Chart(String metric, String svg) {
    }

    /** One entry of the stage-history timeline. */
    public record EventRow(String at, String atIso, String action, String ref, String stage, String previous, String by, String signature,
            String approvedBy, String reason, boolean valid, String problems) {
    }

    /** A page comparing two consecutive versions. */
    public record Diff(String title, String from, String to, String modelHref, List<ChangeRow> changes, List<ArtifactRow> artifacts,
            String cardDiff, boolean empty) {
    }

    /** A changed value. */
    public record ChangeRow(String section, String key, String before, String after, String delta, String kind) {
    }

    /** A changed artifact. */
    public record ArtifactRow(String path, String kind, String before, String after, String delta) {
    }
}
