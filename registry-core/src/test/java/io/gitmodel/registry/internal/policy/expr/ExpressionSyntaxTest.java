package io.gitmodel.registry.internal.policy.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lexer and the parser: what parses and its canonical form; what does not, with the exact
 * position and message; and the shape of the error (the expression, the column, a caret).
 */
class ExpressionSyntaxTest {
    static final String VALUE = "expected a value (a number, a quoted string, true, false or []), found ";
    static final String OPERATORS = "(=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN, IS NULL, IS NOT NULL)";
    static final String FIELD = "expected a field (e.g. metrics.auc, tags.team, stage), found ";

    /** Source, canonical form. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "metrics.auc >= 0.9                          | metrics.auc >= 0.9",
        "metrics.auc>=.9                             | metrics.auc >= 0.9",
        "metrics.auc >= 0.90                         | metrics.auc >= 0.9",
        "metrics.loss < 1e-3                         | metrics.loss < 0.001",
        "metrics.delta > -0.5                        | metrics.delta > -0.5",
        "metrics.delta > +2                          | metrics.delta > 2",
        "metrics.x = -0                              | metrics.x = 0",
        "metrics.big < 1E300                         | metrics.big < 1.0E300",
        "params.epochs == 20                         | params.epochs = 20",
        "params.early_stop == true                   | params.early_stop = true",
        "params.early_stop = TRUE                    | params.early_stop = true",
        "tags.team == 'risk'                         | tags.team = 'risk'",
        "tags.team != \"fraud\"                      | tags.team != 'fraud'",
        "tags.team <> 'fraud'                        | tags.team != 'fraud'",
        "tags.note = 'it''s'                         | tags.note = 'it''s'",
        "tags.note = \"say \"\"hi\"\"\"              | tags.note = 'say \"hi\"'",
        "metrics.\"my.metric\" > 1                   | metrics.my.metric > 1",
        "tags.`mlflow.source` = 'x'                  | tags.mlflow.source = 'x'",
        "metrics.a-b:c/d.e_f > 1                     | metrics.a-b:c/d.e_f > 1",
        "tags.team like 'fr%'                        | tags.team LIKE 'fr%'",
        "tags.team ILike 'FR%'                       | tags.team ILIKE 'FR%'",
        "tags.team not like 'fr%'                    | tags.team NOT LIKE 'fr%'",
        "tags.team NOT ILIKE 'fr%'                   | tags.team NOT ILIKE 'fr%'",
        "tags.team in ('a','b' , 'c')                | tags.team IN ('a', 'b', 'c')",
        "tags.team not in ('a')                      | tags.team NOT IN ('a')",
        "tags.team is null                           | tags.team IS NULL",
        "tags.team Is Not Null                       | tags.team IS NOT NULL",
        "a_or_b_tags.x = 1 OR tags.x = 2             | ",
        "metrics.a > 1 and metrics.b > 2 or metrics.c > 3 | metrics.a > 1 AND metrics.b > 2 OR metrics.c > 3",
        "metrics.a > 1 AND (metrics.b > 2 OR metrics.c > 3) | metrics.a > 1 AND (metrics.b > 2 OR metrics.c > 3)",
        "((metrics.a > 1))                           | metrics.a > 1",
        "not metrics.a > 1                           | NOT metrics.a > 1",
        "NOT (metrics.a > 1 AND metrics.b > 1)       | NOT (metrics.a > 1 AND metrics.b > 1)",
        "NOT NOT metrics.a > 1                       | NOT NOT metrics.a > 1",
        "lineage.datasets != []                      | lineage.datasets != []",
        "lineage.datasets = [ ]                      | lineage.datasets = []",
        "lineage.datasets.digest IS NOT NULL         | lineage.datasets.digest IS NOT NULL",
        "stage = 'production'                        | stage = 'production'",
        "created >= '2026-01-01'                     | created >= '2026-01-01'",
        "version >= 3 AND name = 'fraud'             | version >= 3 AND name = 'fraud'",
        "metrics.auc = '0.9'                         | metrics.auc = '0.9'",
        "source.dirty = false AND model_card = true  | source.dirty = false AND model_card = true",
        "artifacts.count > 0 AND artifacts.size < 1e9 AND artifacts = 'model.onnx' | "
                + "artifacts.count > 0 AND artifacts.size < 1000000000 AND artifacts = 'model.onnx'",
    })
    void wellFormedExpressionsParseToTheirCanonicalForm(String source, String canonical) {
        if (canonical == null) {
            // a word that merely contains OR is no keyword: this one is an unknown field
            assertThrows(ExpressionException.class, () -> Expression.parse(source));
            return;
        }
        Expression e = Expression.parse(source);
        assertEquals(canonical, e.toString());
        assertEquals(source, e.source());
        assertEquals(e, Expression.parse(canonical), "the canonical form parses to an equal expression");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                // the lexer
                Arguments.of("metrics.auc >= 0x1p-1", 15, "0x1p-1 is not a number: write decimal numbers, e.g. 0.9, -1.5, 2e-3"),
                Arguments.of("metrics.auc >= 0.9d", 15, "0.9d is not a number: write decimal numbers, e.g. 0.9, -1.5, 2e-3"),
                Arguments.of("metrics.auc >= 1e999", 15, "1e999 is out of range"),
                Arguments.of("metrics.auc >= 1.2.3", 15, "1.2.3 is not a number: write decimal numbers, e.g. 0.9, -1.5, 2e-3"),
                Arguments.of("tags.team = 'fraud", 12, "unterminated string: no closing '"),
                Arguments.of("metrics.\"auc > 1", 8, "unterminated key: no closing \""),
                Arguments.of("tags.team = 'a' # note", 16, "unexpected character '#'"),
                Arguments.of("tags.team ! 'a'", 10, "unexpected '!'; write != for 'not equal' or NOT before a condition"),
                Arguments.of("`auc` > 1", 0, "back quotes quote a key after metrics., params. or tags., e.g. tags.`a.b`"),
                // the grammar
                Arguments.of("", 0, "the expression is empty; write a condition, e.g. metrics.auc >= 0.9"),
                Arguments.of("   ", 3, "the expression is empty; write a condition, e.g. metrics.auc >= 0.9"),
                Arguments.of("metrics.auc >== 0.9", 14, VALUE + "'='"),
                Arguments.of("metrics.auc => 0.9", 13, VALUE + "'>'"),
                Arguments.of("metrics.auc >= ", 15, VALUE + "the end"),
                Arguments.of("metrics.auc >= NaN", 15, VALUE + "'NaN'"),
                Arguments.of("metrics.auc >= Infinity", 15, VALUE + "'Infinity'"),
                Arguments.of("metrics.auc >= yes", 15, VALUE + "'yes'"),
                Arguments.of("metrics.auc 0.9", 12, "expected an operator after metrics.auc " + OPERATORS + ", found '0.9'"),
                Arguments.of("metrics.auc", 11, "expected an operator after metrics.auc " + OPERATORS + ", found the end"),
                Arguments.of("metrics.auc >= 0.9 AND", 22, FIELD + "the end"),
                Arguments.of("AND metrics.auc > 1", 0, FIELD + "'AND'"),
                Arguments.of("'metrics.auc' > 1", 0, FIELD + "the string 'metrics.auc'"),
                Arguments.of("metrics.auc >= 0.9 metrics.loss < 1", 19, "expected AND, OR or the end, found 'metrics.loss'"),
                Arguments.of("(metrics.auc >= 0.9", 19, "expected ')' to close the '(' at column 1, found the end"),
                Arguments.of("metrics.a > 1 AND (metrics.b > 1 OR metrics.c > 1", 49,
                        "expected ')' to close the '(' at column 19, found the end"),
                Arguments.of("metrics.auc >= 0.9)", 18, "unbalanced ')': no '(' before it"),
                Arguments.of("()", 1, FIELD + "')'"),
                Arguments.of("tags.team IN ()", 14, VALUE + "')'"),
                Arguments.of("tags.team IN 'a'", 13, "expected '(' after IN, e.g. IN ('a', 'b'), found the string 'a'"),
                Arguments.of("tags.team IN ('a' 'b')", 18, "expected ',' or ')' in the IN list, found the string 'b'"),
                Arguments.of("tags.team IN ('a',)", 18, VALUE + "')'"),
                Arguments.of("tags.team IN ([])", 14, "[] cannot be in an IN list; compare with = [] or != []"),
                Arguments.of("tags.team NOT 'a'", 14, "expected IN, LIKE or ILIKE after NOT, found the string 'a'"),
                Arguments.of("tags.team IS 'x'", 13, "expected NULL after IS, found the string 'x'"),
                Arguments.of("tags.team IS NOT 'x'", 17, "expected NULL after IS NOT, found the string 'x'"),
                Arguments.of("tags.team = NULL", 12, "NULL is tested with IS NULL or IS NOT NULL"),
                Arguments.of("lineage.datasets = [1]", 20, "only the empty list [] can be written; to compare with several values"
                        + " use IN ('a', 'b')"),
                // fields
                Arguments.of("metric.auc >= 0.9", 0, "unknown field 'metric.auc'; did you mean metrics.auc?"),
                Arguments.of("Metrics.auc >= 0.9", 0, "unknown field 'Metrics.auc'; did you mean metrics.auc?"),
                Arguments.of("tag.team = 'a'", 0, "unknown field 'tag.team'; did you mean tags.team?"),
                Arguments.of("param.lr < 1", 0, "unknown field 'param.lr'; did you mean params.lr?"),
                Arguments.of("attributes.name = 'a'", 0, "unknown field 'attributes.name'; did you mean name?"),
                Arguments.of("created_at > '2026-01-01'", 0, "unknown field 'created_at'; did you mean created?"),
                Arguments.of("stages = 'production'", 0, "unknown field 'stages'; did you mean stage?"),
                Arguments.of("lineage.dataset != []", 0, "unknown field 'lineage.dataset'; did you mean lineage.datasets?"),
                Arguments.of("metrics.auc > 1 AND sorce.dirty = false", 20,
                        "unknown field 'sorce.dirty'; did you mean source.dirty?"),
                Arguments.of("loss <= 0.1", 0, "unknown field 'loss'; fields are metrics.<key>, params.<key>, tags.<key>,"
                        + " name, version, created, created_by, description, stage, lineage.datasets, lineage.datasets.digest,"
                        + " lineage.parents, source.repository, source.commit, source.dirty, model_card, artifacts,"
                        + " artifacts.count, artifacts.size"),
                Arguments.of("metrics >= 1", 0, "metrics needs a key, e.g. metrics.auc"),
                Arguments.of("metrics. >= 1", 0, "metric name \"\" is invalid: must be 1-128 characters of A-Z, a-z, 0-9,"
                        + " '_', '.', ':', '/', '-', not starting with a punctuation character"),
                Arguments.of("metrics.\"my metric\" > 1", 0, "metric name \"my metric\" is invalid: must be 1-128 characters of"
                        + " A-Z, a-z, 0-9, '_', '.', ':', '/', '-', not starting with a punctuation character"),
                Arguments.of("tags.-x = 'a'", 0, "tag name \"-x\" is invalid: must be 1-128 characters of A-Z, a-z, 0-9,"
                        + " '_', '.', ':', '/', '-', not starting with a punctuation character"),
                Arguments.of("name.\"x\" = 'a'", 0, "only metrics., params. and tags. take a quoted key; name. does not"),
                // types: conditions that could never be true
                Arguments.of("metrics.auc = 'high'", 14, "metrics.auc is a number; 'high' is not one"),
                Arguments.of("metrics.auc > 'high'", 14, "metrics.auc is a number; 'high' is not one"),
                Arguments.of("metrics.auc = true", 14, "metrics.auc is a number; true is not one"),
                Arguments.of("version IN (1, 'two')", 15, "version is a number; 'two' is not one"),
                Arguments.of("metrics.auc = []", 14, "[] is compared with = or != to a list (stage, lineage.datasets,"
                        + " lineage.parents, artifacts); metrics.auc is a number"),
                Arguments.of("tags.team > 'a'", 12, "> compares numbers and instants; 'a' is not a number"),
                Arguments.of("params.opt <= true", 14, "<= compares numbers and instants; true is not a number"),
                Arguments.of("stage > 2", 6, "> compares numbers and instants; stage is a list"),
                Arguments.of("source.dirty < true", 13, "< compares numbers and instants; source.dirty is true or false"),
                Arguments.of("lineage.datasets >= []", 17, ">= compares numbers and instants; lineage.datasets is a list"),
                Arguments.of("metrics.auc LIKE '0.9%'", 12, "LIKE compares text; metrics.auc is a number"),
                Arguments.of("created NOT LIKE '2026%'", 8, "NOT LIKE compares text; created is an instant"),
                Arguments.of("tags.team LIKE 3", 15, "LIKE needs a quoted pattern, e.g. 'fraud%'"),
                Arguments.of("tags.team LIKE 'a\\'", 15, "the pattern ends with a lone \\ (write \\\\ for a backslash,"
                        + " \\% and \\_ for a literal % and _)"),
                Arguments.of("source.dirty = 'no'", 15, "source.dirty is true or false; 'no' is not"),
                Arguments.of("model_card = 1", 13, "model_card is true or false; 1 is not"),
                Arguments.of("created >= 2026", 11, "created is compared with a quoted date or date-time, e.g."
                        + " created >= '2026-01-01'"),
                Arguments.of("created >= '14/03/2026'", 11, "instant \"14/03/2026\" is invalid: expected ISO-8601 with an offset,"
                        + " e.g. 2026-03-14T10:00Z, or a date, e.g. 2026-03-14"),
                Arguments.of("created < '2026-03-14T10:00'", 10, "instant \"2026-03-14T10:00\" is invalid: expected ISO-8601"
                        + " with an offset, e.g. 2026-03-14T10:00Z, or a date, e.g. 2026-03-14"),
                Arguments.of("stage = 'Production'", 8, "stage name \"Production\" is invalid: must match [a-z][a-z0-9_-]*"
                        + " (at most 40 characters), and not be 'latest' or 'v<N>'"),
                Arguments.of("stage = 2", 8, "stage is a list of text; compare it with a quoted string or []"),
                Arguments.of("stage IS NULL", 6, "stage is a list and never null; test it with = [] or != []"),
                Arguments.of("version IS NULL", 8, "version always has a value, so IS NULL is always false"),
                Arguments.of("model_card IS NOT NULL", 11, "model_card always has a value, so IS NOT NULL is always true"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedExpressionsAreRefusedAtTheirPosition(String source, int position, String detail) {
        ExpressionException e = assertThrows(ExpressionException.class, () -> Expression.parse(source));
        assertEquals(detail, e.detail(), source);
        assertEquals(position, e.position(), source);
        assertEquals(source, e.source());
        assertEquals("expression \"" + source + "\" is invalid at column " + (position + 1) + ": " + detail, e.summary());
        assertTrue(e instanceof IllegalArgumentException);
    }

    @Test
    void theMessageShowsTheExpressionAndACaretUnderTheColumn() {
        ExpressionException e = assertThrows(ExpressionException.class, () -> Expression.parse("metrics.auc >== 0.9", "gate"));
        assertEquals("""
                gate "metrics.auc >== 0.9" is invalid at column 15: expected a value (a number, a quoted string, true, false\
                 or []), found '='
                  metrics.auc >== 0.9
                                ^""", e.getMessage());
    }

    @Test
    void inAnExpressionOfSeveralLinesTheMessageNamesLineAndColumnAndShowsThatLine() {
        String source = "tags.team = 'a' AND\n\tmetrics.auc >== 1";
        ExpressionException e = assertThrows(ExpressionException.class, () -> Expression.parse(source, "filter"));
        assertEquals(35, e.position());
        assertEquals("filter \"" + source + "\" is invalid at line 2, column 16: " + VALUE + "'='", e.summary());
        assertEquals(e.summary() + "\n  \tmetrics.auc >== 1\n  \t              ^", e.getMessage(), "a tab stays a tab, so the caret lines up");
    }

    @Test
    void nestingIsBoundedSoNoExpressionCanOverflowTheStack() {
        String deep = "(".repeat(Parser.MAX_DEPTH) + "version = 1" + ")".repeat(Parser.MAX_DEPTH);
        assertEquals("version = 1", Expression.parse(deep).toString());
        String nots = "NOT ".repeat(Parser.MAX_DEPTH) + "version = 1";
        assertTrue(Expression.parse(nots).test(Fixtures.bareSubject()), "an even number of NOTs");
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> Expression.parse("(".repeat(100_000) + "version = 1" + ")".repeat(100_000)));
        assertEquals(Parser.MAX_DEPTH, e.position());
        assertEquals("NOT and parentheses nest more than 64 deep here", e.detail());
        assertThrows(ExpressionException.class, () -> Expression.parse("NOT ".repeat(100_000) + "version = 1"));
        // long flat chains are no nesting
        String chain = String.join(" AND ", java.util.Collections.nCopies(10_000, "version = 1"));
        assertTrue(Expression.parse(chain).test(Fixtures.bareSubject()));
    }

    @Test
    void whitespaceIsAnyWhitespaceIncludingLineBreaks() {
        assertEquals("metrics.auc >= 0.9", Expression.parse("\tmetrics.auc\n>=\r\n0.9\t ").toString());
    }

    @Test
    void ofALongLineTheCaretDisplayShowsThePartAroundThePosition() {
        String source = "version = 1 AND ".repeat(10) + "version >== 1" + " AND version = 1".repeat(10);
        ExpressionException e = assertThrows(ExpressionException.class, () -> Expression.parse(source));
        assertEquals(170, e.position());
        String[] lines = e.getMessage().split("\n");
        assertEquals(3, lines.length);
        assertEquals("  ..." + source.substring(110, 210) + "...", lines[1]);
        assertEquals("  " + " ".repeat(3 + 60) + "^", lines[2]);
    }

    @Test
    void keywordsAreCaseInsensitiveAndAreNotFields() {
        assertEquals(Expression.parse("tags.a = 'x' AND NOT tags.b IN ('y') OR tags.c IS NOT NULL"),
                Expression.parse("tags.a = 'x' and not tags.b in ('y') or tags.c is not null"));
        for (String keyword : new String[] {"and", "OR", "in", "IS", "null", "like", "ILIKE", "true", "False"}) {
            ExpressionException e = assertThrows(ExpressionException.class, () -> Expression.parse(keyword + " = 1"));
            assertEquals(FIELD + "'" + keyword + "'", e.detail());
        }
        // NOT starts a negated condition, so the field is still to come
        assertEquals(FIELD + "'='", assertThrows(ExpressionException.class, () -> Expression.parse("Not = 1")).detail());
        // as a key they are only a key
        assertEquals("tags.and = 'x'", Expression.parse("tags.and = 'x'").toString());
    }

    @Test
    void equalityFollowsTheCanonicalForm() {
        Expression a = Expression.parse("metrics.auc >= 0.90 and tags.team == \"risk\"");
        Expression b = Expression.parse("metrics.auc>=.9 AND tags.team='risk'");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals("metrics.auc >= 0.9 AND tags.team = 'risk'", a.toString());
        assertTrue(!a.equals(Expression.parse("metrics.auc > 0.9 AND tags.team = 'risk'")));
        assertTrue(!a.equals("metrics.auc >= 0.9 AND tags.team = 'risk'"));
    }

    @Test
    void anExpressionKnowsWhetherItNeedsStagesOrAModelCard() {
        Expression plain = Expression.parse("metrics.auc > 0.9");
        assertTrue(!plain.needsStages() && !plain.needsModelCard());
        assertTrue(Expression.parse("metrics.auc > 0.9 OR NOT stage = 'production'").needsStages());
        assertTrue(Expression.parse("(model_card = true)").needsModelCard());
    }
}
