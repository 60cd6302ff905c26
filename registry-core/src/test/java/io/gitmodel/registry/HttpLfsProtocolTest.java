package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.errors.TransportException;
import io.gitmodel.registry.testing.HttpRegistryServer;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.RegistryAssertions;
import io.gitmodel.registry.testing.RepoState;
import io.gitmodel.registry.testing.TestEnv;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Git LFS batch API as a client must speak it: many objects per request, the verify action,
 * and every kind of wrong server answer refused with a clear error and nothing stored.
 */
@IsolatedGit
class HttpLfsProtocolTest {
    private static final Pattern OBJECT = Pattern.compile("\"oid\":\"([0-9a-f]{64})\",\"size\":(\\d+)");

    Path tmp;

    private TestEnv env;
    private HttpRegistryServer server;

    @BeforeEach
    void start(TestEnv env) throws Exception {
        this.env = env;
        tmp = env.dir();
        server = new HttpRegistryServer(tmp.resolve("srv"));
        Registry.init(server.repositoryDirectory("hub")).bare(true).signed(false).config(env.config()).call().close();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void manyArtifactsTravelInBatchesOfOneHundred() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("shards"));
        for (int i = 0; i < 250; i++) {
            Files.writeString(dir.resolve(String.format("shard-%03d.bin", i)), "shard " + i);
        }
        try (Registry site = clone("site")) {
            site.register("embeddings").artifact(dir).call();
            server.clearRequests();
            assertEquals(250, site.push("origin").call().objects());
        }
        assertEquals(3, server.requestCount(r -> r.isLfsBatch()), "250 objects: 3 batch requests");
        assertEquals(250, server.requestCount(r -> r.isLfsObject() && r.method().equals("PUT")));

        server.clearRequests();
        try (Registry other = clone("other")) {
            assertEquals(250, other.versions("embeddings").get(0).artifacts().size());
        }
        assertEquals(3, server.requestCount(r -> r.isLfsBatch()));
        assertEquals(250, server.requestCount(r -> r.isLfsObject() && r.method().equals("GET")));

        server.clearRequests();
        try (Registry site = Registry.open(tmp.resolve("site"), env.config())) {
            assertEquals(0, site.push("origin").call().objects(), "nothing to upload twice");
        }
        assertEquals(0, server.requestCount(r -> r.isLfsObject()));
    }

    @Test
    void aMovedBatchEndpointIsFollowedAndLfsUrlIsHonoured() throws Exception {
        byte[] bytes = "moved model".getBytes();
        try (Registry writer = clone("writer")) {
            writer.register("fraud").artifact(Files.write(tmp.resolve("model.bin"), bytes)).call();
            writer.push("origin").call();
        }
        Path reader = tmp.resolve("reader");
        Registry.cloneFrom(server.url("hub"), reader).bare(true).metadataOnly(true).config(env.config()).call().close();
        env.git().git(reader, "config", "remote.origin.lfsurl", server.baseUrl() + "/old-lfs").ok();
        server.setInterceptor((req, rsp) -> {
            if (req.getRequestURI().equals("/old-lfs/objects/batch")) {
                body(req);
                rsp.setStatus(307);
                rsp.setHeader("Location", server.lfsUrl("hub") + "/objects/batch");
                return true;
            }
            return false;
        });
        try (Registry registry = Registry.open(reader, env.config())) {
            try (InputStream in = registry.openArtifact(registry.resolve("fraud@v1"), "model.bin")) {
                assertArrayEquals(bytes, in.readAllBytes());
            }
        }
        assertEquals(1, server.requestCount(r -> r.path().equals("/old-lfs/objects/batch")));
    }

    @Test
    void theVerifyActionIsCalledAfterEachUpload() throws Exception {
        List<String> verified = new CopyOnWriteArrayList<>();
        server.setInterceptor((req, rsp) -> {
            if (req.getRequestURI().equals("/verify")) {
                verified.add(body(req));
                rsp.setStatus(200);
                return true;
            }
            if (!isBatch(req)) {
                return false;
            }
            answer(rsp, 200, objects(req, (oid, size) -> "{\"oid\":\"" + oid + "\",\"size\":" + size + ",\"actions\":{"
                    + "\"upload\":{\"href\":\"" + server.url("hub") + "/info/lfs/objects/" + oid + "\"},"
                    + "\"verify\":{\"href\":\"" + server.baseUrl() + "/verify\",\"header\":{\"X-Check\":\"1\"}}}}"));
            return true;
        });
        byte[] bytes = "verified model".getBytes();
        try (Registry site = clone("site")) {
            site.register("fraud").artifact(Files.write(tmp.resolve("model.bin"), bytes)).call();
            site.push("origin").call();
        }
        assertEquals(List.of("{\"oid\":\"" + RegistryAssertions.sha256(bytes) + "\",\"size\":" + bytes.length + "}"), verified);
    }

    @Test
    void aFailedVerifyFailsThePushAndMovesNoRef() throws Exception {
        server.setInterceptor((req, rsp) -> {
            if (req.getRequestURI().equals("/verify")) {
                answer(rsp, 422, "{\"message\":\"object is incomplete\"}");
                return true;
            }
            if (!isBatch(req)) {
                return false;
            }
            answer(rsp, 200, objects(req, (oid, size) -> "{\"oid\":\"" + oid + "\",\"size\":" + size + ",\"actions\":{"
                    + "\"upload\":{\"href\":\"" + server.url("hub") + "/info/lfs/objects/" + oid + "\"},"
                    + "\"verify\":{\"href\":\"" + server.baseUrl() + "/verify\"}}}"));
            return true;
        });
        Path hub = server.repositoryDirectory("hub");
        Map<String, String> before = RepoState.capture(hub).refs();
        try (Registry site = clone("site")) {
            site.register("fraud").artifact(Files.writeString(tmp.resolve("model.bin"), "m")).call();
            TransportException e = assertThrows(TransportException.class, () -> site.push("origin").call());
            assertTrue(e.getMessage().contains("did not confirm") && e.getMessage().contains("422"), e.getMessage());
        }
        assertEquals(before, RepoState.capture(hub).refs());
    }

    static Stream<Arguments> wrongAnswers() {
        return Stream.of(
                Arguments.of("another object", (BiFunction<String, Long, String>) (oid, size) ->
                        "{\"objects\":[{\"oid\":\"" + "0".repeat(64) + "\",\"size\":" + size + ",\"actions\":{}}]}",
                        "not asked about"),
                Arguments.of("another size", (BiFunction<String, Long, String>) (oid, size) ->
                        "{\"objects\":[{\"oid\":\"" + oid + "\",\"size\":" + (size + 1) + "}]}", "not asked about"),
                Arguments.of("an object error", (BiFunction<String, Long, String>) (oid, size) ->
                        "{\"objects\":[{\"oid\":\"" + oid + "\",\"size\":" + size
                                + ",\"error\":{\"code\":404,\"message\":\"Object does not exist\"}}]}", "Object does not exist"),
                Arguments.of("no objects", (BiFunction<String, Long, String>) (oid, size) -> "{\"objects\":[]}",
                        "without the object"),
                Arguments.of("malformed JSON", (BiFunction<String, Long, String>) (oid, size) -> "{\"objects\":[{\"oid\":",
                        "malformed"),
                Arguments.of("a file: href", (BiFunction<String, Long, String>) (oid, size) ->
                        "{\"objects\":[{\"oid\":\"" + oid + "\",\"size\":" + size
                                + ",\"actions\":{\"download\":{\"href\":\"file:///etc/passwd\"}}}]}", "invalid href"),
                Arguments.of("another transfer adapter", (BiFunction<String, Long, String>) (oid, size) ->
                        "{\"transfer\":\"tus\",\"objects\":[]}", "'tus'"),
                Arguments.of("a 5 MiB answer", (BiFunction<String, Long, String>) (oid, size) ->
                        "{\"objects\":[],\"padding\":\"" + "x".repeat(5 << 20) + "\"}", "larger than"));
    }

    @ParameterizedTest(name = "a batch answer with {0}")
    @MethodSource("wrongAnswers")
    void aWrongBatchAnswerIsRefusedAndNothingIsStored(String what, BiFunction<String, Long, String> answer, String expected)
            throws Exception {
        byte[] bytes = "model bytes".getBytes();
        try (Registry writer = clone("writer")) {
            writer.register("fraud").artifact(Files.write(tmp.resolve("model.bin"), bytes)).call();
            writer.push("origin").call();
        }
        Path reader = tmp.resolve("reader");
        Registry.cloneFrom(server.url("hub"), reader).bare(true).metadataOnly(true).config(env.config()).call().close();
        server.setInterceptor((req, rsp) -> {
            if (!isBatch(req)) {
                return false;
            }
            Matcher m = OBJECT.matcher(body(req));
            assertTrue(m.find());
            answer(rsp, 200, answer.apply(m.group(1), Long.parseLong(m.group(2))));
            return true;
        });
        try (Registry registry = Registry.open(reader, env.config())) {
            ModelVersion v1 = registry.resolve("fraud@v1");
            TransportException e = assertThrows(TransportException.class, () -> registry.openArtifact(v1, "model.bin").close());
            assertTrue(e.getMessage().contains(expected), e.getMessage());
            assertTrue(e.getMessage().contains("fraud@v1:model.bin"), e.getMessage());
            assertTrue(e.getMessage().length() < 1000, "no server answer pasted whole: " + e.getMessage().length());
            assertFalse(Files.exists(reader.resolve("lfs/objects")) && Files.walk(reader.resolve("lfs/objects"))
                    .anyMatch(Files::isRegularFile), "nothing stored");

            server.setInterceptor(null);
            try (InputStream in = registry.openArtifact(v1, "model.bin")) {
                assertArrayEquals(bytes, in.readAllBytes(), "a retry against a sane server works");
            }
        }
    }

    private Registry clone(String dir) throws Exception {
        return Registry.cloneFrom(server.url("hub"), tmp.resolve(dir)).bare(true).config(env.config()).call();
    }

    private static boolean isBatch(HttpServletRequest req) {
        return req.getMethod().equals("POST") && req.getRequestURI().endsWith("/info/lfs/objects/batch");
    }

    private static String body(HttpServletRequest req) throws IOException {
        return new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** A batch answer with one entry per object asked about. */
    private static String objects(HttpServletRequest req, BiFunction<String, Long, String> entry) throws IOException {
        Map<String, Long> asked = new TreeMap<>();
        Matcher m = OBJECT.matcher(body(req));
        while (m.find()) {
            asked.put(m.group(1), Long.parseLong(m.group(2)));
        }
        StringBuilder json = new StringBuilder("{\"transfer\":\"basic\",\"objects\":[");
        String separator = "";
        for (Map.Entry<String, Long> o : asked.entrySet()) {
            json.append(separator).append(entry.apply(o.getKey(), o.getValue()));
            separator = ",";
        }
        return json.append("]}").toString();
    }

    private static void answer(HttpServletResponse rsp, int status, String json) throws IOException {
        rsp.setStatus(status);
        rsp.setContentType("application/vnd.git-lfs+json");
        rsp.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    }
}
