/**
 * The one expression language of gates and query filters: MLflow's search filter syntax
 * ({@code metrics.auc >= 0.9 AND tags.team = 'fraud'}) with git-model's fields and OR, NOT,
 * parentheses and {@code []}. {@link io.gitmodel.registry.internal.policy.expr.Expression#parse}
 * turns text into an immutable expression (a small lexer and a recursive-descent parser, no
 * library); it is evaluated on a {@link io.gitmodel.registry.internal.policy.expr.Subject}, a
 * model version plus what its caller knows about it (its stages, its model card). Plain values
 * only: nothing here knows of Git, storage or formats. The language is described in
 * docs/FORMAT.md, "Expressions: gates and filters".
 */
package io.gitmodel.registry.internal.policy.expr;
