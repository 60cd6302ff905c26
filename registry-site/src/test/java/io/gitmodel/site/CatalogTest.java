package io.gitmodel.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.Registry;
import io.gitmodel.registry.errors.TargetExistsException;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The catalog's pages: what they hold, that every local link resolves, and that nothing in them runs or loads from elsewhere. */
@IsolatedGit
class CatalogTest {
    Path reg;
    TestEnv env;

    @BeforeEach
    void setUp(TestEnv env) throws Exception {
        this.env = env;
        reg = env.dir().resolve("reg");
        Path w = Files.writeString(env.dir().resolve("w.bin"), "weights");
        try (Registry r = Registry.init(reg).bare(true).signed(false).config(env.config()).call()) {
            r.register("fraud").artifact(w).metric("auc", 0.91).metric("loss", 0.3).dataset("s3://data/nov", null)
                    .modelCard("# Fraud\n\nSee <script>alert('x')</script> and [a link](javascript:alert(1)) and [docs](https://example.com/doc).\n")
                    .description("baseline").call();
            r.register("fraud").artifact(w).metric("auc", 0.94).parent("fraud@v1").call();
            r.register("churn").artifact(w).metric("auc", 0.89).parent("fraud@v2").call();
            r.promote("fraud@v2", "staging").reason("offline eval <passed>").call();
            r.promote("fraud@v2", "production").reason("A/B test won").call();
        }
    }

    private Catalog.Summary write(Path out) throws Exception {
        try (Registry r = Registry.open(reg, env.config())) {
            return new Catalog(r).title("Risk models").write(out);
        }
    }

    @Test
    void theFrontPageListsModelsWithTheirNewestVersionAndStages() throws Exception {
        Path out = env.dir().resolve("site");
        Catalog.Summary s = write(out);
        assertEquals(2, s.models());
        assertEquals(3, s.versions());
        assertEquals(4, s.pages(), "index, two model pages, one diff page");
        Document index = Jsoup.parse(out.resolve("index.html").toFile());
        assertEquals("Risk models", index.title());
        List<String> rows = index.select("tbody tr").stream().map(Element::text).toList();
        assertEquals(2, rows.size());
        assertTrue(rows.get(1).startsWith("fraud fraud@v2") && rows.get(1).contains("production: v2"), rows.toString());
        assertEquals("models/fraud.html", index.select("tbody tr th a").get(1).attr("href"));
    }

    @Test
    void aModelPageHasVersionsChartsHistoryLineageAndTheCard() throws Exception {
        Path out = env.dir().resolve("site");
        write(out);
        Document page = Jsoup.parse(out.resolve("models/fraud.html").toFile());
        assertEquals(List.of("fraud@v2", "fraud@v1"), page.select("#versions tbody th").eachText());
        assertEquals(List.of("auc", "loss"), page.select("#metrics figcaption").eachText());
        assertEquals(2, page.select("#metrics svg circle").size() - 1, "auc has 2 points, loss 1");
        assertTrue(page.select("#metrics svg").first().selectFirst("desc").text().contains("v1: 0.91. v2: 0.94."));
        List<String> events = page.select("#history li").eachText();
        assertEquals(2, events.size());
        assertTrue(events.get(0).contains("promote v2 in production") && events.get(1).contains("offline eval <passed>"), events.toString());
        assertEquals(List.of("fraud@v1", "fraud@v2", "churn@v1"), page.select("#lineage svg text").eachText());
        assertEquals("churn.html#v1", page.select("#lineage svg a").last().attr("href"));
    }

    @Test
    void aModelCardCannotRunOrLoadAnything() throws Exception {
        Path out = env.dir().resolve("site");
        write(out);
        for (Path html : pages(out)) {
            Document d = Jsoup.parse(html.toFile());
            assertTrue(d.select("script, iframe, object, embed, img, style").isEmpty(), html + " holds an active or embedded element");
            for (Element link : d.select("link[href]")) {
                assertFalse(link.attr("href").contains("://"), html + " loads " + link.attr("href"));
            }
            assertTrue(d.select("[href^=javascript]").isEmpty(), html + " has a javascript: link");
            assertTrue(d.getAllElements().stream().allMatch(e -> e.attributes().asList().stream().noneMatch(a -> a.getKey().startsWith("on"))),
                    html + " has an event handler attribute");
        }
        Document fraud = Jsoup.parse(out.resolve("models/fraud.html").toFile());
        assertTrue(fraud.select("#card").text().contains("<script>alert('x')</script>"), "raw HTML is shown as text");
        assertEquals("https://example.com/doc", fraud.select("#card a").last().attr("href"));
    }

    @Test
    void everyLocalLinkResolves() throws Exception {
        Path out = env.dir().resolve("site");
        write(out);
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path html : pages(out)) {
            Document d = Jsoup.parse(html.toFile());
            for (Element e : d.select("a[href], link[href]")) {
                String href = e.attr("href");
                if (href.contains("://")) {
                    continue;
                }
                checked++;
                URI uri = URI.create(href);
                Path target = uri.getPath().isEmpty() ? html : html.getParent().resolve(uri.getPath()).normalize();
                if (!Files.isRegularFile(target)) {
                    broken.add(html + ": " + href);
                } else if (uri.getFragment() != null && Jsoup.parse(target.toFile()).getElementById(uri.getFragment()) == null) {
                    broken.add(html + ": " + href + " (no such id)");
                }
            }
        }
        assertEquals(List.of(), broken);
        assertTrue(checked > 15, "links checked: " + checked);
    }

    @Test
    void theDiffPageShowsWhatChanged() throws Exception {
        Path out = env.dir().resolve("site");
        write(out);
        Document diff = Jsoup.parse(out.resolve("diffs/fraud-v1-v2.html").toFile());
        assertEquals("fraud@v1 → fraud@v2", diff.selectFirst("h1").text());
        List<String> rows = diff.select("tbody tr").eachText();
        assertTrue(rows.contains("metrics auc 0.91 0.94 +0.03"), rows.toString());
        assertTrue(rows.contains("metrics loss 0.3 removed"), rows.toString());
        assertTrue(diff.select("pre.diff").isEmpty(), "v2 carries v1's model card forward unchanged: no card diff");
    }

    @Test
    void anEarlierCatalogIsReplacedAndOtherFilesAreKept() throws Exception {
        Path out = env.dir().resolve("site");
        write(out);
        Files.writeString(out.resolve("stale.html"), "old");
        write(out);
        assertFalse(Files.exists(out.resolve("stale.html")), "the directory holds exactly the new catalog");
        Path mine = Files.createDirectories(env.dir().resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "mine");
        TargetExistsException refused = assertThrows(TargetExistsException.class, () -> write(mine));
        assertTrue(refused.getMessage().contains("--force"), refused.getMessage());
        assertEquals("mine", Files.readString(mine.resolve("notes.txt")));
        try (Stream<Path> siblings = Files.list(env.dir())) {
            assertTrue(siblings.noneMatch(p -> p.getFileName().toString().contains(".tmp-")), "no staging directory is left");
        }
    }

    static List<Path> pages(Path out) throws IOException {
        try (Stream<Path> walk = Files.walk(out)) {
            return walk.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
    }
}
