package io.gitmodel.registry.internal.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.errors.CorruptMetadataException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** JSON from elsewhere (a Git LFS server's answers) is refused when hostile, before it becomes objects. */
class JsonTest {
    private static final String WHAT = "LFS batch response of https://lfs.example.com";

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("too deep", "{\"a\":" + "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH) + "}", "nested more than 32"),
                Arguments.of("very deep", "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}", "nested more than 32"),
                Arguments.of("over a mebibyte", "{\"a\":\"" + "x".repeat(Json.MAX_CHARS) + "\"}", "limit is " + Json.MAX_CHARS),
                Arguments.of("duplicate key", "{\"objects\":[],\"objects\":[1]}", "not valid JSON: Duplicate field 'objects'"),
                Arguments.of("trailing content", "{\"a\":1} {\"b\":2}", "has more after its JSON value"),
                Arguments.of("an array, not an object", "[1,2]", "is not a JSON object"),
                Arguments.of("empty", "", "is empty"),
                Arguments.of("not JSON", "objects: []", "not valid JSON"),
                Arguments.of("single quotes", "{'a':1}", "not valid JSON"),
                Arguments.of("NaN", "{\"a\":NaN}", "not valid JSON"),
                Arguments.of("cut short", "{\"objects\":[{\"oid\":\"ab\"", "not valid JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void hostileJsonIsRefusedNamingTheDocument(String what, String text, String reason) {
        CorruptMetadataException e = assertThrows(CorruptMetadataException.class, () -> Json.readObject(text, WHAT));
        assertEquals(WHAT, e.file());
        assertTrue(e.getMessage().startsWith(WHAT) && e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void plainDataComesBackInOrderWithItsTypes() throws Exception {
        Map<String, Object> doc = Json.readObject("{\"z\":1,\"a\":[true,null,2.5,\"s\\u2028\"],\"big\":12345678901,\"m\":{}}", WHAT);
        assertEquals(List.of("z", "a", "big", "m"), List.copyOf(doc.keySet()));
        assertEquals(1, doc.get("z"));
        assertEquals(java.util.Arrays.asList(true, null, 2.5, "s\u2028"), doc.get("a"));
        assertEquals(12345678901L, doc.get("big"));
        assertEquals(Map.of(), doc.get("m"));
    }

    @Test
    void whitespaceJsonAllowsIsAccepted() throws Exception {
        assertEquals(Map.of("a", List.of(1)), Json.readObject("\t{\r\n\t\"a\" :\t[ 1 ]\n}\n", WHAT));
    }

    @Test
    void compactWritingIsWhatTheCallerWrites() {
        assertEquals("{\"oid\":\"ab\",\"size\":3}", Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("oid", "ab");
            g.writeNumberField("size", 3);
            g.writeEndObject();
        }));
    }
}
