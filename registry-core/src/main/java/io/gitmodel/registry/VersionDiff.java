package io.gitmodel.registry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What changed from one version to another: metrics (with deltas), parameters, tags, the
 * description, data sets, parent models, source code and environment as {@link Change}s, the
 * artifacts as {@link ArtifactChange}s, and the model card as a unified diff. Unchanged values
 * are left out. Immutable.
 *
 * @param from the older side
 * @param to the newer side
 * @param changes every changed value, by section in the order of {@link #SECTIONS}, keys sorted
 * @param artifacts every artifact added, removed or changed (sha256 or size), by path
 * @param modelCard the unified diff of the model cards ({@code models/<name>/README.md}); empty when they are equal
 */
public record VersionDiff(ModelVersion from, ModelVersion to, List<Change> changes, List<ArtifactChange> artifacts,
        String modelCard) {
    /** The sections of {@link #changes()}, in order. */
    public static final List<String> SECTIONS = List.of("description", "metrics", "params", "tags", "datasets", "parents",
            "source", "environment");

    public VersionDiff {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        changes = List.copyOf(changes);
        artifacts = List.copyOf(artifacts);
        modelCard = modelCard == null ? "" : modelCard;
    }

    /** How a value or artifact differs. */
    public enum Kind {
        ADDED, REMOVED, CHANGED;

        /** {@code added}, {@code removed}, {@code changed}: the word in JSON. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One changed value.
     *
     * @param section one of {@link #SECTIONS}
     * @param key the metric, parameter or tag name; the data set URI; the parent reference; {@code repository},
     *     {@code commit} or {@code dirty} of the source; {@code runtime}, {@code os}, {@code arch} or
     *     {@code libraries.<name>} of the environment; empty for the description
     * @param before the value in {@link #from()}, null when added
     * @param after the value in {@link #to()}, null when removed
     */
    public record Change(String section, String key, Object before, Object after) {
        public Change {
            Objects.requireNonNull(section, "section");
            Objects.requireNonNull(key, "key");
            if (before == null && after == null) {
                throw new IllegalArgumentException("a change of " + section + " " + key + " needs a value on one side");
            }
        }

        public Kind kind() {
            return before == null ? Kind.ADDED : after == null ? Kind.REMOVED : Kind.CHANGED;
        }

        /**
         * {@code after - before} when both are numbers, computed on their decimal forms so that
         * 0.94 - 0.91 is 0.03 (not 0.029999999999999916).
         */
        public Optional<Double> delta() {
            if (before instanceof Number b && after instanceof Number a) {
                return Optional.of(decimal(a).subtract(decimal(b)).doubleValue());
            }
            return Optional.empty();
        }

        private static java.math.BigDecimal decimal(Number n) {
            return n instanceof Double || n instanceof Float ? new java.math.BigDecimal(n.toString())
                    : new java.math.BigDecimal(n.longValue());
        }
    }

    /**
     * One artifact added, removed or changed.
     *
     * @param before the artifact in {@link #from()}, null when added
     * @param after the artifact in {@link #to()}, null when removed
     */
    public record ArtifactChange(ArtifactPath path, Artifact before, Artifact after) {
        public ArtifactChange {
            Objects.requireNonNull(path, "path");
            if (before == null && after == null) {
                throw new IllegalArgumentException("a change of artifact " + path + " needs an artifact on one side");
            }
        }

        public Kind kind() {
            return before == null ? Kind.ADDED : after == null ? Kind.REMOVED : Kind.CHANGED;
        }

        /** The size after minus the size before (a removed artifact counts as 0 after). */
        public long sizeDelta() {
            return (after == null ? 0 : after.size()) - (before == null ? 0 : before.size());
        }
    }

    /** The changes of one section. */
    public List<Change> section(String section) {
        return changes.stream().filter(c -> c.section().equals(section)).toList();
    }

    /** Whether the two versions hold the same metadata, artifacts and model card. */
    public boolean isEmpty() {
        return changes.isEmpty() && artifacts.isEmpty() && modelCard.isEmpty();
    }
}
