package io.gitmodel.examples;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gitmodel.registry.ModelEvent;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Registry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A serving program that follows a stage: it serves {@code <model>@<stage>} (production by
 * default) over HTTP with ONNX Runtime, and when a promotion or rollback reaches it (a pull from a
 * remote on a schedule, or {@code POST /reload}) it loads the new version beside the old one and
 * swaps them atomically: requests in flight finish on the old model, new ones get the new one,
 * none is dropped. Every answer names the version that gave it.
 *
 * <pre>
 * examples/run OnnxServingProgram &lt;registry&gt; [--model fraud] [--stage production] [--port 8080]
 *                                 [--remote origin] [--pull-every 30]
 * curl -s localhost:8080/predict -d '{"log_amount": 4.2, "night": 1, "merchant_risk": 0.9, "velocity": 3, "foreign": 1}'
 * curl -s localhost:8080/health
 * </pre>
 */
public final class OnnxServingProgram implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();

    private final Registry registry;
    private final String model;
    private final String stage;
    private final String remote;
    private final AtomicReference<LoadedModel> current = new AtomicReference<>();
    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(8);
    private final ScheduledExecutorService follower = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong swaps = new AtomicLong();

    private OnnxServingProgram(Registry registry, String model, String stage, String remote, int port) throws Exception {
        this.registry = registry;
        this.model = model;
        this.stage = stage;
        this.remote = remote;
        current.set(loadCurrent());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        server.createContext("/predict", this::predict);
        server.createContext("/health", this::health);
        server.createContext("/reload", this::reload);
        server.setExecutor(workers);
    }

    /** Loads what the stage holds now, starts serving it on {@code port} (0: any free port) and follows the stage. */
    public static OnnxServingProgram start(Registry registry, String model, String stage, String remote, int port,
            Duration pullEvery) throws Exception {
        OnnxServingProgram p = new OnnxServingProgram(registry, model, stage, remote, port);
        p.server.start();
        if (pullEvery != null) {
            p.follower.scheduleWithFixedDelay(p::refreshQuietly, pullEvery.toMillis(), pullEvery.toMillis(), TimeUnit.MILLISECONDS);
        }
        return p;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The version served now. */
    public ModelVersion serving() {
        return current.get().version();
    }

    /** How many predictions were answered, and how many times the model was swapped. */
    public long served() {
        return served.get();
    }

    public long swaps() {
        return swaps.get();
    }

    /**
     * Pulls from the remote (if one was named), and if the stage now holds another version (or
     * the same one put there by a newer change), loads it and swaps it in. True if it swapped.
     */
    public synchronized boolean refresh() throws Exception {
        if (remote != null) {
            registry.pull(remote).call();
        }
        LoadedModel now = current.get();
        ModelVersion wanted = registry.resolve(model + "@" + stage);
        String commit = stageCommit();
        if (wanted.equals(now.version()) && commit.equals(now.stageCommit())) {
            return false;
        }
        LoadedModel fresh = LoadedModel.load(registry, wanted, commit);
        LoadedModel old = current.getAndSet(fresh);
        swaps.incrementAndGet();
        old.release(); // closed when its last request is answered
        System.err.println("serving " + fresh.version().ref() + " (stage commit " + fresh.stageCommit() + ")");
        return true;
    }

    private void refreshQuietly() {
        try {
            refresh(); // says what it swapped to
        } catch (Exception e) {
            // keep serving what we have: a remote that is down must not take the service down
            System.err.println("follow " + model + "@" + stage + ": " + e.getMessage() + "; still serving " + serving().ref());
        }
    }

    private LoadedModel loadCurrent() throws Exception {
        return LoadedModel.load(registry, registry.resolve(model + "@" + stage), stageCommit());
    }

    /** The stage commit that put what the stage holds of the model there: the newest change of it. */
    private String stageCommit() throws Exception {
        List<ModelEvent> log = registry.log(stage);
        for (int i = log.size() - 1; i >= 0; i--) {
            if (model.equals(log.get(i).model() == null ? null : log.get(i).model().value())) {
                return log.get(i).commit();
            }
        }
        return "";
    }

    private void predict(HttpExchange x) throws IOException {
        if (!"POST".equals(x.getRequestMethod())) {
            send(x, 405, Map.of("error", "POST a JSON object of features"));
            return;
        }
        Map<String, Double> features;
        try {
            features = readFeatures(x.getRequestBody());
        } catch (IOException | RuntimeException e) {
            send(x, 400, Map.of("error", "the body must be a JSON object of numbers: " + e.getMessage()));
            return;
        }
        LoadedModel m;
        do {
            m = current.get();
        } while (!m.acquire()); // lost a race with a swap that closed it: take the new one
        try {
            Map<String, Double> scores = m.predict(features);
            String label = scores.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("model", m.version().ref().toString());
            body.put("stage", stage);
            body.put("stage_commit", m.stageCommit());
            body.put("label", label);
            body.put("scores", scores);
            served.incrementAndGet();
            send(x, 200, body);
        } catch (IllegalArgumentException e) {
            send(x, 400, Map.of("error", e.getMessage(), "model", m.version().ref().toString()));
        } catch (Exception e) {
            send(x, 500, Map.of("error", String.valueOf(e.getMessage()), "model", m.version().ref().toString()));
        } finally {
            m.release();
        }
    }

    private void health(HttpExchange x) throws IOException {
        LoadedModel m = current.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("model", m.version().ref().toString());
        body.put("stage", stage);
        body.put("stage_commit", m.stageCommit());
        body.put("inputs", String.join(",", m.inputs()));
        body.put("served", served.get());
        body.put("swaps", swaps.get());
        send(x, 200, body);
    }

    private void reload(HttpExchange x) throws IOException {
        try {
            boolean swapped = refresh();
            send(x, 200, Map.of("swapped", swapped, "model", serving().ref().toString()));
        } catch (Exception e) {
            send(x, 500, Map.of("error", String.valueOf(e.getMessage()), "model", serving().ref().toString()));
        }
    }

    private static Map<String, Double> readFeatures(InputStream body) throws IOException {
        Map<String, Double> out = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            String name;
            while ((name = p.nextFieldName()) != null) {
                JsonToken t = p.nextToken();
                if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                    throw new IOException(name + " is not a number");
                }
                out.put(name, p.getDoubleValue());
            }
        }
        return out;
    }

    private static void send(HttpExchange x, int status, Map<String, ?> body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            write(g, body);
        }
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.size());
        try (OutputStream out = x.getResponseBody()) {
            bytes.writeTo(out);
        }
    }

    private static void write(JsonGenerator g, Object v) throws IOException {
        if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Number n) {
            g.writeNumber(n.doubleValue() == n.longValue() && !(v instanceof Double) ? String.valueOf(n.longValue()) : String.valueOf(n));
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            g.writeString(String.valueOf(v));
        }
    }

    @Override
    public void close() {
        follower.shutdownNow();
        server.stop(1);
        workers.shutdown();
        current.get().release();
    }

    /**
     * The command line's options over their defaults; the registry is {@code args[0]}.
     *
     * @throws IllegalArgumentException for no registry, an unknown option, a missing value or a number that is none
     */
    static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>(Map.of("--model", "fraud", "--stage", "production", "--port", "8080",
                "--pull-every", "30"));
        if (args.length < 1) {
            throw new IllegalArgumentException("no registry");
        }
        for (int i = 1; i < args.length; i += 2) {
            if (!o.containsKey(args[i]) && !args[i].equals("--remote")) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            o.put(args[i], args[i + 1]);
        }
        long port = number(o, "--port");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("option --port: " + port + " is not a port (0 to 65535; 0: any free one)");
        }
        if (number(o, "--pull-every") < 1) {
            throw new IllegalArgumentException("option --pull-every: the seconds between pulls must be 1 or more");
        }
        return o;
    }

    private static long number(Map<String, String> o, String option) {
        try {
            return Long.parseLong(o.get(option));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + option + ": \"" + o.get(option) + "\" is not a number");
        }
    }

    private static final String USAGE = "usage: OnnxServingProgram <registry> [--model fraud] [--stage production] [--port 8080]"
            + " [--remote <name>] [--pull-every <seconds>]";

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(USAGE);
            return;
        }
        Map<String, String> o = Map.of();
        try {
            o = options(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            System.exit(2);
        }
        int port = (int) number(o, "--port"); // checked by options()
        long pullEvery = number(o, "--pull-every");
        Registry registry = null;
        try {
            registry = Registry.open(Path.of(args[0]));
            OnnxServingProgram p = start(registry, o.get("--model"), o.get("--stage"), o.get("--remote"), port,
                    Duration.ofSeconds(pullEvery));
            Registry opened = registry;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                p.close();
                opened.close();
            }));
            System.out.println("serving " + p.serving().ref() + " on http://127.0.0.1:" + p.port() + " (POST /predict, GET /health,"
                    + " POST /reload)");
        } catch (Exception e) {
            // a registry error says what and what to do; anything else (a port in use, a model ONNX Runtime refuses) as it is
            System.err.println("OnnxServingProgram: error: " + (e instanceof io.gitmodel.registry.errors.RegistryException
                    ? e.getMessage() : e.toString()));
            if (registry != null) {
                registry.close();
            }
            System.exit(1);
        }
    }
}
