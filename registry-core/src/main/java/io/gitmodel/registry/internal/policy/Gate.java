package io.gitmodel.registry.internal.policy;

import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.StageName;
import io.gitmodel.registry.internal.policy.expr.Expression;
import io.gitmodel.registry.internal.policy.expr.ExpressionException;
import io.gitmodel.registry.internal.policy.expr.Subject;
import java.util.Optional;
import java.util.Set;

/**
 * A gate of a stage: an expression of the gate and filter language (docs/FORMAT.md,
 * "Expressions: gates and filters") that a version must satisfy to enter the stage, e.g.
 * {@code metrics.auc >= 0.90}, {@code tags.team == 'risk'} or
 * {@code metrics.auc >= 0.9 AND lineage.datasets != [] AND source.dirty = false}. The three-part
 * form {@code <metrics|params|tags>.<key> <op> <value>} gates were first written in is one
 * condition of the language, with the same meaning.
 *
 * @param source the gate as registry.yaml states it, trimmed
 * @param expression the parsed gate
 */
public record Gate(String source, Expression expression) {
    /**
     * Parses a gate.
     *
     * @throws ExpressionException naming the gate and the column, if it is malformed or can never hold
     */
    public static Gate parse(String source) {
        return new Gate(source.trim(), Expression.parse(source, "gate"));
    }

    /** Whether checking the gate needs the stages the version is in ({@code stage}). */
    public boolean needsStages() {
        return expression.needsStages();
    }

    /** Whether checking the gate needs to know if the version has a model card ({@code model_card}). */
    public boolean needsModelCard() {
        return expression.needsModelCard();
    }

    /**
     * Why the version fails this gate, or empty if it passes, for a gate that names neither
     * {@code stage} nor {@code model_card}.
     *
     * @throws IllegalStateException if the gate names one of them: use {@link #check(ModelVersion, Set, boolean)}
     */
    public Optional<String> check(ModelVersion v) {
        if (needsStages() || needsModelCard()) {
            throw new IllegalStateException("gate \"" + source + "\" names stage or model_card; check it with the stages"
                    + " the version is in and whether it has a model card");
        }
        return check(v, Set.of(), false);
    }

    /**
     * Why the version fails this gate, or empty if it passes.
     *
     * @param stages the stages that hold the version now
     * @param modelCard whether the version has a model card
     */
    public Optional<String> check(ModelVersion v, Set<StageName> stages, boolean modelCard) {
        return expression.explain(Subject.of(v, stages, modelCard));
    }
}
