package io.gitmodel.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.Registry;
import io.gitmodel.registry.RegistryConfig;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ONNX serving program under load while production changes twice (a promotion, then a
 * rollback): every request is answered, each answer names the version that gave it, and each
 * client sees the versions change in the order production did.
 */
class OnnxServingTest {
    private static final String BODY = "{\"log_amount\": 4.2, \"night\": 1, \"merchant_risk\": 0.9, \"velocity\": 3, \"foreign\": 1}";

    @TempDir
    Path tmp;

    @Test
    void swapsModelsUnderLoadWithoutDroppingARequest() throws Exception {
        RegistryConfig config = TestConfig.isolated(tmp);
        try (Registry registry = Registry.init(tmp.resolve("registry")).bare(true).signed(false).config(config).call()) {
            twoVersionsV1InProduction(registry);
            registry.promote("fraud@v2", "staging").reason("eval").call();

            try (OnnxServingProgram server = OnnxServingProgram.start(registry, "fraud", "production", null, 0, null)) {
                URI predict = URI.create("http://127.0.0.1:" + server.port() + "/predict");
                AtomicBoolean stop = new AtomicBoolean();
                AtomicLong errors = new AtomicLong();
                Map<String, AtomicLong> byModel = new ConcurrentHashMap<>();
                List<List<String>> sequences = new ArrayList<>();
                List<Thread> clients = new ArrayList<>();
                for (int c = 0; c < 4; c++) {
                    List<String> seen = new ArrayList<>();
                    sequences.add(seen);
                    Thread t = new Thread(() -> {
                        while (!stop.get()) {
                            try {
                                Response r = call(predict, "POST", BODY);
                                String model = r.body().replaceAll(".*\"model\":\"([^\"]+)\".*", "$1");
                                if (r.status() != 200 || !r.body().contains("\"scores\"")) {
                                    errors.incrementAndGet();
                                } else {
                                    byModel.computeIfAbsent(model, k -> new AtomicLong()).incrementAndGet();
                                    if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(model)) {
                                        seen.add(model);
                                    }
                                }
                            } catch (Exception e) {
                                errors.incrementAndGet();
                            }
                        }
                    });
                    t.start();
                    clients.add(t);
                }
                waitFor(() -> server.served() > 200);
                long beforePromotion = server.served();
                registry.promote("fraud@v2", "production").reason("better auc").call();
                assertTrue(server.refresh(), "the promotion is picked up");
                long afterPromotion = server.served();
                waitFor(() -> server.served() > afterPromotion + 200);
                registry.rollback("fraud", "production").reason("back to v1").call();
                long beforeRollback = server.served();
                Response reload = call(URI.create("http://127.0.0.1:" + server.port() + "/reload"), "POST", "");
                long afterRollback = server.served();
                assertTrue(reload.body().contains("\"swapped\":true") && reload.body().contains("fraud@v1"), reload.body());
                waitFor(() -> server.served() > afterRollback + 200);
                stop.set(true);
                for (Thread t : clients) {
                    t.join();
                }

                System.out.printf("served %d predictions, %d while swapping (promotion %d, rollback %d), errors %d, by model %s%n",
                        server.served(), (afterPromotion - beforePromotion) + (afterRollback - beforeRollback),
                        afterPromotion - beforePromotion, afterRollback - beforeRollback, errors.get(), byModel);
                assertEquals(0, errors.get(), "no request failed or was dropped");
                assertEquals(2, server.swaps());
                for (List<String> seen : sequences) {
                    assertEquals(List.of("fraud@v1", "fraud@v2", "fraud@v1"), seen, "each client saw production change as it did");
                }
                Response health = call(URI.create("http://127.0.0.1:" + server.port() + "/health"), "GET", null);
                assertTrue(health.body().contains("\"model\":\"fraud@v1\"") && health.body().matches(".*\"stage_commit\":\"[0-9a-f]{40}\".*"),
                        health.body());
            }
        }
    }

    @Test
    void aServingHostWithAMetadataOnlyClonePullsOnAScheduleAndFetchesTheNewModel() throws Exception {
        RegistryConfig config = TestConfig.isolated(tmp);
        Path hub = tmp.resolve("hub");
        try (Registry team = Registry.init(hub).bare(true).signed(false).config(config).call()) {
            twoVersionsV1InProduction(team);
            try (Registry host = Registry.cloneFrom(hub.toUri().toString(), tmp.resolve("host")).bare(true).metadataOnly(true)
                    .config(config).call();
                    OnnxServingProgram server = OnnxServingProgram.start(host, "fraud", "production", "origin", 0,
                            java.time.Duration.ofMillis(200))) {
                assertEquals("fraud@v1", server.serving().ref().toString(), "the model bytes were fetched on demand");
                team.promote("fraud@v2", "staging").reason("eval").call();
                team.promote("fraud@v2", "production").reason("better").call();
                waitFor(() -> server.serving().version() == 2);
                Response answer = call(URI.create("http://127.0.0.1:" + server.port() + "/predict"), "POST", BODY);
                assertTrue(answer.body().contains("\"model\":\"fraud@v2\""), answer.body());
                assertEquals(1, server.swaps());
            }
        }
    }

    /** fraud@v1 (2 epochs) in production and fraud@v2 (15 epochs) registered, by the training job. */
    private void twoVersionsV1InProduction(Registry registry) throws Exception {
        TribuoTrainingJob.train(registry, new TribuoTrainingJob.Settings("fraud", 2, 0.05, 1L, 5_000,
                Files.createDirectories(tmp.resolve("run1"))));
        TribuoTrainingJob.train(registry, new TribuoTrainingJob.Settings("fraud", 15, 0.5, 1L, 5_000,
                Files.createDirectories(tmp.resolve("run2"))));
        registry.promote("fraud@v1", "staging").reason("eval").call();
        registry.promote("fraud@v1", "production").reason("first").call();
    }

    private record Response(int status, String body) {
    }

    private static Response call(URI uri, String method, String body) throws java.io.IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setRequestMethod(method);
        if (body != null) {
            c.setDoOutput(true);
            try (java.io.OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        int status = c.getResponseCode();
        try (java.io.InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            return new Response(status, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(5);
        }
    }
}
