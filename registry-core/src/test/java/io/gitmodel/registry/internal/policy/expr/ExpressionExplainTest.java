package io.gitmodel.registry.internal.policy.expr;

import static io.gitmodel.registry.internal.policy.expr.Fixtures.DIGEST;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.StageName;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Why an expression does not hold, in the words a user reads when a gate refuses a version. */
class ExpressionExplainTest {
    static Optional<String> why(String gate, Subject subject) {
        return Expression.parse(gate, "gate").explain(subject);
    }

    static String whyNot(String gate, Subject subject) {
        return why(gate, subject).orElseThrow(() -> new AssertionError(gate + " holds"));
    }

    @Test
    void aHoldingExpressionHasNothingToExplain() {
        assertEquals(Optional.empty(), why("metrics.auc > 0.5 AND stage = 'staging'", Fixtures.fullSubject()));
    }

    @Test
    void aFailedComparisonNamesTheValueAndQuotesTheConditionAsWritten() {
        assertEquals("fraud@v3 has metrics.auc = 0.87, the gate needs metrics.auc >= 0.9",
                whyNot("metrics.auc >= 0.9", Fixtures.fullSubject()));
        assertEquals("fraud@v3 has metrics.auc = 0.87, the gate needs metrics.auc>=.9",
                whyNot("  metrics.auc>=.9 ", Fixtures.fullSubject()));
        assertEquals("fraud@v3 has tags.team = fraud, the gate needs tags.team == 'risk'",
                whyNot("tags.team == 'risk'", Fixtures.fullSubject()));
        assertEquals("fraud@v3 has params.epochs = 20, the gate needs params.epochs IN (5, 10)",
                whyNot("params.epochs IN (5, 10)", Fixtures.fullSubject()));
        assertEquals("fraud@v3 has metrics.auc = 0.87, the gate needs metrics.auc IS NULL",
                whyNot("metrics.auc IS NULL", Fixtures.fullSubject()));
        assertEquals("fraud@v3 has created = 2026-03-14T10:00:00Z, the gate needs created >= '2026-06-01'",
                whyNot("created >= '2026-06-01'", Fixtures.fullSubject()));
    }

    @Test
    void aMissingValueIsNamedAsMissing() {
        assertEquals("ranker@v1 has no metrics.auc", whyNot("metrics.auc >= 0.9", Fixtures.bareSubject()));
        assertEquals("ranker@v1 has no tags.team", whyNot("tags.team != 'x'", Fixtures.bareSubject()));
        assertEquals("ranker@v1 has no description", whyNot("description IS NOT NULL", Fixtures.bareSubject()));
        assertEquals("ranker@v1 has no source.dirty", whyNot("source.dirty = false", Fixtures.bareSubject()));
        assertEquals("ranker@v1 has no metrics.auc, the gate needs NOT metrics.auc < 0.5",
                whyNot("NOT metrics.auc < 0.5", Fixtures.bareSubject()));
    }

    @Test
    void forAndTheFirstPartThatFailsIsExplainedEvenInsideParentheses() {
        assertEquals("fraud@v3 has tags.team = fraud, the gate needs tags.team = 'risk'",
                whyNot("metrics.auc > 0.5 AND tags.team = 'risk' AND version > 5", Fixtures.fullSubject()));
        assertEquals("fraud@v3 has stage = [shadow, staging], the gate needs stage = 'production'",
                whyNot("metrics.auc > 0.5 AND (version = 3 AND stage = 'production')", Fixtures.fullSubject()));
        assertEquals("fraud@v3 has metrics.auc = 0.87 and no tags.exempt, the gate needs (metrics.auc > 0.9 OR tags.exempt = 'y')",
                whyNot("version = 3 AND (metrics.auc > 0.9 OR tags.exempt = 'y') AND version = 3", Fixtures.fullSubject()));
        assertEquals("fraud@v3 has lineage.datasets.digest = [" + DIGEST + ", null], the gate needs"
                + " lineage.datasets.digest IS NOT NULL",
                whyNot("lineage.datasets != [] AND lineage.datasets.digest IS NOT NULL", Fixtures.fullSubject()));
        assertEquals("ranker@v1 has lineage.datasets = [], the gate needs lineage.datasets != []",
                whyNot("lineage.datasets != [] AND lineage.datasets.digest IS NOT NULL", Fixtures.bareSubject()));
    }

    @Test
    void forOrAndNotEveryValueTheFailingPartNamesIsGivenOnce() {
        assertEquals("fraud@v3 has metrics.auc = 0.87 and no tags.exempt, the gate needs metrics.auc >= 0.9 OR tags.exempt = 'yes'",
                whyNot("metrics.auc >= 0.9 OR tags.exempt = 'yes'", Fixtures.fullSubject()));
        assertEquals("fraud@v3 has metrics.auc = 0.87, the gate needs metrics.auc > 0.9 OR metrics.auc < 0.1",
                whyNot("metrics.auc > 0.9 OR metrics.auc < 0.1", Fixtures.fullSubject()));
        assertEquals("fraud@v3 has source.dirty = false, the gate needs NOT source.dirty = false",
                whyNot("NOT source.dirty = false", Fixtures.fullSubject()));
        assertEquals("fraud@v3 has model_card = true and version = 3, the gate needs NOT (model_card = true AND version = 3)",
                whyNot("NOT (model_card = true AND version = 3)", Fixtures.fullSubject()));
    }

    @Test
    void theNounIsTheCallers() {
        assertEquals("fraud@v3 has metrics.auc = 0.87, the filter needs metrics.auc > 0.9",
                Expression.parse("metrics.auc > 0.9", "filter").explain(Fixtures.fullSubject()).orElseThrow());
        assertEquals("fraud@v3 has metrics.auc = 0.87, the expression needs metrics.auc > 0.9",
                Expression.parse("metrics.auc > 0.9").explain(Fixtures.fullSubject()).orElseThrow());
    }

    @Test
    void longValuesAreShortened() {
        ModelVersion b = Fixtures.bare();
        ModelVersion described = new ModelVersion(b.name(), b.version(), b.commit(), "x".repeat(500), b.created(),
                b.createdBy(), b.metrics(), b.params(), b.tags(), b.lineage(), b.artifacts(), b.extensions());
        assertEquals("ranker@v1 has description = " + "x".repeat(97) + "..., the gate needs description LIKE 'y%'",
                whyNot("description LIKE 'y%'", Subject.of(described, Set.of(StageName.of("staging")), false)));
    }
}
