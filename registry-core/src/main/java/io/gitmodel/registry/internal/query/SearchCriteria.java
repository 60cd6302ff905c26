package io.gitmodel.registry.internal.query;

import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.internal.policy.expr.Expression;
import io.gitmodel.registry.internal.policy.expr.SortKey;
import java.util.List;

/**
 * What a search finds (see VersionSearch).
 *
 * @param where the filter, or null for every version
 * @param text text that must occur (case-insensitively) in the name, description, a tag key or value; null for any
 * @param model only this model's versions, or null for all models
 * @param latestOnly only each model's newest version
 * @param sort the order, first key first; empty: by name, then version
 * @param limit at most this many (0: no limit)
 */
public record SearchCriteria(Expression where, String text, ModelName model, boolean latestOnly, List<SortKey> sort, int limit) {
    public SearchCriteria {
        sort = List.copyOf(sort);
    }
}
