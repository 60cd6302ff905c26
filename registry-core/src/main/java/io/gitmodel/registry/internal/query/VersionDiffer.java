package io.gitmodel.registry.internal.query;

import io.gitmodel.registry.Artifact;
import io.gitmodel.registry.ArtifactPath;
import io.gitmodel.registry.Dataset;
import io.gitmodel.registry.Environment;
import io.gitmodel.registry.ModelRef;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.SourceCode;
import io.gitmodel.registry.VersionDiff;
import io.gitmodel.registry.VersionDiff.ArtifactChange;
import io.gitmodel.registry.VersionDiff.Change;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/** Computes a {@link VersionDiff} from two versions and their model cards. Pure: reads nothing itself. */
final class VersionDiffer {
    private VersionDiffer() {
    }

    /**
     * @param cardFrom the model card of {@code from} (empty if it has none)
     * @param cardTo the model card of {@code to}
     * @param cardPath the card's path, for the unified diff's header
     */
    static VersionDiff diff(ModelVersion from, ModelVersion to, byte[] cardFrom, byte[] cardTo, String cardPath) {
        List<Change> changes = new ArrayList<>();
        if (!from.description().equals(to.description())) {
            changes.add(new Change("description", "", blankToNull(from.description()), blankToNull(to.description())));
        }
        maps("metrics", from.metrics(), to.metrics(), changes);
        maps("params", from.params(), to.params(), changes);
        maps("tags", from.tags(), to.tags(), changes);
        maps("datasets", datasets(from), datasets(to), changes);
        maps("parents", parents(from), parents(to), changes);
        maps("source", source(from.lineage().code()), source(to.lineage().code()), changes);
        maps("environment", environment(from.lineage().environment()), environment(to.lineage().environment()), changes);
        return new VersionDiff(from, to, changes, artifacts(from, to), unified(cardFrom, cardTo, cardPath, from, to));
    }

    /** One change per key whose value differs, keys sorted. */
    private static void maps(String section, Map<String, ?> before, Map<String, ?> after, List<Change> out) {
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            Object b = before.get(key);
            Object a = after.get(key);
            if (!Objects.equals(b, a)) {
                out.add(new Change(section, key, b, a));
            }
        }
    }

    /** Data set URI to its digest ("" when it has none). */
    private static Map<String, Object> datasets(ModelVersion v) {
        Map<String, Object> out = new TreeMap<>();
        for (Dataset d : v.lineage().datasets()) {
            out.put(d.uri(), d.digest() == null ? "" : d.digest());
        }
        return out;
    }

    private static Map<String, Object> parents(ModelVersion v) {
        Map<String, Object> out = new TreeMap<>();
        for (ModelRef p : v.lineage().parents()) {
            out.put(p.toString(), p.toString());
        }
        return out;
    }

    private static Map<String, Object> source(SourceCode code) {
        Map<String, Object> out = new TreeMap<>();
        if (code != null) {
            putIfPresent(out, "repository", code.repository());
            putIfPresent(out, "commit", code.commit());
            out.put("dirty", code.dirty());
        }
        return out;
    }

    private static Map<String, Object> environment(Environment env) {
        Map<String, Object> out = new TreeMap<>();
        if (env != null) {
            putIfPresent(out, "runtime", env.runtime());
            putIfPresent(out, "os", env.os());
            putIfPresent(out, "arch", env.arch());
            env.libraries().forEach((name, version) -> out.put("libraries." + name, version));
        }
        return out;
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isEmpty()) {
            map.put(key, value);
        }
    }

    private static List<ArtifactChange> artifacts(ModelVersion from, ModelVersion to) {
        Map<ArtifactPath, Artifact> before = new TreeMap<>();
        from.artifacts().forEach(a -> before.put(a.path(), a));
        Map<ArtifactPath, Artifact> after = new TreeMap<>();
        to.artifacts().forEach(a -> after.put(a.path(), a));
        TreeSet<ArtifactPath> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        List<ArtifactChange> out = new ArrayList<>();
        for (ArtifactPath path : paths) {
            Artifact b = before.get(path);
            Artifact a = after.get(path);
            if (b == null || a == null || !b.oid().equals(a.oid()) || b.size() != a.size()) {
                out.add(new ArtifactChange(path, b, a));
            }
        }
        return out;
    }

    /** A unified diff as git prints it (histogram algorithm, 3 lines of context); "" when the texts are equal. */
    private static String unified(byte[] before, byte[] after, String path, ModelVersion from, ModelVersion to) {
        RawText a = new RawText(before);
        RawText b = new RawText(after);
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, a, b);
        if (edits.isEmpty()) {
            return "";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter formatter = new DiffFormatter(out)) {
            formatter.format(edits, a, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writes to memory only
        }
        return "--- " + (before.length == 0 ? "/dev/null" : "a/" + path) + "\t" + from.ref() + "\n"
                + "+++ " + (after.length == 0 ? "/dev/null" : "b/" + path) + "\t" + to.ref() + "\n"
                + out.toString(StandardCharsets.UTF_8);
    }

    private static String blankToNull(String s) {
        return s.isBlank() ? null : s;
    }
}
