package io.gitmodel.registry.testing;

import io.gitmodel.registry.errors.CorruptMetadataException;
import io.gitmodel.registry.internal.format.Json;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses JSON that tests read (the command line's --json output, LFS requests a test server
 * receives) with the library's own JSON reader, so tests and library agree on what JSON is.
 * Whole numbers come back as {@link Long}, others as {@link Double}.
 */
public final class JsonDocs {
    private JsonDocs() {
    }

    public static Object parse(String text) {
        try {
            return longs(Json.read(text, "the JSON under test"));
        } catch (CorruptMetadataException e) {
            throw new AssertionError(e.getMessage() + ":\n" + text, e);
        }
    }

    private static Object longs(Object value) {
        if (value instanceof Integer || value instanceof BigInteger && ((BigInteger) value).bitLength() < 64) {
            return ((Number) value).longValue();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> m = new LinkedHashMap<>();
            map.forEach((k, v) -> m.put((String) k, longs(v)));
            return m;
        }
        if (value instanceof List<?> list) {
            List<Object> l = new ArrayList<>();
            list.forEach(v -> l.add(longs(v)));
            return l;
        }
        return value;
    }
}
