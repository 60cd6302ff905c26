package io.gitmodel.site;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gitmodel.registry.Registry;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * The catalog in a real browser: headless Chromium loads each page from {@code file://} at a
 * desktop and a phone width, and renders it (a screenshot of that size) and its DOM (the tables
 * and charts are there without any script). Skipped where Chromium is not installed; CI installs it.
 */
@IsolatedGit
class CatalogBrowserTest {
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    static String chromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        return null;
    }

    @Test
    void pagesRenderAtDesktopAndPhoneWidths(TestEnv env) throws Exception {
        String browser = chromium();
        assumeTrue(browser != null, "Chromium is not installed (apt-get install chromium); the catalog's browser test needs it");
        Path reg = env.dir().resolve("reg");
        Path w = Files.writeString(env.dir().resolve("w.bin"), "weights");
        Path out = env.dir().resolve("site");
        try (Registry r = Registry.init(reg).bare(true).signed(false).config(env.config()).call()) {
            for (int i = 1; i <= 6; i++) {
                r.register("fraud-detection-eu").artifact(w).metric("auc", 0.80 + i / 100.0).metric("loss", 0.5 - i / 50.0)
                        .tag("team", "risk").description("retrained with week " + i).call();
            }
            r.promote("fraud-detection-eu@v5", "staging").reason("offline eval passed").call();
            r.promote("fraud-detection-eu@v5", "production").reason("A/B test won").call();
            new Catalog(r).write(out);
        }
        for (String page : List.of("index.html", "models/fraud-detection-eu.html", "diffs/fraud-detection-eu-v4-v5.html")) {
            for (int[] size : List.of(new int[] {1280, 900}, new int[] {390, 844})) {
                Path png = env.dir().resolve(page.replace('/', '-') + "-" + size[0] + ".png");
                run(browser, "--screenshot=" + png, "--window-size=" + size[0] + "," + size[1], out.resolve(page).toUri().toString());
                byte[] bytes = Files.readAllBytes(png);
                assertArrayEquals(PNG, Arrays.copyOf(bytes, 4), png + " is a PNG");
                assertEquals(size[0], ByteBuffer.wrap(bytes, 16, 4).getInt(), "rendered at the width asked for");
                assertTrue(bytes.length > 5_000, png + " shows something: " + bytes.length + " bytes");
            }
            Document dom = Jsoup.parse(run(browser, "--dump-dom", out.resolve(page).toUri().toString()));
            assertTrue(dom.select("main table, main svg").size() > 0, page + " has its tables and charts in the rendered DOM");
            assertEquals(0, dom.select("script").size());
        }
    }

    private static String run(String browser, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--no-first-run", "--disable-dev-shm-usage"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] stdout = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("Chromium did not finish: " + command);
        }
        assertEquals(0, p.exitValue(), "Chromium failed: " + command);
        return new String(stdout, StandardCharsets.UTF_8);
    }
}
