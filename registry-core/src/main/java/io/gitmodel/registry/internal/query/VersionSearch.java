package io.gitmodel.registry.internal.query;

import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.StageAssignment;
import io.gitmodel.registry.StageName;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.internal.policy.expr.Expression;
import io.gitmodel.registry.internal.policy.expr.SortKey;
import io.gitmodel.registry.internal.policy.expr.Subject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds versions: of one model or all, every version or each model's newest, kept when the
 * filter expression holds and the text occurs in the name, description or a tag, sorted, and cut
 * to a limit. Stages and model cards are read only when the filter names them.
 */
final class VersionSearch {
    private final RegistryQueries queries;

    VersionSearch(RegistryQueries queries) {
        this.queries = queries;
    }

    List<ModelVersion> run(SearchCriteria c) throws RegistryException {
        try {
            return search(c);
        } catch (SearchSubject.Failed e) {
            throw e.cause;
        }
    }

    private List<ModelVersion> search(SearchCriteria c) throws RegistryException {
        List<SearchSubject> candidates = queries.candidates(c.model() != null ? List.of(c.model()) : queries.models(),
                c.latestOnly());
        Map<String, Set<StageName>> stages = c.where() != null && c.where().needsStages() ? stages() : Map.of();
        List<Subject> kept = new ArrayList<>();
        String text = c.text() == null ? null : c.text().toLowerCase(Locale.ROOT);
        for (SearchSubject s : candidates) {
            if (text != null && !mentions(s, text)) {
                continue;
            }
            boolean card = c.where() != null && c.where().needsModelCard() && queries.hasModelCard(s.version());
            s.with(stages.getOrDefault(s.ref(), Set.of()), card);
            if (c.where() == null || c.where().test(s)) {
                kept.add(s);
            }
        }
        Comparator<Subject> order = null;
        for (SortKey key : c.sort()) {
            order = order == null ? key.comparator() : order.thenComparing(key.comparator());
        }
        Comparator<Subject> byName = Comparator.comparing(Subject::name).thenComparingInt(Subject::number);
        kept.sort(order == null ? byName : order.thenComparing(byName));
        List<ModelVersion> out = new ArrayList<>();
        for (Subject s : kept) {
            if (c.limit() > 0 && out.size() == c.limit()) {
                break;
            }
            out.add(s.version());
        }
        return out;
    }

    private static boolean mentions(Subject v, String text) {
        if (v.name().contains(text) || v.description().toLowerCase(Locale.ROOT).contains(text)) {
            return true;
        }
        for (Map.Entry<String, String> tag : v.tags().entrySet()) {
            if (tag.getKey().toLowerCase(Locale.ROOT).contains(text) || tag.getValue().toLowerCase(Locale.ROOT).contains(text)) {
                return true;
            }
        }
        return false;
    }

    /** Version reference to the stages that hold it now. */
    private Map<String, Set<StageName>> stages() throws RegistryException {
        Map<String, Set<StageName>> out = new HashMap<>();
        for (StageAssignment a : queries.status(null)) {
            for (int version : a.versions()) {
                out.computeIfAbsent(a.model() + "@v" + version, k -> new HashSet<>()).add(a.stage());
            }
        }
        return out;
    }
}
