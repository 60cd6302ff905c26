package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.errors.InvalidValueException;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Finding versions by filter, text, sort and limit, through an expression or the typed {@link Filter}. */
@IsolatedGit
class SearchTest {
    Registry r;

    @BeforeEach
    void setUp(TestEnv env) throws Exception {
        r = Registry.init(env.dir().resolve("reg")).bare(true).signed(false).config(env.config()).call();
        Path w = Files.writeString(env.dir().resolve("w.bin"), "w");
        r.register("fraud").artifact(w).metric("auc", 0.88).tag("team", "risk").description("baseline").call();
        r.register("fraud").artifact(w).metric("auc", 0.93).tag("team", "risk").call();
        r.register("fraud-eu").artifact(w).metric("auc", 0.95).tag("team", "risk").call();
        r.register("churn").artifact(w).metric("auc", 0.91).tag("team", "growth").description("Weekly churn model").call();
        r.register("ranker").artifact(w).call();
        r.promote("fraud@v2", "staging").reason("eval").call();
    }

    @AfterEach
    void tearDown() {
        r.close();
    }

    private static List<String> refs(List<ModelVersion> versions) {
        return versions.stream().map(v -> v.ref().toString()).toList();
    }

    @Test
    void aFilterKeepsTheVersionsItHoldsFor() throws Exception {
        assertEquals(List.of("churn@v1", "fraud@v2", "fraud-eu@v1"),
                refs(r.search().where("metrics.auc >= 0.9").call()), "sorted by name, then version");
        assertEquals(List.of("fraud@v2", "fraud-eu@v1"), refs(r.search().where("metrics.auc >= 0.9 AND tags.team = 'risk'").call()));
        assertEquals(List.of("fraud@v2"), refs(r.search().where("stage = 'staging'").call()));
        assertEquals(List.of("fraud@v1", "fraud@v2", "fraud-eu@v1"), refs(r.search().where("name LIKE 'fraud%'").call()));
        assertEquals(List.of(), refs(r.search().where("created < '2000-01-01'").call()));
        assertEquals(List.of("ranker@v1"), refs(r.search().where("metrics.auc IS NULL").call()), "a missing value never matches");
    }

    @Test
    void theTypedFilterIsTheSameExpression() throws Exception {
        Filter f = Filter.metric("auc").atLeast(0.9).and(Filter.tag("team").is("risk"));
        assertEquals("metrics.auc >= 0.9 AND tags.team = 'risk'", f.toString());
        assertEquals("(name = 'a' OR name = 'b') AND version > 1",
                Filter.field("name").is("a").or(Filter.field("name").is("b")).and(Filter.field("version").above(1)).toString());
        assertEquals(refs(r.search().where("metrics.auc >= 0.9 AND tags.team = 'risk'").call()), refs(r.search().where(f).call()));
        assertEquals(List.of("fraud@v2"), refs(r.search().where(Filter.stage("staging")).call()));
        assertEquals(List.of("churn@v1", "ranker@v1"),
                refs(r.search().where(Filter.not(Filter.field("name").like("fraud%"))).call()));
        assertEquals("tags.team = 'o''k'", Filter.tag("team").is("o'k").toString());
        assertEquals(List.of(), r.search().where(Filter.tag("team").is("o'k")).call(), "a quote in a value parses");
    }

    @Test
    void textSortAndLimit() throws Exception {
        assertEquals(List.of("churn@v1"), refs(r.search().text("WEEKLY").call()), "descriptions, ignoring case");
        assertEquals(List.of("churn@v1"), refs(r.search().text("growth").call()), "tag values");
        assertEquals(List.of("fraud-eu@v1", "fraud@v2", "churn@v1", "fraud@v1", "ranker@v1"),
                refs(r.search().sort("metrics.auc", true).call()), "missing values last");
        assertEquals(List.of("fraud@v1", "churn@v1"), refs(r.search().sort("metrics.auc").limit(2).call()));
        assertEquals(List.of("churn@v1", "fraud@v2", "fraud-eu@v1", "ranker@v1"), refs(r.search().latestOnly().call()));
        assertEquals(List.of("fraud@v2", "fraud@v1"), refs(r.search().model("fraud").sort("version", true).call()));
    }

    @Test
    void badFiltersAndSortFieldsSayWhere() {
        InvalidValueException bad = assertThrows(InvalidValueException.class, () -> r.search().where("metrics.auc >== 0.9"));
        assertTrue(bad.getMessage().contains("is invalid at column 15: expected a value"), bad.getMessage());
        InvalidValueException field = assertThrows(InvalidValueException.class, () -> r.search().sort("metric.auc"));
        assertTrue(field.getMessage().contains("did you mean"), field.getMessage());
        assertThrows(InvalidValueException.class, () -> r.search().limit(-1));
    }
}
