package io.gitmodel.cli;

import io.gitmodel.registry.SearchCommand;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code --where}, {@code --sort}, {@code --limit}: the query options of list, versions and search. */
final class QueryOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--where", paramLabel = "<expression>", description = "Only versions for which the expression holds, e.g. "
            + "\"metrics.auc >= 0.9 AND tags.team = 'fraud'\", \"stage = 'production'\", \"name LIKE 'fraud%%'\", "
            + "\"created >= '2026-01-01'\" (the language of gates: MLflow's search filter syntax).")
    String where;

    @Option(names = "--sort", arity = "1..2", paramLabel = "<field> [asc|desc]", description = "Order by a field (metrics.auc, "
            + "created, name, version, ...), ascending unless desc; repeat to break ties. Versions without the value come last.")
    List<String> sort = new ArrayList<>();

    @Option(names = "--limit", paramLabel = "<n>", description = "At most n versions.")
    int limit;

    private static boolean isDirection(String word) {
        return word.equalsIgnoreCase("asc") || word.equalsIgnoreCase("desc");
    }

    boolean given() {
        return where != null || !sort.isEmpty() || limit != 0;
    }

    /** Applies the options to a search. */
    SearchCommand applyTo(SearchCommand search) {
        if (where != null) {
            search.where(where);
        }
        // --sort a desc --sort b arrives as [a, desc, b]: a direction belongs to the field before it
        for (int i = 0; i < sort.size(); i++) {
            String field = sort.get(i);
            if (isDirection(field)) {
                throw new ParameterException(spec.commandLine(), "--sort " + field + ": give the field first, e.g. --sort metrics.auc desc");
            }
            boolean descending = false;
            if (i + 1 < sort.size() && isDirection(sort.get(i + 1))) {
                descending = sort.get(++i).equalsIgnoreCase("desc");
            }
            search.sort(field, descending);
        }
        return search.limit(limit);
    }
}
