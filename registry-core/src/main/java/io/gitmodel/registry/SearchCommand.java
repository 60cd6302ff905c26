package io.gitmodel.registry;

import io.gitmodel.registry.errors.InvalidValueException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.internal.policy.expr.Expression;
import io.gitmodel.registry.internal.policy.expr.ExpressionException;
import io.gitmodel.registry.internal.policy.expr.SortKey;
import io.gitmodel.registry.internal.query.SearchCriteria;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds versions by a filter in the expression language of gates (MLflow's search filter
 * syntax: {@code metrics.auc >= 0.9 AND tags.team = 'fraud'}, {@code stage = 'production'},
 * {@code name LIKE 'fraud%'}, {@code created >= '2026-01-01'}), or a typed {@link Filter}; by
 * text in names, descriptions and tags; sorted by any field; limited. Every version of every
 * model unless {@link #model} or {@link #latestOnly} narrow it. Errors in the filter or a sort
 * field are reported with the column, before anything is read.
 */
public final class SearchCommand extends RegistryCommand<List<ModelVersion>> {
    private final Registry registry;
    private Expression where;
    private String text;
    private ModelName model;
    private boolean latestOnly;
    private final List<SortKey> sort = new ArrayList<>();
    private int limit;

    SearchCommand(Registry registry) {
        this.registry = registry;
    }

    /** Keeps the versions for which the expression holds. */
    public SearchCommand where(String expression) {
        try {
            where = Expression.parse(expression, "filter");
        } catch (ExpressionException e) {
            throw new InvalidValueException(e.summary());
        }
        return this;
    }

    /** Keeps the versions for which the filter holds. */
    public SearchCommand where(Filter filter) {
        return where(filter.toString());
    }

    /** Keeps the versions whose name, description, or a tag key or value contains the text (ignoring case). */
    public SearchCommand text(String text) {
        this.text = text == null || text.isEmpty() ? null : text;
        return this;
    }

    /** Only this model's versions. */
    public SearchCommand model(String name) {
        this.model = ModelName.of(name);
        return this;
    }

    /** Only each model's newest version (what {@code list} shows). */
    public SearchCommand latestOnly() {
        this.latestOnly = true;
        return this;
    }

    /** Sorts by a field ({@code metrics.auc}, {@code created}, {@code name}, ...), ascending; later calls break ties. */
    public SearchCommand sort(String field) {
        return sort(field, false);
    }

    /** Sorts by a field, descending if asked; versions without the value come last either way. */
    public SearchCommand sort(String field, boolean descending) {
        try {
            sort.add(SortKey.parse(field, descending));
        } catch (ExpressionException e) {
            throw new InvalidValueException(e.summary());
        }
        return this;
    }

    /** At most this many versions (0, the default: all). */
    public SearchCommand limit(int limit) {
        if (limit < 0) {
            throw new InvalidValueException("limit " + limit + " is negative; give 0 (no limit) or more");
        }
        this.limit = limit;
        return this;
    }

    @Override
    public List<ModelVersion> call() throws RegistryException {
        checkCallable();
        return registry.queries().search(new SearchCriteria(where, text, model, latestOnly, sort, limit));
    }
}
